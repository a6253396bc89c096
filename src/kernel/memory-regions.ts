// Named semantic memory regions (kernel layer): mem.malloc gives one (an id, a description
// and its embedding, a size in tokens); its owner writes text into it and shares it with
// processes, which can then read it — in order, or by similarity to a query. This is the
// seed's "shared memory" pattern of communication. Used by memory.ts only.
import type { Clock } from '../base/clock.js';
import { NlshError } from '../base/errors.js';
import { cosine } from '../embed/types.js';
import { estimateTokens } from './context-compress.js';
import type { MemoryStore, StoredRegion } from './memory-store.js';
import type { ProcessTable } from './services.js';
import type { MemoryRegion, PCB } from './types.js';

export interface RegionReadOptions {
  /** Rank entries by similarity to this text instead of returning them in order. */
  query?: string;
  k?: number;
}

export interface RegionHit {
  text: string;
  author: string;
  at: number;
  score?: number;
}

/** The region table: in memory, written through to the store. */
export class RegionTable {
  private readonly regions: Map<string, StoredRegion>;

  constructor(
    private readonly store: MemoryStore,
    private readonly embed: (text: string) => Promise<number[]>,
    private readonly clock: Clock,
    private readonly procs: ProcessTable,
    private readonly defaultTokens: number,
  ) {
    this.regions = new Map(store.loadRegions().map((r) => [r.id, r]));
  }

  /** Allocates a region owned by owner; fails mem.badRegion / mem.badSize. */
  async malloc(owner: string, description: string, sizeTokens = this.defaultTokens): Promise<MemoryRegion> {
    const text = description.trim();
    if (!text) throw new NlshError('mem.badRegion', 'a memory region needs a description', { hint: 'malloc "storing user preferences"' });
    if (!Number.isInteger(sizeTokens) || sizeTokens < 1) throw new NlshError('mem.badSize', `region size must be a whole number of tokens >= 1, got ${sizeTokens}`);
    const vector = await this.embed(text);
    const r: StoredRegion = { id: `m${this.store.next('region')}`, description: text, owner, sharedWith: [], sizeTokens, usedTokens: 0, createdAt: this.clock.now(), vector };
    this.regions.set(r.id, r);
    this.store.saveRegion(r);
    return view(r);
  }

  /** Removes a region and its contents; fails mem.notFound. */
  free(id: string): MemoryRegion {
    const r = this.must(id);
    this.regions.delete(id);
    this.store.deleteRegion(id);
    return view(r);
  }

  /** Lets a live process use the region; fails mem.notFound, proc.notFound, proc.terminated, mem.badShare. */
  share(id: string, pcb: PCB): MemoryRegion {
    const r = this.must(id);
    if (pcb.pid === r.owner) throw new NlshError('mem.badShare', `${pcb.pid} already owns ${id}`);
    if (!r.sharedWith.includes(pcb.pid)) {
      r.sharedWith.push(pcb.pid);
      this.store.saveRegion(r);
    }
    return view(r);
  }

  /** Appends text to the region (replace: in place of its contents); fails mem.notFound, mem.denied (no access), mem.regionFull (over its size). */
  async write(id: string, principal: string, text: string, opts: { replace?: boolean } = {}): Promise<MemoryRegion> {
    const r = this.must(id);
    this.checkAccess(r, principal, 'write to');
    const tokens = estimateTokens(text);
    const used = opts.replace ? 0 : r.usedTokens;
    if (used + tokens > r.sizeTokens) {
      throw new NlshError('mem.regionFull', `${id} has ${r.sizeTokens - used} of ${r.sizeTokens} tokens free; this needs ${tokens}`, {
        hint: 'free it and malloc a larger one, or write less', details: { id, sizeTokens: r.sizeTokens, usedTokens: r.usedTokens, needed: tokens },
      });
    }
    const vector = await this.embed(text);
    r.usedTokens = used + tokens;
    const entry = { region: id, seq: this.store.next(`entry:${id}`), author: principal, text, tokens, vector, at: this.clock.now() };
    if (opts.replace) this.store.replaceEntries(r, entry);
    else this.store.addEntry(r, entry);
    return view(r);
  }

  /** The region's entries in order, or the k most similar to a query; fails mem.notFound, mem.denied. */
  async read(id: string, principal: string, opts: RegionReadOptions = {}): Promise<RegionHit[]> {
    const r = this.must(id);
    this.checkAccess(r, principal, 'read');
    const entries = this.store.entries(id);
    if (opts.query === undefined) return entries.slice(0, opts.k ?? entries.length).map((e) => ({ text: e.text, author: e.author, at: e.at }));
    const q = await this.embed(opts.query);
    return entries
      .map((e) => ({ text: e.text, author: e.author, at: e.at, score: cosine(q, e.vector) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, opts.k ?? 5);
  }

  get(id: string): MemoryRegion | undefined {
    const r = this.regions.get(id);
    return r ? view(r) : undefined;
  }

  list(): MemoryRegion[] {
    return [...this.regions.values()].map(view);
  }

  private must(id: string): StoredRegion {
    const r = this.regions.get(id);
    if (!r) throw new NlshError('mem.notFound', `no memory region ${id}`, { hint: "'mem' lists the regions" });
    return r;
  }

  /** The owner, whoever owns the owner (the user who spawned an agent), and the processes it is shared with may use a region. */
  private checkAccess(r: StoredRegion, principal: string, what: string): void {
    if (r.sharedWith.includes(principal)) return;
    let o: string | undefined = r.owner;
    for (let depth = 0; o !== undefined && depth < 64; depth++) {
      if (o === principal) return;
      o = this.procs.get(o)?.owner;
    }
    throw new NlshError('mem.denied', `${principal} may not ${what} ${r.id} (owned by ${r.owner})`, { hint: `its owner can share it: share ${r.id} with ${principal}` });
  }
}

function view(r: StoredRegion): MemoryRegion {
  const { vector: _v, ...rest } = r;
  return { ...rest, sharedWith: [...r.sharedWith] };
}
