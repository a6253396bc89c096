// Resources (kernel layer): token budgets, inference slots (gpuUnits), per-process token-bucket
// rate limits, and memory/disk accounting on PCB.resources. Called by the agent runtime (before
// and after each inference), by proc.lend / topup syscalls, and by whoever allocates memory.
// Budget changes go through the process table (save/transition) so they are persisted and the
// scheduler follows them.
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import { NlshError, panic } from '../base/errors.js';
import type { ProcessTable, RateLimit, Resources } from './services.js';
import type { KernelEvents, PCB } from './types.js';

export interface ResourcesDeps {
  procs: ProcessTable;
  clock: Clock;
  events: Emitter<KernelEvents>;
  /** Concurrent inference slots (default 1). */
  gpuUnits?: number;
  /** The default token bucket of every process (default 1000 tokens/s, burst 8000). */
  rateLimit?: RateLimit;
}

/** The blockedReason of a process whose token budget ran out. */
export const BUDGET_EXHAUSTED = 'token budget exhausted';
export const DEFAULT_RATE_LIMIT: RateLimit = { tokensPerSecond: 1000, burst: 8000 };

interface Waiter {
  pid: string;
  resolve: (release: () => void) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

interface Bucket {
  level: number;
  at: number;
}

function checkAmount(n: number, what: string, allowZero = false): void {
  if (!Number.isInteger(n) || n < 0 || (!allowZero && n === 0)) {
    throw new NlshError('res.badAmount', `${what} must be a whole number ${allowZero ? '>= 0' : '> 0'}, got ${n}`, {
      hint: 'give a positive whole number of tokens',
    });
  }
}

function checkLimit(l: RateLimit): void {
  if (!(l.tokensPerSecond > 0) || !(l.burst > 0)) {
    throw new NlshError('res.badAmount', `a rate limit needs tokensPerSecond > 0 and burst > 0`, {
      hint: 'e.g. { tokensPerSecond: 500, burst: 4000 }',
    });
  }
}

/** Returns the resource manager; failures are res.* NlshErrors (proc.notFound for unknown pids). */
export function createResources(deps: ResourcesDeps): Resources {
  const { procs, clock } = deps;
  const total = deps.gpuUnits ?? 1;
  if (!Number.isInteger(total) || total < 1) panic(`resources: gpuUnits must be a whole number >= 1, got ${total}`);
  const defaultLimit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  checkLimit(defaultLimit);
  let inUse = 0;
  const waiting: Waiter[] = [];
  const limits = new Map<string, RateLimit>();
  const buckets = new Map<string, Bucket>();

  const must = (pid: string): PCB => {
    const pcb = procs.get(pid);
    if (!pcb) throw new NlshError('proc.notFound', `no process ${pid}`, { hint: 'ps lists the processes' });
    return pcb;
  };
  const live = (pid: string): PCB => {
    const pcb = must(pid);
    if (pcb.state === 'TERMINATED') throw new NlshError('proc.terminated', `${pid} has terminated`, { hint: 'spawn a new process' });
    return pcb;
  };
  const recompute = (pcb: PCB): void => {
    const b = pcb.tokenBudget;
    b.remaining = Math.max(0, b.allocated - b.consumed);
  };
  // A runnable process with nothing left to spend is blocked; returns true when it did that.
  const blockIfEmpty = (pcb: PCB): boolean => {
    if (pcb.tokenBudget.remaining > 0) return false;
    if (pcb.state === 'RUNNING' || pcb.state === 'THINKING') procs.transition(pcb.pid, 'BLOCKED', BUDGET_EXHAUSTED);
    return true;
  };
  const unblockIfFunded = (pcb: PCB): void => {
    if (pcb.state === 'BLOCKED' && pcb.blockedReason === BUDGET_EXHAUSTED && pcb.tokenBudget.remaining > 0) {
      procs.transition(pcb.pid, 'RUNNING');
    }
  };
  const holdSlot = (pid: string, delta: number): void => {
    const pcb = procs.get(pid);
    if (pcb) pcb.resources.gpuUnits = Math.max(0, pcb.resources.gpuUnits + delta);
  };
  const grant = (pid: string): (() => void) => {
    holdSlot(pid, +1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holdSlot(pid, -1);
      const next = waiting.shift();
      if (next) {
        next.cleanup();
        next.resolve(grant(next.pid)); // the slot passes straight to the next in line (FIFO, no barging)
      } else {
        inUse--;
      }
    };
  };

  return {
    get slotsInUse() {
      return inUse;
    },
    get slotsTotal() {
      return total;
    },
    get slotsWaiting() {
      return waiting.length;
    },

    consume(pid: string, tokens: number): void {
      checkAmount(tokens, 'tokens consumed', true);
      const pcb = must(pid);
      if (tokens === 0) return;
      pcb.tokenBudget.consumed += tokens;
      recompute(pcb);
      procs.save(pid, 'budget');
      if (blockIfEmpty(pcb)) {
        const { allocated, consumed } = pcb.tokenBudget;
        throw new NlshError('res.budgetExhausted', `${pid} has used its whole token budget (${consumed} of ${allocated})`, {
          hint: `give it budget from another process: lend 50% attention from <pid> to ${pid}`,
          details: { pid, allocated, consumed },
        });
      }
    },

    topUp(pid: string, tokens: number): PCB {
      checkAmount(tokens, 'a top-up');
      const pcb = live(pid);
      pcb.tokenBudget.allocated += tokens;
      recompute(pcb);
      procs.save(pid, 'budget');
      unblockIfFunded(pcb);
      return pcb;
    },

    transfer(from: string, to: string, tokens: number): void {
      checkAmount(tokens, 'tokens lent');
      if (from === to) throw new NlshError('res.badTransfer', `${from} cannot lend to itself`, { hint: 'name two different processes' });
      const a = live(from);
      const b = live(to);
      if (a.tokenBudget.remaining < tokens) {
        throw new NlshError('res.insufficient', `${from} has only ${a.tokenBudget.remaining} tokens left, cannot lend ${tokens}`, {
          hint: `lend at most ${a.tokenBudget.remaining}, or top up ${from} first`,
          details: { pid: from, remaining: a.tokenBudget.remaining, requested: tokens },
        });
      }
      a.tokenBudget.allocated -= tokens;
      b.tokenBudget.allocated += tokens;
      recompute(a);
      recompute(b);
      procs.save(from, 'budget');
      procs.save(to, 'budget');
      blockIfEmpty(a);
      unblockIfFunded(b);
    },

    acquireSlot(pid: string, signal?: AbortSignal): Promise<() => void> {
      const aborted = (): NlshError =>
        new NlshError('res.aborted', `${pid} stopped waiting for an inference slot`, { hint: 'the request was cancelled' });
      if (signal?.aborted) return Promise.reject(aborted());
      if (inUse < total && waiting.length === 0) {
        inUse++;
        return Promise.resolve(grant(pid));
      }
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          const i = waiting.indexOf(w);
          if (i >= 0) waiting.splice(i, 1);
          reject(aborted());
        };
        const w: Waiter = { pid, resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(w);
      });
    },

