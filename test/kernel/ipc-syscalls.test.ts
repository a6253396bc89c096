import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { bootKernel } from '../../src/kernel/kernel.js';
import { createBus } from '../../src/kernel/bus.js';
import { ipcSyscalls } from '../../src/kernel/syscalls/ipc.js';
import { makeCore, rejection, wordEmbedder } from './core-kit.js';

async function setup(opts: { inboxCapacity?: number } = {}) {
  const core = makeCore();
  const bus = createBus({ db: core.db, clock: core.clock, events: core.events, embedder: wordEmbedder, procs: core.procs, ...opts });
  (core.services as { bus: unknown }).bus = bus;
  core.table.register(...ipcSyscalls);
  const coder = await core.procs.spawn({ description: 'python coder writing scripts', name: 'coder', owner: 'alice' });
  const dba = await core.procs.spawn({ description: 'database expert for postgres tables', name: 'dba', owner: 'alice' });
  return { ...core, bus, coder, dba };
}

describe('ipc syscalls', () => {
  it('ipc.send to a pid delivers from the caller and returns the message without its vector', async () => {
    const { call, bus, coder } = await setup();
    const r = (await call('ipc.send', { to: coder.pid, message: 'Analyze this code for bugs', priority: 3 })) as { message: Record<string, unknown> };
    expect(r.message).toMatchObject({ from: 'alice', to: coder.pid, messageType: 'REQUEST', priority: 3, requiresAck: false, payload: 'Analyze this code for bugs' });
    expect(r.message).not.toHaveProperty('vector');
    expect(Object.keys(r.message).sort()).toEqual(['attempts', 'from', 'id', 'messageType', 'payload', 'priority', 'requiresAck', 'timestamp', 'to']);
    expect(bus.inboxSize(coder.pid)).toBe(1);
  });

  it('ipc.send to a name resolves the process; to a description routes to the nearest vpid', async () => {
    const { call, bus, dba } = await setup();
    await call('ipc.send', { to: 'dba', message: 'by name' });
    const r = (await call('ipc.send', { to: 'whoever knows postgres tables', message: 'by meaning' })) as { message: { to: string }; route: { pid: string; score: number } };
    expect(r.message.to).toBe(dba.pid);
    expect(r.route.pid).toBe(dba.pid);
    expect(r.route.score).toBeGreaterThan(0.3);
    expect(bus.peek(dba.pid).map((m) => m.payload)).toEqual(['by name', 'by meaning']);
    expect(bus.peek(dba.pid)[1]!.vector.length).toBe(wordEmbedder.dim); // routed messages carry their vector
    expect(bus.peek(dba.pid)[0]!.vector).toEqual([]);
  });

  it('a process can message the shell user, who reads it with ipc.receive (no pid = own inbox)', async () => {
    const { call, session, coder } = await setup();
    await call('ipc.send', { to: 'alice', message: 'done: 3 bugs found', type: 'RESPONSE' }, session(coder.pid, 'agent'));
    const r = (await call('ipc.receive', {})) as { messages: { from: string; payload: string; messageType: string }[] };
    expect(r.messages).toMatchObject([{ from: coder.pid, payload: 'done: 3 bugs found', messageType: 'RESPONSE' }]);
    expect(((await call('ipc.receive', {})) as { messages: unknown[] }).messages).toEqual([]);
  });

  it('ipc.receive of a process inbox takes its messages in priority order and acknowledges them', async () => {
    const { call, bus, coder } = await setup();
    await call('ipc.send', { to: coder.pid, message: 'later', priority: 12 });
    await call('ipc.send', { to: coder.pid, message: 'now', priority: 1, requiresAck: true });
    const r = (await call('ipc.receive', { pid: 'coder', max: 5 })) as { messages: { payload: string }[] };
    expect(r.messages.map((m) => m.payload)).toEqual(['now', 'later']);
    expect(bus.stats.acked).toBe(1);
    expect(bus.unacked(coder.pid)).toBe(0);
  });

  it('ipc.send to a full inbox fails ipc.inboxFull', async () => {
    const { call, coder } = await setup({ inboxCapacity: 1 });
    await call('ipc.send', { to: coder.pid, message: 'one' });
    expect((await rejection(call('ipc.send', { to: coder.pid, message: 'two' }))).code).toBe('ipc.inboxFull');
  });

  it('ipc.send to an unknown process fails proc.notFound', async () => {
    const { call } = await setup();
    expect((await rejection(call('ipc.send', { to: 'p42', message: 'hello' }))).code).toBe('proc.notFound');
  });

  it('ipc.broadcast reaches every running process', async () => {
    const { call, bus, coder, dba } = await setup();
    const r = (await call('ipc.broadcast', { message: 'System shutting down', priority: 0 })) as { delivered: number; ids: string[] };
    expect(r.delivered).toBe(2);
    expect(r.ids).toHaveLength(2);
    expect(bus.peek(coder.pid)[0]).toMatchObject({ messageType: 'BROADCAST', payload: 'System shutting down', priority: 0 });
    expect(bus.inboxSize(dba.pid)).toBe(1);
  });

  it('ipc.group then ipc.multicast reaches the members only', async () => {
    const { call, bus, coder, dba, procs } = await setup();
    const third = await procs.spawn({ description: 'reviewer', name: 'rev', owner: 'alice' });
    const g = (await call('ipc.group', { name: 'builders', members: ['coder', dba.pid] })) as { group: string; members: string[] };
    expect(g).toEqual({ group: 'builders', members: [coder.pid, dba.pid] });
    const r = (await call('ipc.multicast', { group: 'builders', message: 'standup' })) as { delivered: number };
    expect(r.delivered).toBe(2);
    expect(bus.inboxSize(third.pid)).toBe(0);
    expect((await rejection(call('ipc.multicast', { group: 'nobody', message: 'x' }))).code).toBe('ipc.noGroup');
  });

  it('arguments outside the contract fail sys.badArgs', async () => {
    const { call, coder } = await setup();
    expect((await rejection(call('ipc.send', { to: coder.pid, message: 'x', priority: 25 }))).code).toBe('sys.badArgs');
    expect((await rejection(call('ipc.send', { to: coder.pid, text: 'x' }))).code).toBe('sys.badArgs');
    expect((await rejection(call('ipc.send', { to: coder.pid, message: 'x', type: 'SHOUT' }))).code).toBe('sys.badArgs');
  });

  it('a successful send is already in the database when the call returns', async () => {
    const { call, db, coder } = await setup();
    await call('ipc.send', { to: coder.pid, message: 'durable' });
    const row = db.prepare('SELECT payload, address FROM ipc_messages').get() as { payload: string; address: string };
    expect(row).toEqual({ payload: JSON.stringify('durable'), address: coder.pid });
  });
});

