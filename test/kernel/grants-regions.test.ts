// The syscalls added with the descriptors: mem.read / mem.write (a region's owner and the
// processes it is shared with), sys.grant / sys.revoke (root only, audited), the workspace
// every spawned agent gets, and ps -l's permissions. Through a booted kernel, as the shell uses it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKernel, type KernelWithAgents } from '../../src/agents/boot.js';
import type { Session } from '../../src/kernel/types.js';
import { rejection } from './core-kit.js';

let k: KernelWithAgents;
const root: Session = { creds: { principal: 'root', role: 'root', permissions: [] }, cwd: '/' };
const bob: Session = { creds: { principal: 'bob', role: 'user', permissions: [] }, cwd: '/' };
const lastAudit = () => k.services.security.records({ limit: 1 })[0]!;

beforeEach(async () => {
  k = await createKernel({ inMemory: true, embedder: 'hash', user: 'alice', env: {} });
});
afterEach(async () => {
  await k.close();
});

describe('mem.read / mem.write', () => {
  it("the owner writes (replacing, or appending) and reads a region's contents", async () => {
    await k.call('mem.malloc', { description: 'user preferences' });
    await k.call('mem.write', { id: 'm1', content: 'likes dark mode' });
    await k.call('mem.write', { id: 'm1', content: 'short answers', append: true });
    expect((await k.call('mem.read', { id: 'm1' })).content).toBe('likes dark mode\nshort answers');
    const r = await k.call('mem.write', { id: '1', content: 'starts over' });
    expect(r).toMatchObject({ region: { id: 'm1' }, bytes: 11 });
    const read = await k.call('mem.read', { id: 'm1' });
    expect(read.entries).toEqual([expect.objectContaining({ text: 'starts over', author: 'alice' })]);
    expect(read.region.usedTokens).toBe(r.region.usedTokens);
  });

  it('a process may read and write a region only once it is shared with it', async () => {
    const { process: p } = await k.call('proc.spawn', { description: 'a note taker', name: 'notes' });
    await k.call('mem.malloc', { description: 'shared notes' });
    await k.call('mem.write', { id: 'm1', content: 'from alice' });
    const agent = k.sessionOf(p.pid);
    expect((await rejection(k.call('mem.read', { id: 'm1' }, agent))).code).toBe('mem.denied');
    expect(lastAudit()).toMatchObject({ principal: p.pid, syscall: 'mem.read', outcome: 'denied', errorCode: 'mem.denied' });
    await k.call('mem.share', { id: 'm1', with: 'notes' });
    await k.call('mem.write', { id: 'm1', content: 'from the agent', append: true }, agent);
    expect((await k.call('mem.read', { id: 'm1' }, agent)).entries.map((e) => e.author)).toEqual(['alice', p.pid]);
    expect((await k.call('mem.read', { id: 'm1' })).content).toBe('from alice\nfrom the agent');
  });

  it('a stranger is denied reading and writing, and each attempt is audited', async () => {
    await k.call('mem.malloc', { description: 'alice private notes' });
    await k.call('mem.write', { id: 'm1', content: 'secret' });
    const { process: other } = await k.call('proc.spawn', { description: 'someone else' });
    k.services.procs.get(other.pid)!.owner = 'bob';
    for (const s of [bob, k.sessionOf(other.pid)]) {
      expect((await rejection(k.call('mem.read', { id: 'm1' }, s))).code).toBe('mem.denied');
      expect(lastAudit()).toMatchObject({ principal: s.creds.principal, syscall: 'mem.read', outcome: 'denied' });
      expect((await rejection(k.call('mem.write', { id: 'm1', content: 'overwritten' }, s))).code).toBe('mem.denied');
      expect(lastAudit()).toMatchObject({ principal: s.creds.principal, syscall: 'mem.write', outcome: 'denied' });
    }
    expect((await k.call('mem.read', { id: 'm1' })).content).toBe('secret');
  });

  it('an unknown region is mem.notFound; writing past its size is mem.regionFull', async () => {
    expect((await rejection(k.call('mem.read', { id: 'm9' }))).code).toBe('mem.notFound');
    await k.call('mem.malloc', { description: 'tiny', size: 2 });
    expect((await rejection(k.call('mem.write', { id: 'm1', content: 'far too many words for two tokens of room' }))).code).toBe('mem.regionFull');
  });
});

