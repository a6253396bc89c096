// The semantic memory manager, SMM (kernel layer). L1 is a process's context window (tokens);
// when a turn makes it overflow, the oldest turns are summarised (context-compress.ts), the
// originals become an L2 page with an embedding, and a one-turn summary stays in L1. recall()
// swaps the pages most similar to a query back into L1. Named regions (malloc/free/share)
// live alongside. L3 (the embedding cache) and semantic RAM/disk (VectorFS) are reported from
// their owners' counters. Built by kernel.ts; called by the mem.* syscalls and the agent runtime.
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import { NlshError } from '../base/errors.js';
import type { Db } from '../base/sqlite.js';
import { cosine, type Embedder } from '../embed/types.js';
import type { ModelBackend } from '../llm/types.js';
import type { VfsStats } from '../vfs/types.js';
import { estimateTokens, summarize, truncate } from './context-compress.js';
import type { InferenceRequest, InferenceResult } from './inference.js';
import { RegionTable, type RegionHit, type RegionReadOptions } from './memory-regions.js';
import { MemoryStore, type Page } from './memory-store.js';
import type { MemoryManager, ProcessTable } from './services.js';
import type { ContextMessage, KernelEvents, MemoryRegion, PCB, TierName, TierStats } from './types.js';

/** The embedding cache's counters (src/embed/cache.ts); swaps are its evictions when it counts them. */
export type CachedEmbedder = Embedder & { stats(): { entries: number; capacity: number; hits: number; misses: number; evictions?: number } };

export interface MemoryDeps {
  db: Db;
  clock: Clock;
  events: Emitter<KernelEvents>;
  embedder: CachedEmbedder;
  procs: ProcessTable;
  llm: ModelBackend | null;
  /**
   * The kernel's inference path (inference.ts): when given, summaries go through it for the
   * process whose context is compressed (inference slot, rate limit, charged to its budget).
   */
  infer?: (req: InferenceRequest) => Promise<InferenceResult>;
  vfsStats: () => VfsStats;
  /** Tokens of pages L2 holds before evicting the least recently used (default 1,000,000). */
  l2CapacityTokens?: number;
  /** After compression L1 holds at most this fraction of the window (default 0.5). */
  compressTarget?: number;
  /** Longest summary, tokens (default 256; never more than a quarter of the target). */
  summaryTokens?: number;
  /** Pages below this similarity to a query are not recalled (default 0.15). */
  recallThreshold?: number;
  defaultRegionTokens?: number;
  /** Longest wait for the model's summary before falling back to an extractive one (default 60 s). */
  summaryTimeoutMs?: number;
}

export interface MemoryImpl extends MemoryManager {
  /** pid's L2 pages, oldest first. */
  pages(pid: string): Page[];
  write(id: string, principal: string, text: string, opts?: { replace?: boolean }): Promise<MemoryRegion>;
  read(id: string, principal: string, opts?: RegionReadOptions): Promise<RegionHit[]>;
}

const SUMMARY_TAG = /^\[summary (pg\d+)\] /;
const RECALL_TAG = /^\[recalled (pg\d+)\] /;
type Counter = { hits: number; misses: number; swaps: number };

