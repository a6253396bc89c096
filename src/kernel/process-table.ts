// The process table (kernel layer): every PCB, checkpointed to SQLite on every change, so
// processes come back after a restart with their state and context. Only this file changes a
// PCB's state (through the transition table in states.ts). Called by the proc.* syscalls,
// resources, the bus, memory and the agent runtime.
//
// The table opens lazily: boot reads no process. A PCB object is made when a process is first
// referenced (get, resolve, a transition), and all live ones (everything but TERMINATED) when
// something needs them all: list(), a reference by meaning, the scheduler's run queue
// (schedulerWithTable). Listings (`ps`, `top`) read pages and counts straight from SQLite
// (process-store.ts) and make no PCB. The database and the PCBs in memory never disagree:
// every change is written before it is made visible, so a row read from SQLite is current.
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import { NlshError } from '../base/errors.js';
import type { Db } from '../base/sqlite.js';
import { cosine, type Embedder } from '../embed/types.js';
import { blobToVector, vectorToBlob } from './kernel-store.js';
import { loadedContent, pcbFromJson, pcbJson, processInfo, type PcbLoaders } from './lazy-pcb.js';
import { ambiguous, checkName, checkPriority, notFound, round } from './process-checks.js';
import { defaultName } from './process-names.js';
import { waitForExit } from './process-wait.js';
import { createProcessStore, infoFromRow, type ProcessCensus, type StoredRow } from './process-store.js';
import type { ProcessTable, Scheduler, SpawnOptions } from './services.js';
import { assertTransition } from './states.js';
import type { ContextMessage, KernelEvents, PCB, ProcessInfo, ProcState } from './types.js';

export interface ProcessTableDeps {
  db: Db;
  clock: Clock;
  events: Emitter<KernelEvents>;
  embedder: Embedder;
  /** Told about every change so its run queues follow the states. */
  scheduler?: Pick<Scheduler, 'update' | 'remove'>;
  defaults?: { budget?: number; contextWindow?: number; priority?: number };
  /** Below this similarity a description names no process (proc.notFound). */
  minScore?: number;
  /** When the best two matches are closer than this, the reference is ambiguous. */
  ambiguityMargin?: number;
}

export interface ProcessTableImpl extends ProcessTable {
  /** Number of processes stored, terminated ones included. */
  readonly size: number;
  /** Makes a PCB of every live process and hands each to the scheduler (the run queue must hold them all). */
  loadLive(): void;
  /** How many PCBs are in memory (made so far): a diagnostic of the lazy table. */
  readonly resident: number;
}

export const DEFAULT_BUDGET = 50_000;
export const DEFAULT_CONTEXT_WINDOW = 8_192;
export const DEFAULT_PRIORITY = 10;
export { defaultName } from './process-names.js';

const PID_RE = /^p?(\d+)$/i;

