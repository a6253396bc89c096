import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { isNlshError, NlshError } from '../../src/base/errors.js';
import { BUDGET_EXHAUSTED, createResources, type ResourcesDeps } from '../../src/kernel/resources.js';
import type { ProcessTable } from '../../src/kernel/services.js';
import { assertTransition } from '../../src/kernel/states.js';
import type { KernelEvents, PCB } from '../../src/kernel/types.js';

function pcb(pid: string, budget: number): PCB {
  return {
    pid, vpid: [], name: pid, description: pid, type: 'user', state: 'RUNNING', priority: 10,
    tokenBudget: { allocated: budget, consumed: 0, remaining: budget, reserved: 0 },
    contextWindow: { maxLength: 4096, currentLength: 0, content: [] },
    resources: { gpuUnits: 0 },
    permissions: [], role: 'agent', owner: 'user', parent: null, createdAt: 0, cpuTime: 0,
  };
}

/** A process table small enough for unit tests: real transition rules, saves counted. */
function fakeProcs(list: PCB[]) {
  const map = new Map(list.map((p) => [p.pid, p]));
  const saves: string[] = [];
  const procs = {
    get: (pid: string) => map.get(pid),
    transition(pid: string, to: PCB['state'], reason?: string) {
      const p = map.get(pid);
      if (!p) throw new NlshError('proc.notFound', pid);
      assertTransition(pid, p.state, to);
      p.state = to;
      if (to === 'BLOCKED') p.blockedReason = reason ?? 'waiting';
      else delete p.blockedReason;
      return p;
    },
    save: (pid: string) => void saves.push(pid),
  } as unknown as ProcessTable;
  return { procs, saves, map };
}

function setup(list: PCB[], opts: Partial<ResourcesDeps> = {}) {
  const clock = new ManualClock(0);
  const { procs, saves } = fakeProcs(list);
  const r = createResources({ procs, clock, events: new Emitter<KernelEvents>(), ...opts });
  return { r, clock, saves };
}

function caught(fn: () => unknown): NlshError {
  try {
    fn();
  } catch (err) {
    if (err instanceof NlshError) return err;
    throw err;
  }
  throw new Error('expected an NlshError');
}

describe('token budgets', () => {
  it('consume charges tokens and persists the budget', () => {
    const p = pcb('p1', 1000);
    const { r, saves } = setup([p]);
    r.consume('p1', 300);
    expect(p.tokenBudget).toMatchObject({ allocated: 1000, consumed: 300, remaining: 700 });
    expect(saves).toContain('p1');
  });

  it('running out of budget blocks the process with a reason and fails res.budgetExhausted', () => {
    const p = pcb('p1', 500);
    const { r } = setup([p]);
    const err = caught(() => r.consume('p1', 600));
    expect(err.code).toBe('res.budgetExhausted');
    expect(err.hint).toMatch(/lend 50% attention from <pid> to p1/);
    expect(p.state).toBe('BLOCKED');
    expect(p.blockedReason).toBe(BUDGET_EXHAUSTED);
    expect(p.tokenBudget).toMatchObject({ consumed: 600, remaining: 0 });
  });

  it('a top-up unblocks a process blocked on its budget', () => {
    const p = pcb('p1', 100);
    const { r } = setup([p]);
    expect(() => r.consume('p1', 100)).toThrow(NlshError);
    const after = r.topUp('p1', 400);
    expect(after.state).toBe('RUNNING');
    expect(after.tokenBudget).toMatchObject({ allocated: 500, consumed: 100, remaining: 400 });
  });

  it('a top-up does not unblock a process blocked for another reason', () => {
    const p = pcb('p1', 100);
    p.state = 'BLOCKED';
    p.blockedReason = 'llm.unreachable';
    const { r } = setup([p]);
    r.topUp('p1', 10);
    expect(p.state).toBe('BLOCKED');
  });

  it('consume of an unknown pid fails with proc.notFound; a negative amount fails res.badAmount', () => {
    const { r } = setup([pcb('p1', 100)]);
    expect(caught(() => r.consume('p9', 1)).code).toBe('proc.notFound');
    expect(caught(() => r.consume('p1', -5)).code).toBe('res.badAmount');
    expect(caught(() => r.topUp('p1', 0)).code).toBe('res.badAmount');
  });

  it('transfer lends budget and unblocks the borrower; lending more than is left fails res.insufficient', () => {
    const a = pcb('p1', 1000);
    const b = pcb('p2', 10);
    const { r } = setup([a, b]);
    expect(() => r.consume('p2', 10)).toThrow(NlshError);
    expect(b.state).toBe('BLOCKED');
    r.transfer('p1', 'p2', 400);
    expect(a.tokenBudget.remaining).toBe(600);
    expect(b.tokenBudget.remaining).toBe(400);
    expect(b.state).toBe('RUNNING');
    const err = caught(() => r.transfer('p1', 'p2', 601));
    expect(err.code).toBe('res.insufficient');
    expect(err.details).toMatchObject({ remaining: 600, requested: 601 });
  });

  it('lending away the whole budget blocks the lender', () => {
    const a = pcb('p1', 100);
    const { r } = setup([a, pcb('p2', 0)]);
    r.transfer('p1', 'p2', 100);
    expect(a.state).toBe('BLOCKED');
    expect(a.blockedReason).toBe(BUDGET_EXHAUSTED);
  });
});

