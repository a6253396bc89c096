import { describe, expect, it } from 'vitest';
import { panic, PanicError } from '../../src/base/errors.js';
import { createDispatcher } from '../../src/kernel/dispatch.js';
import { z } from 'zod';
import { argsSchema } from '../../src/kernel/schema.js';
import type { SyscallDef } from '../../src/kernel/syscall.js';
import { makeCore, rejection } from './core-kit.js';

function withDef(def: Partial<SyscallDef>) {
  const core = makeCore();
  core.table.register({
    name: 'agent.build', summary: 'test', usage: 'build "goal"', examples: [], args: argsSchema({ goal: z.string().optional() }),
    permission: () => ({ action: 'agent.build' }), handler: () => 'built', ...def,
  } as SyscallDef);
  return core;
}

describe('dispatch', () => {
  it('an unknown syscall fails with sys.unknownSyscall naming the nearest ones, and is audited', async () => {
    const { call, security } = makeCore();
    const err = await rejection(call('proc.kil', { pid: 'p1' }));
    expect(err.code).toBe('sys.unknownSyscall');
    expect((err.details!.candidates as string[])[0]).toBe('proc.kill');
    expect(err.hint).toMatch(/proc\.kill/);
    expect(security.records({ limit: 1 })[0]).toMatchObject({ syscall: 'proc.kil', outcome: 'error', errorCode: 'sys.unknownSyscall' });
  });

  it('bad arguments fail with sys.badArgs naming the field, before any permission check', async () => {
    const { call, session } = makeCore();
    const err = await rejection(call('proc.renice', { pid: 'p1', priority: 40 }, session('p5', 'agent')));
    expect(err.code).toBe('sys.badArgs');
    expect(err.message).toMatch(/priority/);
    expect((await rejection(call('proc.ps', { bogus: 1 }))).code).toBe('sys.badArgs');
    expect((await rejection(call('proc.ps', 'not an object'))).code).toBe('sys.badArgs');
  });

  it('a successful call runs the handler, returns its result and writes an ok audit record', async () => {
    const { call, security } = makeCore();
    const res = (await call('proc.spawn', { description: 'writes python code', budget: 100 })) as { process: { pid: string; owner: string } };
    expect(res.process).toMatchObject({ pid: 'p1', owner: 'alice' });
    expect(res.process).not.toHaveProperty('vpid');
    expect(security.records({ limit: 1 })[0]).toMatchObject({ syscall: 'proc.spawn', outcome: 'ok', principal: 'alice', args: { description: 'writes python code', budget: 100 } });
  });

  it('a failing handler is audited as an error with its code', async () => {
    const { call, security } = makeCore();
    expect((await rejection(call('proc.kill', { pid: 'p9' }))).code).toBe('proc.notFound');
    expect(security.records({ limit: 1 })[0]).toMatchObject({ outcome: 'error', errorCode: 'proc.notFound' });
  });

  it('a handler throwing a plain Error becomes sys.internal', async () => {
    const { call } = withDef({ handler: () => { throw new TypeError('oops'); } });
    const err = await rejection(call('agent.build', { goal: 'x' }));
    expect(err.code).toBe('sys.internal');
    expect(err.message).toBe('oops');
  });

  it('a PanicError propagates unchanged (and is still audited)', async () => {
    const { call, security } = withDef({ handler: () => panic('broken invariant') });
    await expect(call('agent.build', { goal: 'x' })).rejects.toBeInstanceOf(PanicError);
    expect(security.records({ limit: 1 })[0]).toMatchObject({ outcome: 'error', errorCode: 'sys.panic' });
  });

  it('emits a syscall event with the duration for every call', async () => {
    const { call, events } = makeCore();
    const seen: { name: string; ok: boolean; durationMs: number; errorCode?: string }[] = [];
    events.on('syscall', (e) => seen.push(e));
    await call('proc.ps', {});
    await rejection(call('proc.kill', { pid: 'p1' }));
    expect(seen.map((e) => [e.name, e.ok, e.errorCode])).toEqual([['proc.ps', true, undefined], ['proc.kill', false, 'proc.notFound']]);
    expect(seen[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes the signal and progress reporting to the handler', async () => {
    const { table, services, security, events, clock, session } = withDef({
      handler: (_a, ctx) => {
        ctx.progress(1, 2, 'half');
        return ctx.signal.aborted;
      },
    });
    const progress: unknown[] = [];
    events.on('progress', (p) => progress.push(p));
    const dispatch = createDispatcher({ table, services, security, events, clock });
    const ac = new AbortController();
    ac.abort();
    const got: unknown[] = [];
    expect(await dispatch('agent.build', {}, session(), { signal: ac.signal, onProgress: (...a) => got.push(a) })).toBe(true);
    expect(got).toEqual([[1, 2, 'half']]);
    expect(progress).toEqual([{ task: 'agent.build', done: 1, total: 2, label: 'half' }]);
  });
});

describe('dispatch with a malformed session', () => {
  it('fails with sys.badSession (audited), never a TypeError', async () => {
    const { dispatch, security } = makeCore();
    for (const bad of [undefined, null, {}, { creds: { principal: 'x', role: 'emperor', permissions: [] }, cwd: '/' }, { creds: { principal: 'x', role: 'root' }, cwd: '/' }]) {
      expect((await rejection(dispatch('proc.ps', {}, bad as never))).code).toBe('sys.badSession');
    }
    expect(security.records({ limit: 1 })[0]).toMatchObject({ principal: '(invalid session)', errorCode: 'sys.badSession' });
  });
});
