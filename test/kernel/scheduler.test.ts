import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { createScheduler, priorityWeight, type SchedulerOptions } from '../../src/kernel/scheduler.js';
import type { KernelEvents, PCB, ProcState } from '../../src/kernel/types.js';

function pcb(pid: string, priority: number, opts: { state?: ProcState; reserved?: number } = {}): PCB {
  return {
    pid, vpid: [], name: pid, description: pid, type: 'user', state: opts.state ?? 'RUNNING', priority,
    tokenBudget: { allocated: 1e9, consumed: 0, remaining: 1e9, reserved: opts.reserved ?? 0 },
    contextWindow: { maxLength: 4096, currentLength: 0, content: [] },
    resources: { gpuUnits: 0 },
    permissions: [], role: 'agent', owner: 'user', parent: null, createdAt: 0, cpuTime: 0,
  };
}

function setup(opts: Partial<SchedulerOptions> = {}) {
  const clock = new ManualClock(1000);
  const events = new Emitter<KernelEvents>();
  const s = createScheduler({ clock, events, quantumTokens: 100, ...opts });
  return { clock, events, s };
}

/** Runs n quanta, each using `tokens` tokens and msPerQuantum of clock; returns quanta per pid and the longest wait (in quanta) per pid. */
function run(
  s: ReturnType<typeof createScheduler>, clock: ManualClock, n: number, msPerQuantum = 10,
  tokensOf: (pid: string) => number = () => 100,
) {
  const quanta = new Map<string, number>();
  const tokens = new Map<string, number>();
  const lastRun = new Map<string, number>();
  const maxGap = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const pid = s.pick();
    if (pid === null) throw new Error('nothing runnable');
    const used = tokensOf(pid);
    s.account(pid, used);
    clock.advance(msPerQuantum);
    quanta.set(pid, (quanta.get(pid) ?? 0) + 1);
    tokens.set(pid, (tokens.get(pid) ?? 0) + used);
    maxGap.set(pid, Math.max(maxGap.get(pid) ?? 0, i - (lastRun.get(pid) ?? -1)));
    lastRun.set(pid, i);
  }
  return { quanta, tokens, maxGap };
}

