// The token scheduler (kernel layer): decides which runnable process runs the next quantum.
// A quantum is a number of tokens. The process table calls update() on state changes; the
// agent runtime calls pick() and then account() with the tokens the quantum really used.
//
// Policies (all O(log n) per pick: the runnable set is an indexed binary heap):
//  - round-robin: least recently picked first.
//  - priority: stride scheduling (proportional share). A process at priority p has weight
//    1.25^(19 - p) and receives quanta — more precisely tokens — in proportion to its weight:
//    each step up in priority is worth 25% more, priority 0 gets ~69x the share of 19.
//  - dynamic: strict priority with aging. Effective priority = priority - waited / agingMs,
//    where waited is clock time since the process last ran (or became runnable); the lowest
//    effective priority runs. A waiting process keeps improving, so nothing starves: a
//    priority-p process waits at most about p * agingMs behind a stream of priority-0 work.
//  - reservation: a process with tokenBudget.reserved = R > 0 is guaranteed R tokens per
//    reservation period (reservationPeriodMs of clock time): while a reserving process has
//    received fewer than R tokens in the current period it runs before everyone else
//    (least-served fraction first); the rest of the time everyone shares by priority (stride).
// Context switch = pick() returns a different pid than the previous non-null pick.
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import { panic } from '../base/errors.js';
import { IndexedHeap } from './heap.js';
import type { Scheduler, SchedulerPolicy } from './services.js';
import type { KernelEvents, PCB } from './types.js';

export interface SchedulerOptions {
  clock: Clock;
  events: Emitter<KernelEvents>;
  policy?: SchedulerPolicy;
  /** Tokens in one quantum (default 1024). */
  quantumTokens?: number;
  /** Dynamic policy: clock ms of waiting that improve effective priority by one level (default 500). */
  agingMs?: number;
  /** Reservation policy: the period over which reserved tokens are guaranteed, in clock ms (default 10000). */
  reservationPeriodMs?: number;
}

export const SCHEDULER_POLICIES: readonly SchedulerPolicy[] = ['round-robin', 'priority', 'dynamic', 'reservation'];

const STRIDE1 = 1 << 20;
const RUNNABLE = new Set(['RUNNING', 'THINKING']);

/** The stride-scheduling weight of a priority (0 highest .. 19 lowest). */
export function priorityWeight(priority: number): number {
  return Math.pow(1.25, 19 - priority);
}

interface Entry {
  pid: string;
  priority: number;
  reserved: number;
  stride: number;
  seq: number; // order of the last pick (round-robin order and tie-break)
  pass: number; // stride virtual time
  readySince: number; // clock ms since which it has been waiting
  pending: number; // tokens charged tentatively at the last pick, settled by account()
  periodTokens: number; // reservation: tokens received in the current period
  hpos: number;
  rpos: number;
}

function clampPriority(p: number): number {
  if (!Number.isFinite(p)) panic(`scheduler: priority ${p} is not a number`);
  return Math.min(19, Math.max(0, Math.round(p)));
}