describe('inference slots', () => {
  it('gpuUnits=2 grants two slots at once and queues the third in FIFO order', async () => {
    const { r } = setup([pcb('p1', 1), pcb('p2', 1), pcb('p3', 1), pcb('p4', 1)], { gpuUnits: 2 });
    const rel1 = await r.acquireSlot('p1');
    const rel2 = await r.acquireSlot('p2');
    expect(r.slotsInUse).toBe(2);
    const order: string[] = [];
    const w3 = r.acquireSlot('p3').then((rel) => (order.push('p3'), rel));
    const w4 = r.acquireSlot('p4').then((rel) => (order.push('p4'), rel));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(r.slotsWaiting).toBe(2);
    rel1();
    rel1(); // releasing twice gives back only one slot
    const rel3 = await w3;
    expect(order).toEqual(['p3']);
    rel2();
    const rel4 = await w4;
    expect(order).toEqual(['p3', 'p4']);
    rel3();
    rel4();
    expect(r.slotsInUse).toBe(0);
    expect(r.slotsTotal).toBe(2);
  });

  it('a slot holder shows the slot in PCB.resources.gpuUnits', async () => {
    const p = pcb('p1', 1);
    const { r } = setup([p]);
    const rel = await r.acquireSlot('p1');
    expect(p.resources.gpuUnits).toBe(1);
    rel();
    expect(p.resources.gpuUnits).toBe(0);
  });

  it('an aborted wait fails res.aborted and leaves the queue', async () => {
    const { r } = setup([pcb('p1', 1), pcb('p2', 1), pcb('p3', 1)]);
    const rel = await r.acquireSlot('p1');
    const ac = new AbortController();
    const w2 = r.acquireSlot('p2', ac.signal);
    const w3 = r.acquireSlot('p3');
    ac.abort();
    await expect(w2).rejects.toMatchObject({ code: 'res.aborted' });
    expect(r.slotsWaiting).toBe(1);
    rel();
    const rel3 = await w3;
    rel3();
    expect(r.slotsInUse).toBe(0);
  });
});

describe('rate limits', () => {
  it('a token bucket lets a burst through, then fails res.rateLimited with retryAfterMs, then refills', () => {
    const { r, clock } = setup([pcb('p1', 1)], { rateLimit: { tokensPerSecond: 100, burst: 200 } });
    r.takeRate('p1', 150);
    const err = caught(() => r.takeRate('p1', 100));
    expect(err.code).toBe('res.rateLimited');
    expect(err.details?.retryAfterMs).toBe(500); // 50 left, 50 more at 100/s
    clock.advance(499);
    expect(isNlshError(caught(() => r.takeRate('p1', 100)), 'res.rateLimited')).toBe(true);
    clock.advance(1);
    expect(() => r.takeRate('p1', 100)).not.toThrow();
  });

  it('each process has its own bucket, and setRateLimit changes one', () => {
    const { r, clock } = setup([pcb('p1', 1), pcb('p2', 1)], { rateLimit: { tokensPerSecond: 10, burst: 10 } });
    r.takeRate('p1', 10);
    expect(() => r.takeRate('p2', 10)).not.toThrow();
    r.setRateLimit('p1', { tokensPerSecond: 1000, burst: 1000 });
    expect(() => r.takeRate('p1', 1000)).not.toThrow();
    clock.advance(0);
    expect(caught(() => r.takeRate('p1', 1)).code).toBe('res.rateLimited');
  });

  it('a request larger than the bucket passes when it is full and then the process waits it off', () => {
    const { r, clock } = setup([pcb('p1', 1)], { rateLimit: { tokensPerSecond: 100, burst: 100 } });
    r.takeRate('p1', 300);
    const err = caught(() => r.takeRate('p1', 50));
    expect(err.details?.retryAfterMs).toBe(2500); // 200 of debt + 50 at 100/s
    clock.advance(2500);
    expect(() => r.takeRate('p1', 50)).not.toThrow();
  });
});