describe('sys.grant / sys.revoke', () => {
  it('root grants a process a permission it then has, and revokes it again; each is audited', async () => {
    const { process: p } = await k.call('proc.spawn', { description: 'a data writer' });
    const agent = k.sessionOf(p.pid);
    expect((await rejection(k.call('fs.write', { path: '/knowledge/x.md', content: 'x' }, agent))).code).toBe('fs.denied');
    const g = await k.call('sys.grant', { pid: p.pid, permission: 'fs.write:/knowledge/**' }, root);
    expect(g).toMatchObject({ permission: 'fs.write:/knowledge/**', changed: true, process: { permissions: ['fs.write:/knowledge/**'] } });
    expect(lastAudit()).toMatchObject({ principal: 'root', syscall: 'sys.grant', outcome: 'ok', args: { pid: p.pid, permission: 'fs.write:/knowledge/**' } });
    await k.call('fs.write', { path: '/knowledge/x.md', content: 'x' }, agent);
    expect((await k.call('sys.grant', { pid: p.pid, permission: 'fs.write:/knowledge/**' }, root)).changed).toBe(false);
    expect((await k.call('sys.revoke', { pid: p.pid, permission: 'fs.write:/knowledge/**' }, root)).changed).toBe(true);
    expect((await rejection(k.call('fs.write', { path: '/knowledge/y.md', content: 'y' }, agent))).code).toBe('fs.denied');
    expect(k.services.procs.get(p.pid)!.permissions).toEqual([]);
  });

  it('only root may grant or revoke: a user and an agent are denied, audited, and nothing changes', async () => {
    const { process: p } = await k.call('proc.spawn', { description: 'an ambitious agent' });
    for (const s of [k.session(), k.sessionOf(p.pid)]) {
      for (const name of ['sys.grant', 'sys.revoke'] as const) {
        expect((await rejection(k.call(name, { pid: p.pid, permission: '*:*' }, s))).code).toBe('sys.denied');
        expect(lastAudit()).toMatchObject({ principal: s.creds.principal, syscall: name, outcome: 'denied' });
      }
    }
    expect(k.services.procs.get(p.pid)!.permissions).toEqual([]);
  });

  it('a permission that does not parse is sys.badPermission with a hint, and is not stored', async () => {
    const { process: p } = await k.call('proc.spawn', { description: 'an agent' });
    const err = await rejection(k.call('sys.grant', { pid: p.pid, permission: 'fs.write:relative/path' }, root));
    expect(err.code).toBe('sys.badPermission');
    expect(err.hint).toMatch(/fs\.write:\/apps\/\*\*/);
    expect((await rejection(k.call('sys.grant', { pid: p.pid, permission: 'no spaces allowed' }, root))).code).toBe('sys.badPermission');
    expect(k.services.procs.get(p.pid)!.permissions).toEqual([]);
  });
});

describe('workspaces and ps -l', () => {
  it('spawn creates /agents/<pid>/, where the agent may write and others’ workspaces are closed to it', async () => {
    const { process: a } = await k.call('proc.spawn', { description: 'first agent' });
    const { process: b } = await k.call('proc.spawn', { description: 'second agent' });
    expect(k.services.vfs.stat(`/agents/${a.pid}`)).toMatchObject({ kind: 'dir' });
    expect(k.services.vfs.stat(`/agents/${b.pid}`)).toMatchObject({ kind: 'dir' });
    await k.call('fs.write', { path: `/agents/${a.pid}/notes.md`, content: 'mine' }, k.sessionOf(a.pid));
    expect((await rejection(k.call('fs.write', { path: `/agents/${b.pid}/notes.md`, content: 'theirs' }, k.sessionOf(a.pid)))).code).toBe('fs.denied');
    const { children } = await k.call('proc.split', { pid: a.pid, into: 2 });
    for (const c of children) expect(k.services.vfs.stat(`/agents/${c.pid}`)).toMatchObject({ kind: 'dir' });
  });

  it("ps -l lists each process's grants: its role's defaults for itself, then what root granted", async () => {
    const { process: p } = await k.call('proc.spawn', { description: 'an agent' });
    await k.call('sys.grant', { pid: p.pid, permission: 'fs.write:/data/**' }, root);
    const [row] = (await k.call('proc.ps', { long: true })).processes;
    expect(row!.grants).toEqual(expect.arrayContaining([`fs.write:/agents/${p.pid}/**`, 'proc.kill:own', 'fs.write:/data/**']));
    expect(row!.grants!.at(-1)).toBe('fs.write:/data/**');
    expect((await k.call('proc.ps', {})).processes[0]).not.toHaveProperty('grants');
  });
});