/** Returns a scheduler over an empty runnable set; it never fails, bad PCB data panics. */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { clock, events } = opts;
  const quantum = opts.quantumTokens ?? 1024;
  const agingMs = opts.agingMs ?? 500;
  const periodMs = opts.reservationPeriodMs ?? 10_000;
  if (!(quantum > 0) || !(agingMs > 0) || !(periodMs > 0)) panic('scheduler: quantum, agingMs and period must be > 0');

  let policy: SchedulerPolicy = opts.policy ?? 'priority';
  let counter = 0;
  let vnow = 0; // stride global pass
  let lastPid: string | null = null;
  let switches = 0;
  let periodStart = clock.now();
  const entries = new Map<string, Entry>();
  const reserving = new Set<Entry>();

  const less = (a: Entry, b: Entry): boolean => {
    switch (policy) {
      case 'round-robin':
        return a.seq < b.seq;
      case 'dynamic': {
        const ka = a.priority * agingMs + a.readySince;
        const kb = b.priority * agingMs + b.readySince;
        if (ka !== kb) return ka < kb;
        if (a.priority !== b.priority) return a.priority < b.priority;
        return a.seq < b.seq;
      }
      default:
        return a.pass !== b.pass ? a.pass < b.pass : a.seq < b.seq;
    }
  };
  const main = new IndexedHeap<Entry>({ less, getPos: (e) => e.hpos, setPos: (e, i) => (e.hpos = i) });
  const res = new IndexedHeap<Entry>({
    less: (a, b) => {
      const fa = a.periodTokens / a.reserved;
      const fb = b.periodTokens / b.reserved;
      return fa !== fb ? fa < fb : a.seq < b.seq;
    },
    getPos: (e) => e.rpos,
    setPos: (e, i) => (e.rpos = i),
  });

  const syncReservation = (e: Entry): void => {
    if (e.reserved > 0 && e.periodTokens < e.reserved) res.push(e);
    else res.remove(e);
  };

  const rollPeriod = (now: number): void => {
    if (now - periodStart < periodMs) return;
    periodStart = now - ((now - periodStart) % periodMs);
    for (const e of reserving) {
      e.periodTokens = 0;
      syncReservation(e);
    }
  };

  // The first item of heap that is eligible; skipped items are put back untouched.
  const first = (heap: IndexedHeap<Entry>, eligible?: (pid: string) => boolean): Entry | undefined => {
    if (!eligible) return heap.peek();
    const skipped: Entry[] = [];
    let top: Entry | undefined;
    while ((top = heap.peek()) !== undefined && !eligible(top.pid)) {
      heap.pop();
      skipped.push(top);
    }
    for (const s of skipped) heap.push(s);
    return top;
  };

  const charge = (e: Entry, tokens: number): void => {
    e.pass += (e.stride * tokens) / quantum;
    e.periodTokens += tokens;
  };

  const remove = (pid: string): void => {
    const e = entries.get(pid);
    if (!e) return;
    entries.delete(pid);
    main.remove(e);
    res.remove(e);
    reserving.delete(e);
  };

  return {
    get policy() {
      return policy;
    },
    get quantumTokens() {
      return quantum;
    },
    get contextSwitches() {
      return switches;
    },
    get runnable() {
      return entries.size;
    },

    setPolicy(p: SchedulerPolicy): void {
      if (!SCHEDULER_POLICIES.includes(p)) panic(`scheduler: unknown policy ${String(p)}`);
      policy = p;
      main.heapify();
    },

    update(pcb: PCB): void {
      if (!RUNNABLE.has(pcb.state)) return remove(pcb.pid);
      const priority = clampPriority(pcb.priority);
      const reserved = Math.max(0, pcb.tokenBudget.reserved || 0);
      let e = entries.get(pcb.pid);
      if (!e) {
        e = {
          pid: pcb.pid, priority, reserved, stride: STRIDE1 / priorityWeight(priority), seq: ++counter,
          pass: vnow, readySince: clock.now(), pending: 0, periodTokens: 0, hpos: -1, rpos: -1,
        };
        entries.set(pcb.pid, e);
        main.push(e);
      } else if (e.priority !== priority) {
        e.priority = priority;
        e.stride = STRIDE1 / priorityWeight(priority);
        main.update(e);
      }
      if (e.reserved !== reserved) e.reserved = reserved;
      if (reserved > 0) reserving.add(e);
      else reserving.delete(e);
      syncReservation(e);
    },

    remove,

    pick(eligible?: (pid: string) => boolean): string | null {
      const now = clock.now();
      rollPeriod(now);
      let e: Entry | undefined;
      if (policy === 'reservation' && res.size > 0) e = first(res, eligible);
      e ??= first(main, eligible);
      if (!e) return null;
      if (e.pass < vnow) e.pass = vnow; // an idle process rejoins at the global pass, with no hoarded credit
      vnow = e.pass;
      e.seq = ++counter;
      e.readySince = now;
      e.pending = quantum; // a previous pick never accounted stays charged as a full quantum
      charge(e, quantum);
      main.update(e);
      syncReservation(e);
      if (lastPid !== null && lastPid !== e.pid) {
        switches++;
        if (events.has('schedule')) events.emit('schedule', { pid: e.pid, contextSwitches: switches });
      }
      lastPid = e.pid;
      return e.pid;
    },

    account(pid: string, tokens: number): void {
      const e = entries.get(pid);
      if (!e) return; // it stopped being runnable while it ran
      if (!(tokens >= 0)) panic(`scheduler: account of ${tokens} tokens`);
      charge(e, tokens - e.pending);
      e.pending = 0;
      e.readySince = clock.now();
      main.update(e);
      syncReservation(e);
    },
  };
}

/**
 * The scheduler as the kernel's services show it: before a pick (or a count of the runnable)
 * `load` runs, so a process table that opened lazily has handed every live process to the run
 * queue first. Everything else is `s` itself. Never fails but as `load` does.
 */
export function withRunQueueLoader(s: Scheduler, load: () => void): Scheduler {
  return {
    get policy() {
      return s.policy;
    },
    setPolicy: (p) => s.setPolicy(p),
    update: (pcb) => s.update(pcb),
    remove: (pid) => s.remove(pid),
    pick(eligible) {
      load();
      return s.pick(eligible);
    },
    account: (pid, tokens) => s.account(pid, tokens),
    get quantumTokens() {
      return s.quantumTokens;
    },
    get contextSwitches() {
      return s.contextSwitches;
    },
    get runnable() {
      load();
      return s.runnable;
    },
  };
}
