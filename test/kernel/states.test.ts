import { describe, expect, it } from 'vitest';
import { NlshError } from '../../src/base/errors.js';
import { assertTransition, canTransition, PROC_STATES, TRANSITIONS } from '../../src/kernel/states.js';
import { makeCore } from './core-kit.js';

describe('process states', () => {
  const pairs = PROC_STATES.flatMap((from) => PROC_STATES.map((to) => [from, to] as const));
  const illegal = pairs.filter(([f, t]) => !TRANSITIONS[f].includes(t));

  it('never lets a state move to itself, and TERMINATED is final', () => {
    for (const s of PROC_STATES) expect(canTransition(s, s)).toBe(false);
    expect(TRANSITIONS.TERMINATED).toEqual([]);
  });

  it('refuses every illegal transition with proc.badTransition naming the legal ones', () => {
    expect(illegal.length).toBeGreaterThan(10);
    for (const [from, to] of illegal) {
      let err: unknown;
      try {
        assertTransition('p1', from, to);
      } catch (e) {
        err = e;
      }
      expect(err, `${from} -> ${to}`).toBeInstanceOf(NlshError);
      expect((err as NlshError).code).toBe('proc.badTransition');
      expect((err as NlshError).details?.legal).toEqual([...TRANSITIONS[from]]);
    }
  });

  it('the process table refuses every illegal transition and leaves the state unchanged', async () => {
    const { procs } = makeCore();
    // reach each state by a legal path, then try every illegal move from there
    const paths: Record<string, ('THINKING' | 'BLOCKED' | 'SUSPENDED' | 'TERMINATED')[]> = {
      RUNNING: [], THINKING: ['THINKING'], BLOCKED: ['BLOCKED'], SUSPENDED: ['SUSPENDED'], TERMINATED: ['TERMINATED'],
    };
    for (const [from, to] of illegal) {
      const p = await procs.spawn({ description: `worker for ${from} to ${to}`, owner: 'alice' });
      for (const step of paths[from]!) procs.transition(p.pid, step, 'test');
      expect(p.state).toBe(from);
      expect(() => procs.transition(p.pid, to)).toThrow(/cannot become/);
      expect(procs.get(p.pid)!.state).toBe(from);
    }
  });

  it('every legal transition is carried out, and BLOCKED keeps its reason only while blocked', async () => {
    const { procs } = makeCore();
    const p = await procs.spawn({ description: 'a worker', owner: 'alice' });
    procs.transition(p.pid, 'THINKING');
    procs.transition(p.pid, 'BLOCKED', 'token budget exhausted');
    expect(p.blockedReason).toBe('token budget exhausted');
    procs.transition(p.pid, 'SUSPENDED');
    expect(p.blockedReason).toBeUndefined();
    procs.transition(p.pid, 'RUNNING');
    procs.transition(p.pid, 'TERMINATED');
    expect(p.state).toBe('TERMINATED');
    expect(p.exitCode).toBe(0);
  });
});
