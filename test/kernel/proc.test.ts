import { describe, expect, it } from 'vitest';
import type { ProcResults } from '../../src/kernel/syscalls/proc.js';
import { makeCore, rejection } from './core-kit.js';

async function withProcs() {
  const core = makeCore();
  const spawn = async (description: string, budget = 1000) =>
    ((await core.call('proc.spawn', { description, budget })) as ProcResults['proc.spawn']).process;
  return { ...core, spawn };
}

describe('proc.* syscalls', () => {
  it('spawn by a user makes an agent owned by her; spawn by an agent makes its child', async () => {
    const { call, session, spawn } = await withProcs();
    const p = await spawn('writes python code');
    expect(p).toMatchObject({ owner: 'alice', parent: null, role: 'agent', state: 'RUNNING' });
    const child = ((await call('proc.spawn', { description: 'helper' }, session(p.pid, 'agent'))) as ProcResults['proc.spawn']).process;
    expect(child).toMatchObject({ owner: p.pid, parent: p.pid });
  });

  it('kill terminates with exit code 137; killing it again fails with proc.terminated', async () => {
    const { call, spawn } = await withProcs();
    const p = await spawn('a worker');
    const res = (await call('proc.kill', { pid: 'a worker' })) as ProcResults['proc.kill'];
    expect(res.process).toMatchObject({ pid: p.pid, state: 'TERMINATED', exitCode: 137 });
    expect((await rejection(call('proc.kill', { pid: p.pid }))).code).toBe('proc.terminated');
  });

  it('suspend then resume; resuming a running process fails with proc.badTransition', async () => {
    const { call, spawn } = await withProcs();
    const p = await spawn('a worker');
    expect(((await call('proc.suspend', { pid: p.pid })) as ProcResults['proc.suspend']).process.state).toBe('SUSPENDED');
    expect(((await call('proc.resume', { pid: p.pid })) as ProcResults['proc.resume']).process.state).toBe('RUNNING');
    expect((await rejection(call('proc.resume', { pid: p.pid }))).code).toBe('proc.badTransition');
  });

  it('renice changes priority; ps lists live processes, ps all includes terminated ones', async () => {
    const { call, spawn } = await withProcs();
    const a = await spawn('first worker');
    await spawn('second worker');
    expect(((await call('proc.renice', { pid: a.pid, priority: 2 })) as ProcResults['proc.renice']).process.priority).toBe(2);
    await call('proc.kill', { pid: a.pid });
    expect(((await call('proc.ps', {})) as ProcResults['proc.ps']).processes.map((p) => p.pid)).toEqual(['p2']);
    expect(((await call('proc.ps', { all: true })) as ProcResults['proc.ps']).processes.map((p) => p.pid)).toEqual(['p1', 'p2']);
  });

  it('wait resolves when the process terminates and honours the caller abort signal', async () => {
    const { call, dispatch, session, spawn } = await withProcs();
    const p = await spawn('a worker');
    const waiting = call('proc.wait', { pid: p.pid });
    await call('proc.kill', { pid: p.pid });
    expect(((await waiting) as ProcResults['proc.wait']).process.state).toBe('TERMINATED');
    const q = await spawn('another worker');
    const ac = new AbortController();
    const w = dispatch('proc.wait', { pid: q.pid }, session(), { signal: ac.signal });
    ac.abort();
    expect((await rejection(w)).code).toBe('sys.interrupted');
    expect((await rejection(call('proc.wait', { pid: q.pid, timeoutMs: 5 }))).code).toBe('proc.waitTimeout');
  });

  it('lend moves percent% of the lender remaining budget to the borrower', async () => {
    const { call, spawn } = await withProcs();
    const a = await spawn('lender', 1000);
    const b = await spawn('borrower', 100);
    const res = (await call('proc.lend', { from: a.pid, to: b.pid, percent: 25 })) as ProcResults['proc.lend'];
    expect(res.tokens).toBe(250);
    expect(res.from.tokenBudget.remaining).toBe(750);
    expect(res.to.tokenBudget.remaining).toBe(350);
    expect((await rejection(call('proc.lend', { from: a.pid, to: a.pid, percent: 10 }))).code).toBe('proc.badLend');
  });

  it('merge makes one meta process with both contexts and budgets, and terminates the originals', async () => {
    const { call, spawn, procs } = await withProcs();
    const a = await spawn('writes python code', 300);
    const b = await spawn('reviews code for bugs', 200);
    procs.get(a.pid)!.contextWindow.content.push({ role: 'user', content: 'parser please', tokens: 3, at: 2 });
    procs.get(b.pid)!.contextWindow.content.push({ role: 'user', content: 'review it', tokens: 2, at: 1 });
    const res = (await call('proc.merge', { pids: [a.pid, b.pid], name: 'generalist' })) as ProcResults['proc.merge'];
    expect(res.merged).toEqual([a.pid, b.pid]);
    expect(res.process).toMatchObject({ name: 'generalist', type: 'meta', description: 'writes python code; reviews code for bugs' });
    const m = procs.get(res.process.pid)!;
    expect(m.tokenBudget.remaining).toBe(500);
    expect(m.contextWindow.content.map((c) => c.content)).toEqual(['review it', 'parser please']);
    expect(m.contextWindow.currentLength).toBe(5);
    expect([procs.get(a.pid)!.state, procs.get(b.pid)!.state]).toEqual(['TERMINATED', 'TERMINATED']);
    expect((await rejection(call('proc.merge', { pids: [res.process.pid, res.process.pid] }))).code).toBe('proc.badMerge');
  });

  it('split makes children of the process that share its remaining budget and copy its context', async () => {
    const { call, spawn, procs } = await withProcs();
    const p = await spawn('full stack developer', 1000);
    procs.get(p.pid)!.contextWindow.content.push({ role: 'user', content: 'build it', tokens: 2, at: 1 });
    const res = (await call('proc.split', { pid: p.pid, into: 3 })) as ProcResults['proc.split'];
    expect(res.children).toHaveLength(3);
    for (const c of res.children) {
      expect(c).toMatchObject({ parent: p.pid, owner: 'alice', type: 'specialist' });
      expect(c.tokenBudget.remaining).toBe(333);
      expect(c.contextWindow.turns).toBe(1);
    }
    expect(res.children.map((c) => c.name)).toEqual([`${p.name}.1`, `${p.name}.2`, `${p.name}.3`]);
    expect(res.parent.tokenBudget.remaining).toBe(1);
  });
});

describe('reused arguments', () => {
  it('a caller reusing one args object resolves the reference afresh on each call', async () => {
    const { call, spawn } = await withProcs();
    await spawn('writes python code');
    const args = { pid: 'python code' };
    expect(((await call('proc.kill', args)) as ProcResults['proc.kill']).process.pid).toBe('p1');
    await spawn('writes python code again');
    expect(((await call('proc.kill', args)) as ProcResults['proc.kill']).process.pid).toBe('p2');
  });
});