/** Opens the table over a migrated database; loads no process (THINKING ones are set RUNNING in SQL: their inference died with the old process). */
export function createProcessTable(deps: ProcessTableDeps): ProcessTableImpl {
  const { db, clock, events, embedder } = deps;
  // tuned on GloVe: unrelated queries score < 0.25, a loose but right one ("the architect") ~0.3;
  // near-ties are refused because the runner-up is then often the right one
  const minScore = deps.minScore ?? 0.28;
  const margin = deps.ambiguityMargin ?? 0.05;
  const store = createProcessStore(db);
  const procs = new Map<string, PCB>(); // the PCBs made so far; in pid order once allLoaded
  let liveNames: Map<string, string> | undefined; // lower-cased name of a live process -> pid, built on first need
  const contextOf = db.prepare('SELECT context FROM processes WHERE pid = ?');
  store.wakeThinking();
  let nextNum = store.maxNum() + 1;
  // an empty home has nothing to load: every PCB it will hold is made by spawn
  let liveLoaded = nextNum === 1;
  let allLoaded = nextNum === 1;

  // counts by state change only when a row is written: top asks every refresh, and twice (header, memory tiers)
  let census: ProcessCensus | undefined;
  const persist = (pcb: PCB): void => {
    // turns never loaded cannot have changed: only the small PCB is written
    const turns = loadedContent(pcb.contextWindow);
    census = undefined;
    store.update(pcb, pcbJson(pcb), pcb.contextWindow, turns === undefined ? undefined : JSON.stringify(turns));
  };
  // the first vpid anyone needs (a semantic reference, content routing) compares them all: load them in one query
  let vpids: Map<string, number[]> | undefined;
  const loaders: PcbLoaders = {
    context(pid) {
      const row = contextOf.get(pid) as { context: string } | undefined;
      return row ? (JSON.parse(row.context) as ContextMessage[]) : [];
    },
    vpid(pid) {
      vpids ??= new Map((db.prepare('SELECT pid, vpid FROM processes').all() as { pid: string; vpid: Buffer }[]).map((r) => [r.pid, blobToVector(r.vpid)]));
      const v = vpids.get(pid) ?? [];
      vpids.delete(pid); // the PCB keeps it from now on
      return v;
    },
  };
  const notify = (pcb: PCB, change: KernelEvents['proc']['change']): void => {
    if (pcb.state === 'TERMINATED') {
      if (liveNames?.get(pcb.name.toLowerCase()) === pcb.pid) liveNames.delete(pcb.name.toLowerCase());
      deps.scheduler?.remove(pcb.pid);
    } else deps.scheduler?.update(pcb);
    events.emit('proc', { pcb, change });
  };

  /** The PCB of a stored row, made once; a live one joins the run queue. */
  const materialise = (row: StoredRow): PCB => {
    const have = procs.get(row.pid);
    if (have) return have;
    const pcb = pcbFromJson(row.pcb, loaders);
    // a fresh kernel holds no inference slot; older homes also stored memoryMB/diskMB (never measured)
    pcb.resources = { gpuUnits: 0 };
    procs.set(pcb.pid, pcb);
    if (pcb.state !== 'TERMINATED') deps.scheduler?.update(pcb);
    return pcb;
  };
  const lookup = (pid: string): PCB | undefined => {
    const have = procs.get(pid);
    if (have || allLoaded) return have;
    const row = store.row(pid);
    return row ? materialise(row) : undefined;
  };
  // rows are streamed (not all held at once: that doubles the peak memory at 50,000 processes);
  // the map is rebuilt in pid order so list() needs no sort
  const loadRows = (includeTerminated: boolean): void => {
    const ordered = new Map<string, PCB>();
    for (const row of store.rows({ includeTerminated })) ordered.set(row.pid, materialise(row));
    for (const [pid, pcb] of procs) if (!ordered.has(pid)) ordered.set(pid, pcb); // terminated ones made earlier
    procs.clear();
    for (const [pid, pcb] of ordered) procs.set(pid, pcb);
  };
  const loadLive = (): void => {
    if (liveLoaded) return;
    loadRows(false);
    liveLoaded = true;
  };
  const names = (): Map<string, string> => {
    if (liveNames) return liveNames;
    liveNames = new Map();
    for (const r of store.names(false)) liveNames.set(r.name.toLowerCase(), r.pid);
    // a PCB renamed or ended in memory is written first, so the index agrees; spawns add themselves
    return liveNames;
  };
  const must = (pid: string): PCB => {
    const pcb = lookup(pid);
    if (!pcb) throw notFound(pid);
    return pcb;
  };
  const live = (): PCB[] => {
    loadLive();
    return [...procs.values()].filter((p) => p.state !== 'TERMINATED');
  };
  /** Processes (of one pool) whose name is `lower`, in pid order. */
  const named = (lower: string, terminated: boolean): PCB[] => {
    if (!terminated) {
      const pid = names().get(lower);
      return pid ? [must(pid)] : [];
    }
    return store.names(true).filter((r) => r.name.toLowerCase() === lower).map((r) => must(r.pid));
  };

  const table: ProcessTableImpl = {
    get size() {
      return store.count(true);
    },

    loadLive,

    get resident() {
      return procs.size;
    },

    async spawn(opts: SpawnOptions): Promise<PCB> {
      const description = opts.description.trim();
      if (!description) throw new NlshError('proc.badSpawn', 'a process needs a description', { hint: 'spawn "an agent that reviews code"' });
      const priority = opts.priority ?? deps.defaults?.priority ?? DEFAULT_PRIORITY;
      checkPriority(priority);
      const budget = opts.budget ?? deps.defaults?.budget ?? DEFAULT_BUDGET;
      const window = opts.contextWindow ?? deps.defaults?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
      if (!Number.isInteger(budget) || budget < 0) throw new NlshError('proc.badSpawn', `budget must be a whole number >= 0, got ${budget}`);
      if (!Number.isInteger(window) || window < 1) throw new NlshError('proc.badSpawn', `context window must be a whole number >= 1, got ${window}`);
      const given = opts.name?.trim();
      const checkFree = (name: string): void => {
        checkName(name);
        const clash = names().get(name.toLowerCase());
        if (clash) throw new NlshError('proc.nameTaken', `${clash} is already called ${name}`, { hint: 'choose another name, or leave it out' });
      };
      if (given) checkFree(given);
      const vec = embedder.embedSync ? embedder.embedSync(description) : (await embedder.embed([description]))[0]!;
      // from here on synchronous: concurrent spawns cannot take the same pid or name
      const num = nextNum;
      let name = given || defaultName(description, num);
      // an automatic name never fails: someone may have chosen "coder-5" by hand already
      for (let k = 2; !given && names().has(name.toLowerCase()); k++) name = `${defaultName(description, num)}-${k}`;
      checkFree(name);
      nextNum = num + 1;
      const pcb: PCB = {
        pid: `p${num}`,
        vpid: Array.from(vec),
        name,
        description,
        type: opts.type ?? 'user',
        state: 'RUNNING',
        priority,
        tokenBudget: { allocated: budget, consumed: 0, remaining: budget, reserved: 0 },
        contextWindow: { maxLength: window, currentLength: 0, content: [] },
        resources: { gpuUnits: 0 },
        permissions: [...(opts.permissions ?? [])],
        role: opts.role ?? 'agent',
        owner: opts.owner,
        parent: opts.parent ?? null,
        createdAt: clock.now(),
        cpuTime: 0,
        ...(opts.model ? { model: opts.model } : {}),
      };
      census = undefined;
      store.insert(pcb, num, pcbJson(pcb), vectorToBlob(vec), pcb.contextWindow);
      procs.set(pcb.pid, pcb);
      names().set(name.toLowerCase(), pcb.pid);
      notify(pcb, 'spawn');
      return pcb;
    },

    get: lookup,

    async resolve(ref: string): Promise<PCB> {
      const text = ref.trim();
      if (!text) throw notFound(ref);
      const m = PID_RE.exec(text);
      if (m) return must(`p${Number(m[1])}`);
      const lower = text.toLowerCase();
      for (const terminated of [false, true]) {
        const hits = named(lower, terminated);
        if (hits.length === 1) return hits[0]!;
        if (hits.length > 1) throw ambiguous(text, hits.map((p) => ({ pid: p.pid, name: p.name, description: p.description })));
      }
      const alive = live();
      const exact = alive.filter((p) => p.description.toLowerCase() === lower);
      if (exact.length === 1) return exact[0]!;
      if (alive.length === 0) throw notFound(text, [], 'no process is running; spawn one first');
      const q = embedder.embedSync ? embedder.embedSync(text) : (await embedder.embed([text]))[0]!;
      const ranked = alive.map((p) => ({ p, score: cosine(q, p.vpid) })).sort((a, b) => b.score - a.score);
      const cands = ranked.slice(0, 3).map(({ p, score }) => ({ pid: p.pid, name: p.name, description: p.description, score: round(score) }));
      const best = ranked[0]!;
      if (best.score < minScore) throw notFound(text, cands);
      const second = ranked[1];
      if (second && best.score - second.score < margin) throw ambiguous(text, cands.slice(0, 2));
      return best.p;
    },

    list(opts = {}) {
      if (opts.includeTerminated && !allLoaded) {
        loadRows(true);
        liveLoaded = allLoaded = true;
      }
      return opts.includeTerminated ? [...procs.values()] : live();
    },

    page(opts = {}) {
      const all = opts.includeTerminated ?? false;
      const processes: ProcessInfo[] = [];
      // a PCB already in memory is the same as its row (written before shown), and saves a parse
      const { limit, offset, sort } = opts;
      for (const row of store.rows({ includeTerminated: all, ...(limit ? { limit } : {}), ...(offset ? { offset } : {}), ...(sort ? { sort } : {}) })) {
        const pcb = procs.get(row.pid);
        processes.push(pcb ? processInfo(pcb) : infoFromRow(row));
      }
      const total = opts.limit || opts.offset ? store.count(all) : processes.length;
      return { processes, total };
    },

    census: () => structuredClone((census ??= store.census())),

    transition(pid: string, to: ProcState, reason?: string): PCB {
      const pcb = must(pid);
      assertTransition(pid, pcb.state, to);
      const before = { state: pcb.state, blockedReason: pcb.blockedReason, exitCode: pcb.exitCode };
      pcb.state = to;
      if (to === 'BLOCKED') pcb.blockedReason = reason ?? 'waiting';
      else delete pcb.blockedReason;
      if (to === 'TERMINATED') pcb.exitCode ??= 0;
      try {
        persist(pcb);
      } catch (err) {
        Object.assign(pcb, before); // memory never runs ahead of the database
        throw err;
      }
      notify(pcb, to === 'TERMINATED' ? 'exit' : 'state');
      return pcb;
    },

    setPriority(pid: string, priority: number): PCB {
      const pcb = must(pid);
      checkPriority(priority);
      if (pcb.state === 'TERMINATED') throw new NlshError('proc.terminated', `${pid} has terminated`, { hint: 'ps -a shows terminated processes' });
      const before = pcb.priority;
      pcb.priority = priority;
      try {
        persist(pcb);
      } catch (err) {
        pcb.priority = before;
        throw err;
      }
      notify(pcb, 'priority');
      return pcb;
    },

    save(pid: string, change?: 'budget' | 'context'): void {
      const pcb = must(pid);
      persist(pcb);
      if (change) notify(pcb, change);
    },

    waitFor(pid: string, signal?: AbortSignal, timeoutMs?: number): Promise<PCB> {
      return waitForExit(must(pid), events, signal, timeoutMs);
    },
  };
  return table;
}