describe('ipc and mem through a booted kernel', () => {
  it('inboxes, groups and regions survive a restart of the whole kernel', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nlsh-ipc-boot-'));
    const boot = () => bootKernel({ home, embedder: createHashEmbedder(64), user: 'alice', allowedRoots: [home], env: {} });
    try {
      const k1 = await boot();
      const coder = (await k1.call('proc.spawn', { description: 'writes python code', name: 'coder' })).process;
      await k1.call('ipc.send', { to: 'coder', message: 'write a CSV parser', priority: 2 });
      await k1.call('ipc.send', { to: 'alice', message: 'parser done' }, k1.sessionOf(coder.pid));
      await k1.call('ipc.group', { name: 'team', members: ['coder'] });
      await k1.call('mem.malloc', { description: 'storing user preferences' });
      await k1.close();

      const k2 = await boot();
      expect((await k2.call('ipc.receive', {})).messages.map((m) => [m.from, m.payload])).toEqual([[coder.pid, 'parser done']]);
      expect((await k2.call('ipc.receive', { pid: 'coder' })).messages.map((m) => m.payload)).toEqual(['write a CSV parser']);
      expect((await k2.call('ipc.multicast', { group: 'team', message: 'hi' })).delivered).toBe(1);
      const stat = await k2.call('mem.stat', {});
      expect(stat.regions.map((r) => [r.id, r.description, r.owner])).toEqual([['m1', 'storing user preferences', 'alice']]);
      expect(stat.tiers.map((t) => t.tier)).toEqual(['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk']);
      await k2.close();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