    takeRate(pid: string, n: number): void {
      checkAmount(n, 'rate tokens', true);
      const limit = limits.get(pid) ?? defaultLimit;
      const now = clock.now();
      let b = buckets.get(pid);
      if (!b) {
        b = { level: limit.burst, at: now };
        buckets.set(pid, b);
      }
      b.level = Math.min(limit.burst, b.level + ((now - b.at) / 1000) * limit.tokensPerSecond);
      b.at = now;
      // A request bigger than the bucket is let through when the bucket is full and leaves it in
      // debt, so the process waits in proportion afterwards instead of never running.
      const need = Math.min(n, limit.burst);
      if (b.level >= need) {
        b.level -= n;
        return;
      }
      const retryAfterMs = Math.ceil(((need - b.level) / limit.tokensPerSecond) * 1000);
      throw new NlshError('res.rateLimited', `${pid} is over its rate limit (${limit.tokensPerSecond} tokens/s)`, {
        hint: `retry in ${retryAfterMs} ms`,
        details: { pid, retryAfterMs, tokensPerSecond: limit.tokensPerSecond, burst: limit.burst },
      });
    },

    setRateLimit(pid: string, limit: RateLimit | null): void {
      must(pid);
      if (limit === null) limits.delete(pid);
      else {
        checkLimit(limit);
        limits.set(pid, { ...limit });
      }
      buckets.delete(pid);
    },
  };
}
