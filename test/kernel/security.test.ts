import { describe, expect, it } from 'vitest';
import { parsePermission, pathGlob } from '../../src/kernel/security.js';
import { makeCore, rejection } from './core-kit.js';

describe('security: permission strings', () => {
  it('parses action globs and scopes, and refuses malformed ones', () => {
    expect(parsePermission('proc.*:own').action.test('proc.kill')).toBe(true);
    expect(parsePermission('proc.*:own').action.test('fs.write')).toBe(false);
    expect(parsePermission('proc.ps').scope).toBe('*');
    expect(() => parsePermission('fs.write:apps/**')).toThrow(/scope/);
    expect(() => parsePermission('')).toThrow(/not a permission/);
  });

  it('path globs: ** spans directories, * does not, and /x/** covers /x itself', () => {
    expect(pathGlob('/apps/**').test('/apps')).toBe(true);
    expect(pathGlob('/apps/**').test('/apps/web/server.js')).toBe(true);
    expect(pathGlob('/apps/**').test('/applications')).toBe(false);
    expect(pathGlob('/apps/*').test('/apps/a/b')).toBe(false);
    expect(pathGlob('/**').test('/')).toBe(true);
  });
});

describe('security: roles', () => {
  const user = { principal: 'alice', role: 'user' as const, permissions: [] };
  const agent = { principal: 'p7', role: 'agent' as const, permissions: [] };

  it('root may do anything', () => {
    const { security } = makeCore();
    expect(() => security.check({ principal: 'root', role: 'root', permissions: [] }, { action: 'sys.anything', resource: { kind: 'system' } })).not.toThrow();
  });

  it("a user may kill her own processes and their children, not other users'", () => {
    const { security } = makeCore();
    expect(() => security.check(user, { action: 'proc.kill', resource: { kind: 'owned', owner: 'alice', id: 'p1' } })).not.toThrow();
    expect(() => security.check(user, { action: 'proc.kill', resource: { kind: 'owned', owner: 'bob', id: 'p2' } })).toThrow(/may not proc.kill/);
  });

  it('own covers grandchildren: objects owned by a process the user spawned', async () => {
    const { security, procs } = makeCore();
    const parent = await procs.spawn({ description: 'planner', owner: 'alice' });
    expect(() => security.check(user, { action: 'proc.kill', resource: { kind: 'owned', owner: parent.pid, id: 'p9' } })).not.toThrow();
  });

  it('an agent may write and mkdir under /agents/<its pid>/ only (more when granted), and only read elsewhere', () => {
    const { security } = makeCore();
    expect(() => security.check(agent, { action: 'fs.write', resource: { kind: 'path', path: '/agents/p7/notes.md' } })).not.toThrow();
    expect(() => security.check(agent, { action: 'fs.write', resource: { kind: 'path', path: '/apps/web/index.js' } })).toThrow(/fs.write/);
    expect(() => security.check({ ...agent, permissions: ['fs.write:/apps/web/**'] }, { action: 'fs.write', resource: { kind: 'path', path: '/apps/web/index.js' } })).not.toThrow();
    expect(() => security.check(agent, { action: 'fs.rm', resource: { kind: 'path', path: '/agents/p7/notes.md' } })).toThrow(/fs.rm/);
    expect(() => security.check(agent, { action: 'fs.cat', resource: { kind: 'path', path: '/knowledge/facts/a' } })).not.toThrow();
    expect(() => security.check(agent, { action: 'fs.write', resource: { kind: 'path', path: '/agents/p8/notes.md' } })).toThrow(/fs.write/);
    expect(() => security.check(agent, { action: 'fs.write', resource: { kind: 'path', path: '/apps/../knowledge/x' } })).toThrow(/fs.write/);
    expect(() => security.check(agent, { action: 'fs.mount', resource: { kind: 'path', path: '/apps' } })).toThrow(/fs.mount/);
  });

  it('an agent may read its own inbox but not another process inbox', () => {
    const { security } = makeCore();
    expect(() => security.check(agent, { action: 'ipc.receive', resource: { kind: 'owned', owner: 'alice', id: 'p7' } })).not.toThrow();
    expect(() => security.check(agent, { action: 'ipc.receive', resource: { kind: 'owned', owner: 'alice', id: 'p8' } })).toThrow(/ipc.receive/);
    expect(() => security.check(agent, { action: 'ipc.send' })).not.toThrow();
  });

  it('denials are NlshErrors named after the action namespace, with a hint', () => {
    const { security } = makeCore();
    try {
      security.check(agent, { action: 'sys.audit', resource: { kind: 'system' } });
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe('sys.denied');
      expect((err as { hint: string }).hint).toMatch(/own credentials/);
    }
  });

  it('extra grants in the credentials widen the role; malformed ones grant nothing', () => {
    const { security } = makeCore();
    const req = { action: 'sys.audit', resource: { kind: 'system' as const } };
    expect(() => security.check({ ...agent, permissions: ['sys.audit'] }, req)).not.toThrow();
    expect(() => security.check({ ...agent, permissions: ['::bad'] }, req)).toThrow(/may not/);
  });
});