describe('scheduler', () => {
  it('an empty scheduler picks nothing', () => {
    const { s } = setup();
    expect(s.pick()).toBeNull();
    expect(s.runnable).toBe(0);
  });

  it('only RUNNING and THINKING processes are runnable; other states remove them', () => {
    const { s } = setup();
    s.update(pcb('p1', 5));
    s.update(pcb('p2', 5, { state: 'THINKING' }));
    s.update(pcb('p3', 5, { state: 'BLOCKED' }));
    expect(s.runnable).toBe(2);
    s.update(pcb('p1', 5, { state: 'SUSPENDED' }));
    s.update(pcb('p2', 5, { state: 'TERMINATED' }));
    expect(s.runnable).toBe(0);
    expect(s.pick()).toBeNull();
  });

  it('round-robin runs processes in turn and counts each change of pid as a context switch', () => {
    const { s, clock } = setup({ policy: 'round-robin' });
    for (const p of ['p1', 'p2', 'p3']) s.update(pcb(p, p === 'p1' ? 0 : 19));
    const order = Array.from({ length: 6 }, () => {
      const pid = s.pick() as string;
      s.account(pid, 10);
      clock.advance(5);
      return pid;
    });
    expect(order).toEqual(['p1', 'p2', 'p3', 'p1', 'p2', 'p3']);
    expect(s.contextSwitches).toBe(5);
  });

  it('a single runnable process is picked again without a context switch', () => {
    const { s } = setup();
    s.update(pcb('p1', 3));
    expect([s.pick(), s.pick(), s.pick()]).toEqual(['p1', 'p1', 'p1']);
    expect(s.contextSwitches).toBe(0);
  });

  it('priority: over 10,000 quanta shares are ordered 0 > 10 > 19 and follow the weights', () => {
    const { s, clock } = setup({ policy: 'priority' });
    s.update(pcb('hi', 0));
    s.update(pcb('mid', 10));
    s.update(pcb('lo', 19));
    const { quanta } = run(s, clock, 10_000);
    const hi = quanta.get('hi') ?? 0;
    const mid = quanta.get('mid') ?? 0;
    const lo = quanta.get('lo') ?? 0;
    expect(hi).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(lo);
    expect(lo).toBeGreaterThan(0);
    const total = priorityWeight(0) + priorityWeight(10) + priorityWeight(19);
    expect(hi / 10_000).toBeCloseTo(priorityWeight(0) / total, 2);
    expect(mid / 10_000).toBeCloseTo(priorityWeight(10) / total, 2);
  });

  it('priority: shares are counted in tokens, so a process using half its quantum gets twice the quanta', () => {
    const { s, clock } = setup({ policy: 'priority' });
    s.update(pcb('full', 5));
    s.update(pcb('half', 5));
    const { quanta, tokens } = run(s, clock, 3000, 10, (pid) => (pid === 'half' ? 50 : 100));
    expect((quanta.get('half') ?? 0) / (quanta.get('full') ?? 1)).toBeCloseTo(2, 1);
    expect((tokens.get('half') ?? 0) / (tokens.get('full') ?? 1)).toBeCloseTo(1, 1);
  });

  it('dynamic: over 10,000 quanta shares are ordered 0 > 10 > 19 and aging keeps every wait bounded', () => {
    const { s, clock } = setup({ policy: 'dynamic', agingMs: 100 });
    s.update(pcb('hi', 0));
    s.update(pcb('mid', 10));
    s.update(pcb('lo', 19));
    const { quanta, maxGap } = run(s, clock, 10_000, 10);
    const hi = quanta.get('hi') ?? 0;
    const mid = quanta.get('mid') ?? 0;
    const lo = quanta.get('lo') ?? 0;
    expect(hi).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(lo);
    expect(lo).toBeGreaterThan(0);
    // a priority-19 process waits about 19 * agingMs / msPerQuantum = 190 quanta, never more than a few over
    expect(maxGap.get('lo')).toBeLessThanOrEqual(19 * 10 + 3);
    expect(maxGap.get('mid')).toBeLessThanOrEqual(10 * 10 + 3);
  });

  it('dynamic: a low-priority process is not starved by many high-priority ones', () => {
    const { s, clock } = setup({ policy: 'dynamic', agingMs: 50 });
    for (let i = 0; i < 20; i++) s.update(pcb(`hi${i}`, 0));
    s.update(pcb('lo', 19));
    const { quanta } = run(s, clock, 10_000, 10);
    expect(quanta.get('lo') ?? 0).toBeGreaterThan(0);
  });

  it('dynamic: without waiting, the highest priority runs first', () => {
    const { s } = setup({ policy: 'dynamic' });
    s.update(pcb('lo', 19));
    s.update(pcb('hi', 0));
    s.update(pcb('mid', 10));
    expect(s.pick()).toBe('hi');
  });

  it('reservation: a low-priority process gets its reserved tokens in every period', () => {
    const { s, clock } = setup({ policy: 'reservation', reservationPeriodMs: 1000 });
    for (let i = 0; i < 5; i++) s.update(pcb(`hi${i}`, 0));
    s.update(pcb('crit', 19, { reserved: 2000 }));
    // 100 quanta of 10 ms = one period = 10,000 tokens of throughput
    for (let period = 0; period < 10; period++) {
      const { tokens } = run(s, clock, 100, 10);
      expect(tokens.get('crit') ?? 0).toBeGreaterThanOrEqual(2000);
    }
  });

  it('reservation: without a reservation the same process gets far less under priority', () => {
    const { s, clock } = setup({ policy: 'priority', reservationPeriodMs: 1000 });
    for (let i = 0; i < 5; i++) s.update(pcb(`hi${i}`, 0));
    s.update(pcb('crit', 19, { reserved: 2000 }));
    const { tokens } = run(s, clock, 1000, 10);
    expect(tokens.get('crit') ?? 0).toBeLessThan(2000);
  });

  it('setPolicy switches the order of an existing runnable set', () => {
    const { s, clock } = setup({ policy: 'priority' });
    s.update(pcb('hi', 0));
    s.update(pcb('lo', 19));
    s.setPolicy('round-robin');
    expect(s.policy).toBe('round-robin');
    const { quanta } = run(s, clock, 100);
    expect(quanta.get('hi')).toBe(50);
    expect(quanta.get('lo')).toBe(50);
  });

  it('renice through update changes the share from then on', () => {
    const { s, clock } = setup({ policy: 'priority' });
    s.update(pcb('a', 10));
    s.update(pcb('b', 10));
    s.update(pcb('b', 0));
    const { quanta } = run(s, clock, 1000);
    expect(quanta.get('b') ?? 0).toBeGreaterThan(5 * (quanta.get('a') ?? 0));
  });

  it('pick(eligible) skips processes without work and leaves them in place', () => {
    const { s } = setup({ policy: 'round-robin' });
    s.update(pcb('p1', 0));
    s.update(pcb('p2', 0));
    s.update(pcb('p3', 0));
    expect(s.pick((pid) => pid === 'p3')).toBe('p3');
    expect(s.pick((pid) => pid !== 'p3')).toBe('p1');
    expect(s.pick(() => false)).toBeNull();
    expect(s.runnable).toBe(3);
  });

  it('an idle process does not hoard credit while it is skipped', () => {
    const { s } = setup({ policy: 'priority' });
    s.update(pcb('busy', 10));
    s.update(pcb('idle', 10));
    for (let i = 0; i < 100; i++) s.account(s.pick((pid) => pid === 'busy') as string, 100);
    const next = Array.from({ length: 10 }, () => {
      const pid = s.pick() as string;
      s.account(pid, 100);
      return pid;
    });
    expect(next.filter((p) => p === 'idle').length).toBeLessThanOrEqual(6);
  });

  it('remove takes a process out of the runnable set; accounting an unknown pid is ignored', () => {
    const { s } = setup();
    s.update(pcb('p1', 0));
    s.update(pcb('p2', 19));
    s.remove('p1');
    s.account('p1', 100);
    expect(s.runnable).toBe(1);
    expect(s.pick()).toBe('p2');
  });

  it("emits 'schedule' on context switches only, and only when someone listens", () => {
    const { s, events } = setup({ policy: 'round-robin' });
    s.update(pcb('p1', 0));
    s.update(pcb('p2', 0));
    s.pick();
    s.pick();
    const seen: Array<string | null> = [];
    events.on('schedule', (e) => seen.push(e.pid));
    s.pick();
    s.pick();
    expect(seen).toEqual(['p1', 'p2']);
    expect(s.contextSwitches).toBe(3);
  });
});