/** Builds the SMM and loads stored regions and pages; fails sys.dbVersion on a newer schema. */
export function createMemory(deps: MemoryDeps): MemoryImpl {
  // a summary is model work done for the process: through the inference path when there is one
  const summarizer = (pid: string): Pick<ModelBackend, 'chat'> | null => {
    const run = deps.infer;
    if (!deps.llm || !run) return deps.llm;
    return {
      async chat(req) {
        const r = await run({
          pid, messages: req.messages, maxTokens: req.maxTokens ?? 256, moveState: false,
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}), ...(req.signal ? { signal: req.signal } : {}),
        });
        return { content: r.content, promptTokens: r.promptTokens, completionTokens: r.completionTokens, latencyMs: r.latencyMs };
      },
    };
  };
  const { clock, events, embedder, procs } = deps;
  const store = new MemoryStore(deps.db);
  const l2Capacity = deps.l2CapacityTokens ?? 1_000_000;
  const targetFraction = deps.compressTarget ?? 0.5;
  const threshold = deps.recallThreshold ?? 0.15;
  const pages = new Map<string, Page>(store.loadPages().map((p) => [p.id, p]));
  const count: Record<'L1' | 'L2', Counter> = { L1: { hits: 0, misses: 0, swaps: 0 }, L2: { hits: 0, misses: 0, swaps: 0 } };
  const locks = new Map<string, Promise<unknown>>();

  const emit = (tier: TierName, event: KernelEvents['memory']['event']): void => {
    if (events.has('memory')) events.emit('memory', { tier, event });
  };
  const embed1 = async (text: string): Promise<number[]> => Array.from((await embedder.embed([text]))[0]!);
  const l2Used = (): number => { let s = 0; for (const p of pages.values()) s += p.tokens; return s; };
  const live = (pid: string): PCB => {
    const pcb = procs.get(pid);
    if (!pcb) throw new NlshError('proc.notFound', `no process ${pid}`, { hint: "see 'ps' for the running processes" });
    if (pcb.state === 'TERMINATED') throw new NlshError('proc.terminated', `${pid} (${pcb.name}) has terminated`, { hint: "'ps' lists the running processes" });
    return pcb;
  };
  // One context change at a time per process: compression awaits the model.
  const serial = <T>(pid: string, fn: () => Promise<T>): Promise<T> => {
    const prev = locks.get(pid) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    locks.set(pid, tail);
    void tail.then(() => { if (locks.get(pid) === tail) locks.delete(pid); });
    return run;
  };
  const regions = new RegionTable(store, embed1, clock, procs, deps.defaultRegionTokens ?? 4096);

  async function compress(pcb: PCB): Promise<void> {
    const cw = pcb.contextWindow;
    const target = Math.max(1, Math.floor(cw.maxLength * targetFraction));
    const summaryBudget = Math.max(16, Math.min(deps.summaryTokens ?? 256, Math.floor(target / 4)));
    let pinned = 0; // the agent's own leading system prompt stays
    while (pinned < cw.content.length - 1 && isPinned(cw.content[pinned]!)) pinned++;
    const last = cw.content.length - 1; // the newest turn always stays
    let end = pinned;
    let freed = 0;
    while (end < last && cw.currentLength - freed + summaryBudget > target) freed += cw.content[end++]!.tokens;
    if (end === pinned) return; // nothing movable: pinned prompt + newest turn are all there is
    const moved = cw.content.slice(pinned, end);
    const raw = moved.filter((t) => !SUMMARY_TAG.test(t.content) && !RECALL_TAG.test(t.content)); // recalled pages are clean: dropped, not re-paged
    const earlier = moved.filter((t) => SUMMARY_TAG.test(t.content)).map((t) => t.content.replace(SUMMARY_TAG, ''));
    let summaryTurn: ContextMessage[] = [];
    if (raw.length > 0) {
      const text = raw.map((t) => `${t.role}: ${t.content}`).join('\n');
      const input = earlier.length ? `Earlier summary: ${earlier.join(' ')}\n${text}` : text;
      const s = await summarize(summarizer(pcb.pid), input, {
        contextTokens: cw.maxLength, summaryTokens: summaryBudget, signal: AbortSignal.timeout(deps.summaryTimeoutMs ?? 60_000),
        ...(pcb.model ? { model: pcb.model } : {}),
      });
      const now = clock.now();
      const page: Page = {
        id: `pg${store.next('page')}`, pid: pcb.pid, text, summary: s.text, method: s.method,
        tokens: raw.reduce((sum, t) => sum + t.tokens, 0), vector: await embed1(text.slice(0, 8000)), createdAt: now, lastUsed: now,
      };
      pages.set(page.id, page);
      store.savePage(page);
      count.L2.swaps++;
      emit('L2', 'swap');
      const content = `[summary ${page.id}] ${s.text}`;
      summaryTurn = [{ role: 'system', content, tokens: estimateTokens(content), at: now }];
      evict(page.id);
    }
    cw.content.splice(pinned, end - pinned, ...summaryTurn);
    cw.currentLength = cw.content.reduce((sum, t) => sum + t.tokens, 0);
    count.L1.swaps++;
    emit('L1', 'swap');
  }

  function evict(keep: string): void {
    let used = l2Used();
    while (used > l2Capacity) {
      // pages of terminated processes go first, then the least recently used
      const rank = (p: Page): number => (procs.get(p.pid)?.state === 'TERMINATED' ? -Infinity : p.lastUsed);
      let lru: Page | undefined;
      for (const p of pages.values()) if (p.id !== keep && (!lru || rank(p) < rank(lru))) lru = p;
      if (!lru) return;
      pages.delete(lru.id);
      store.deletePage(lru.id);
      used -= lru.tokens;
      count.L2.swaps++;
      emit('L2', 'swap');
    }
  }

  const mem: MemoryImpl = {
    appendContext(pid, msg) {
      return serial(pid, async () => {
        const pcb = live(pid);
        const tokens = msg.tokens ?? estimateTokens(msg.content);
        if (!Number.isInteger(tokens) || tokens < 0) throw new NlshError('mem.badTurn', `a turn's token count must be a whole number >= 0, got ${tokens}`);
        if (tokens > pcb.contextWindow.maxLength) {
          throw new NlshError('mem.turnTooLarge', `a ${tokens}-token turn does not fit ${pid}'s ${pcb.contextWindow.maxLength}-token context window`, {
            hint: 'split the input, or spawn the agent with a larger context window',
          });
        }
        pcb.contextWindow.content.push({ role: msg.role, content: msg.content, tokens, at: clock.now() });
        pcb.contextWindow.currentLength += tokens;
        if (pcb.contextWindow.currentLength > pcb.contextWindow.maxLength) await compress(pcb);
        procs.save(pid, 'context');
      });
    },

    recall(pid, query, k = 3) {
      return serial(pid, async () => {
        const pcb = live(pid);
        const q = await embed1(query);
        const ranked = [...pages.values()].filter((p) => p.pid === pid)
          .map((p) => ({ p, score: cosine(q, p.vector) })).filter((x) => x.score >= threshold)
          .sort((a, b) => b.score - a.score).slice(0, Math.max(1, k));
        if (ranked.length === 0) {
          count.L1.misses++;
          count.L2.misses++;
          emit('L2', 'miss');
          return [];
        }
        const cw = pcb.contextWindow;
        let room = Math.max(1, Math.floor(cw.maxLength / 4)); // recalled text takes at most a quarter of the window
        const out: string[] = [];
        const now = clock.now();
        let changed = false;
        for (const { p } of ranked) p.lastUsed = now;
        store.touchPages(ranked.map((x) => x.p.id), now);
        for (const { p } of ranked) {
          const tag = `[recalled ${p.id}] `;
          const resident = cw.content.find((t) => t.content.startsWith(tag));
          if (resident) {
            count.L1.hits++;
            emit('L1', 'hit');
            out.push(resident.content.slice(tag.length));
            continue;
          }
          count.L1.misses++;
          count.L2.hits++;
          emit('L2', 'hit');
          const body = estimateTokens(p.text) + 8 <= room ? p.text : truncate(p.summary, room - 8);
          const content = `${tag}${body}`;
          const tokens = estimateTokens(content);
          if (tokens > room) break;
          room -= tokens;
          cw.content.push({ role: 'system', content, tokens, at: now });
          cw.currentLength += tokens;
          changed = true;
          count.L1.swaps++;
          emit('L1', 'swap');
          out.push(body);
        }
        if (!changed) return out;
        if (cw.currentLength > cw.maxLength) await compress(pcb);
        procs.save(pid, 'context');
        return out;
      });
    },

    async malloc(owner, description, sizeTokens) {
      const r = await regions.malloc(owner, description, sizeTokens);
      emit('semanticRAM', 'alloc');
      return r;
    },
    free(id) {
      const r = regions.free(id);
      emit('semanticRAM', 'free');
      return r;
    },
    share: (id, pid) => regions.share(id, live(pid)),
    write: (id, principal, text, opts) => regions.write(id, principal, text, opts),
    read: (id, principal, opts) => regions.read(id, principal, opts),
    region: (id) => regions.get(id),
    regions: () => regions.list(),
    pages: (pid) => [...pages.values()].filter((p) => p.pid === pid),

    stats(): TierStats[] {
      // summed in SQL over an index: top's memory pane must not load every process (process-store.ts)
      const { contextUsed: l1Used, contextMax: l1Cap } = procs.census();
      const l3 = embedder.stats();
      const v = deps.vfsStats();
      return [
        { tier: 'L1', used: l1Used, capacity: l1Cap, unit: 'tokens', ...count.L1 },
        { tier: 'L2', used: l2Used(), capacity: l2Capacity, unit: 'tokens', ...count.L2 },
        { tier: 'L3', used: l3.entries, capacity: l3.capacity, unit: 'embeddings', hits: l3.hits, misses: l3.misses, swaps: l3.evictions ?? 0 },
        { tier: 'semanticRAM', used: v.vectorsInIndex, capacity: v.indexCapacity, unit: 'vectors', hits: v.ramHits ?? 0, misses: v.ramMisses ?? 0, swaps: v.ramSwaps ?? 0 },
        { tier: 'semanticDisk', used: v.chunks, capacity: 0, unit: 'chunks', hits: v.cacheHits, misses: v.cacheMisses, swaps: 0 },
      ];
    },
  };
  return mem;
}

function isPinned(t: ContextMessage): boolean {
  return t.role === 'system' && !SUMMARY_TAG.test(t.content) && !RECALL_TAG.test(t.content);
}