describe('security: denials through dispatch', () => {
  it('an agent killing a process it does not own is refused, audited as denied, and the process lives', async () => {
    const { call, session, procs, security } = makeCore();
    const victim = await procs.spawn({ description: 'a worker', owner: 'alice' });
    const err = await rejection(call('proc.kill', { pid: victim.pid }, session('p99', 'agent')));
    expect(err.code).toBe('proc.denied');
    expect(procs.get(victim.pid)!.state).toBe('RUNNING');
    const last = security.records({ limit: 1 })[0]!;
    expect(last).toMatchObject({ principal: 'p99', role: 'agent', syscall: 'proc.kill', outcome: 'denied', errorCode: 'proc.denied' });
  });

  it("a user cannot suspend another user's process but root can", async () => {
    const { call, session, procs } = makeCore();
    const p = await procs.spawn({ description: "bob's worker", owner: 'bob' });
    expect((await rejection(call('proc.suspend', { pid: p.pid }, session('alice')))).code).toBe('proc.denied');
    await call('proc.suspend', { pid: p.pid }, session('root', 'root'));
    expect(p.state).toBe('SUSPENDED');
  });

  it('merge needs permission on every process it merges', async () => {
    const { call, session, procs } = makeCore();
    await procs.spawn({ description: 'mine', owner: 'alice' });
    await procs.spawn({ description: 'theirs', owner: 'bob' });
    expect((await rejection(call('proc.merge', { pids: ['p2', 'p1'] }, session('alice')))).code).toBe('proc.denied');
    expect((await rejection(call('proc.merge', { pids: ['p1', 'p2'] }, session('alice')))).code).toBe('proc.denied');
  });

  it('an agent cannot read the audit log; a user can', async () => {
    const { call, session } = makeCore();
    expect((await rejection(call('sys.audit', {}, session('p3', 'agent')))).code).toBe('sys.denied');
    const res = (await call('sys.audit', { limit: 5 })) as { records: { outcome: string }[] };
    expect(res.records.at(-1)!.outcome).toBe('denied');
  });
});

describe('security: syscall-level check', () => {
  it('an agent may not call fs.mount at all, even onto a path it may write', async () => {
    const { security, dispatch, table, services, events, clock, session } = makeCore();
    const { argsSchema } = await import('../../src/kernel/schema.js');
    const { z } = await import('zod');
    const { createDispatcher } = await import('../../src/kernel/dispatch.js');
    table.register({
      name: 'fs.mount', summary: 'test', usage: 'mount', examples: [], args: argsSchema({ at: z.string() }),
      permission: (a: { at: string }) => ({ action: 'fs.write', resource: { kind: 'path', path: a.at } }), handler: () => 'mounted',
    } as never);
    void dispatch;
    const d = createDispatcher({ table, services, security, events, clock });
    expect((await rejection(d('fs.mount', { at: '/apps/x' }, session('p4', 'agent')))).code).toBe('fs.denied');
    expect(await d('fs.mount', { at: '/apps/x' }, session('alice'))).toBe('mounted');
  });
});
