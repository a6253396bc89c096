// The data behind `top` (tui layer): subscribes to kernel events and samples the kernel on
// each refresh into an immutable TopSnapshot — process rows, the message feed, memory tiers,
// metrics with their recent history, and build progress. Used by the live view, by
// `top --once` and by `top --json`. Pure TypeScript: no React, so it is tested and
// benchmarked on its own.
import type { Clock } from '../../base/clock.js';
import type { Emitter } from '../../base/emitter.js';
import type { KernelEvents, MessageType, PCB, ProcState, ProcType, TierStats } from '../../kernel/types.js';

/** What top reads from a kernel; `sourceFromServices` builds it from KernelServices. */
export interface TopSource {
  clock: Clock;
  events: Emitter<KernelEvents>;
  processes(): PCB[];
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
  processes: ProcessRow[];
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
  procs: { list(opts?: { includeTerminated?: boolean }): PCB[] };
  memory: { stats(): TierStats[] };
  scheduler: { readonly contextSwitches: number };
}): TopSource {
  return {
    clock: k.clock,
    events: k.events,
    processes: () => k.procs.list(),
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

  /** Takes one sample: rates since the previous sample, pushed onto each metric's history. */
  sample(): TopSnapshot {
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
    return {
      at: now,
      processes: this.src.processes().map((p) => rowOf(p, now)),
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

function rowOf(p: PCB, now: number): ProcessRow {
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
