// The data behind `top` (tui layer): subscribes to kernel events and samples the kernel on
// each refresh into an immutable TopSnapshot — process rows, the message feed, memory tiers,
// metrics with their recent history, and build progress. Used by the live view, by
// `top --once` and by `top --json`. Pure TypeScript: no React, so it is tested and
// benchmarked on its own.
import type { Clock } from '../../base/clock.js';
import type { Emitter } from '../../base/emitter.js';
import type { KernelEvents, MessageType, PCB, ProcState, ProcType, TierStats } from '../../kernel/types.js';

/** The fields of a process top shows (a PCB, or a row the process table read from SQLite). */
export type TopProcess = Pick<PCB, 'pid' | 'name' | 'type' | 'state' | 'blockedReason' | 'priority' | 'tokenBudget' | 'cpuTime' | 'createdAt'> & {
  contextWindow: { currentLength: number; maxLength: number };
};

/** How many processes there are, by state (top's header), without reading them all. */
export interface ProcessCounts {
  total: number;
  byState: Partial<Record<ProcState, number>>;
}

/** What top reads from a kernel; `sourceFromServices` builds it from KernelServices. */
export interface TopSource {
  clock: Clock;
  events: Emitter<KernelEvents>;
  /** The processes shown, in pid order; with limit, only the first that many (one screen of `top --once`). */
  processes(opts?: { limit?: number }): TopProcess[];
  /** Counts by state; when absent they are counted from processes(). */
  counts?(): ProcessCounts;
  tiers(): TierStats[];
  contextSwitches(): number;
  /** Called before each sample, for sources that poll (a home owned by another process). */
  poll?(): void;
  /** Tokens charged so far, for sources that see no inference events (another process's home): tok/s is its growth. */
  tokensConsumed?(): number;
}

export interface ProcessRow {
  pid: string;
  name: string;
  type: ProcType;
  state: ProcState;
  blockedReason?: string;
  priority: number;
  tokensConsumed: number;
  tokensAllocated: number;
  contextUsed: number;
  contextMax: number;
  cpuTimeMs: number;
  uptimeMs: number;
}

export interface FeedItem {
  id: string;
  at: number;
  from: string;
  to: string;
  type: MessageType;
  event: KernelEvents['message']['event'];
  excerpt: string;
}

export interface Metric {
  name: 'tokensPerSec' | 'latencyMs' | 'switchesPerSec' | 'memoryUtil';
  label: string;
  unit: string;
  value: number;
  /** Oldest first, at most HISTORY samples. */
  history: number[];
}

export interface BuildProgress {
  task: string;
  done: number;
  total: number;
  label?: string;
}

export interface TopSnapshot {
  at: number;
  /** Every process, or (sample({ limit })) the first page of them in pid order. */
  processes: ProcessRow[];
  /** How many processes there are in all and by state (terminated ones are not shown). */
  counts: ProcessCounts;
  feed: FeedItem[];
  tiers: TierStats[];
  metrics: Metric[];
  builds: BuildProgress[];
}

export const HISTORY = 60;
const FEED_MAX = 500;
const EXCERPT = 120;

/** Builds a TopSource from the kernel's services. */
export function sourceFromServices(k: {
  clock: Clock;
  events: Emitter<KernelEvents>;
  procs: {
    list(opts?: { includeTerminated?: boolean }): PCB[];
    page(opts: { limit?: number }): { processes: TopProcess[] };
    census(): ProcessCounts;
  };
  memory: { stats(): TierStats[] };
  scheduler: { readonly contextSwitches: number };
}): TopSource {
  return {
    clock: k.clock,
    events: k.events,
    // one screen is a page read from SQLite; the live view (sorting, filtering all rows) holds the PCBs
    processes: (opts) => (opts?.limit ? k.procs.page({ limit: opts.limit }).processes : k.procs.list()),
    counts: () => liveCounts(k.procs.census()),
    tiers: () => k.memory.stats(),
    contextSwitches: () => k.scheduler.contextSwitches,
  };
}

/** Collects events between samples and turns them into snapshots; close() unsubscribes. */
export class TopSampler {
  private readonly feed: FeedItem[] = [];
  private readonly builds = new Map<string, BuildProgress>();
  private readonly history: Record<Metric['name'], number[]> = {
    tokensPerSec: [],
    latencyMs: [],
    switchesPerSec: [],
    memoryUtil: [],
  };
  private tokensSince = 0;
  private lastConsumed: number | undefined;
  private latencySum = 0;
  private latencyCount = 0;
  private lastSampleAt: number;
  private lastSwitches: number;
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly src: TopSource) {
    this.lastSampleAt = src.clock.now();
    this.lastSwitches = src.contextSwitches();
    this.unsubscribe = [
      src.events.on('message', ({ message, event }) => {
        this.feed.push({
          id: message.id,
          at: message.timestamp,
          from: message.from,
          to: message.to,
          type: message.messageType,
          event,
          excerpt: excerptOf(message.payload),
        });
        if (this.feed.length > FEED_MAX) this.feed.splice(0, this.feed.length - FEED_MAX);
      }),
      src.events.on('inference', ({ tokens, latencyMs }) => {
        this.tokensSince += tokens;
        this.latencySum += latencyMs;
        this.latencyCount += 1;
      }),
      src.events.on('progress', (p) => {
        if (p.total > 0 && p.done >= p.total) this.builds.delete(p.task);
        else this.builds.set(p.task, { ...p });
      }),
    ];
  }

  /** Takes one sample: rates since the previous sample, pushed onto each metric's history; limit: only the first processes (counts stay whole). */
  sample(opts: { limit?: number } = {}): TopSnapshot {
    this.src.poll?.();
    const now = this.src.clock.now();
    const secs = Math.max((now - this.lastSampleAt) / 1000, 1e-3);
    const switches = this.src.contextSwitches();
    const tiers = this.src.tiers();
    const consumed = this.src.tokensConsumed?.();
    if (consumed !== undefined) {
      this.tokensSince = Math.max(0, consumed - (this.lastConsumed ?? consumed));
      this.lastConsumed = consumed;
    }
    const values: Record<Metric['name'], number> = {
      tokensPerSec: this.tokensSince / secs,
      latencyMs: this.latencyCount ? this.latencySum / this.latencyCount : 0,
      switchesPerSec: Math.max(0, switches - this.lastSwitches) / secs,
      memoryUtil: utilisation(tiers),
    };
    for (const name of Object.keys(values) as Metric['name'][]) {
      const h = this.history[name];
      h.push(values[name]);
      if (h.length > HISTORY) h.shift();
    }
    this.tokensSince = 0;
    this.latencySum = 0;
    this.latencyCount = 0;
    this.lastSampleAt = now;
    this.lastSwitches = switches;
    const procs = this.src.processes(opts.limit ? { limit: opts.limit } : undefined);
    return {
      at: now,
      processes: procs.map((p) => rowOf(p, now)),
      counts: this.src.counts?.() ?? countOf(procs),
      feed: this.feed.slice(),
      tiers,
      metrics: [
        metric('tokensPerSec', 'token throughput', 'tok/s', this.history.tokensPerSec),
        metric('latencyMs', 'inference latency', 'ms', this.history.latencyMs),
        metric('switchesPerSec', 'context switches', '/s', this.history.switchesPerSec),
        metric('memoryUtil', 'memory utilisation', '%', this.history.memoryUtil),
      ],
      builds: [...this.builds.values()],
    };
  }

  close(): void {
    for (const off of this.unsubscribe) off();
  }
}

function metric(name: Metric['name'], label: string, unit: string, history: number[]): Metric {
  return { name, label, unit, value: history[history.length - 1] ?? 0, history: history.slice() };
}

/** Percent of capacity used, over the tiers that have a capacity. */
function utilisation(tiers: TierStats[]): number {
  let used = 0;
  let cap = 0;
  for (const t of tiers) {
    if (t.capacity > 0) {
      used += Math.min(t.used, t.capacity) / t.capacity;
      cap += 1;
    }
  }
  return cap ? (100 * used) / cap : 0;
}

/** Counts of the processes top shows: TERMINATED ones are left out, as in the table. */
function liveCounts(c: ProcessCounts): ProcessCounts {
  const byState = { ...c.byState };
  const total = c.total - (byState.TERMINATED ?? 0);
  delete byState.TERMINATED;
  return { total, byState };
}

function countOf(procs: readonly TopProcess[]): ProcessCounts {
  const byState: ProcessCounts['byState'] = {};
  for (const p of procs) byState[p.state] = (byState[p.state] ?? 0) + 1;
  return { total: procs.length, byState };
}

function rowOf(p: TopProcess, now: number): ProcessRow {
  return {
    pid: p.pid,
    name: p.name,
    type: p.type,
    state: p.state,
    ...(p.blockedReason ? { blockedReason: p.blockedReason } : {}),
    priority: p.priority,
    tokensConsumed: p.tokenBudget.consumed,
    tokensAllocated: p.tokenBudget.allocated,
    contextUsed: p.contextWindow.currentLength,
    contextMax: p.contextWindow.maxLength,
    cpuTimeMs: p.cpuTime,
    uptimeMs: Math.max(0, now - p.createdAt),
  };
}

/** One line of a payload: strings as they are, anything else as compact JSON. */
export function excerptOf(payload: unknown): string {
  let s: string;
  if (typeof payload === 'string') s = payload;
  else {
    try {
      s = JSON.stringify(payload) ?? String(payload);
    } catch {
      s = String(payload);
    }
  }
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > EXCERPT ? s.slice(0, EXCERPT - 1) + '…' : s;
}
