import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/base/sqlite.js';
import { createBus, type BusImpl } from '../../src/kernel/bus.js';
import type { KernelEvents } from '../../src/kernel/types.js';
import { makeCore, rejection, wordEmbedder } from './core-kit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(opts: { inboxCapacity?: number; ackTimeoutMs?: number; maxAttempts?: number; file?: string; durability?: 'batched' | 'sync' } = {}) {
  const core = makeCore(opts.file ? { file: opts.file } : {});
  const bus = createBus({ db: core.db, clock: core.clock, events: core.events, embedder: wordEmbedder, procs: core.procs, ...opts });
  return { ...core, bus };
}
const payloads = (bus: BusImpl, address: string, max?: number) => bus.receive(address, max).map((m) => m.payload);

describe('message bus', () => {
  it('delivers highest priority first, oldest first within a priority', async () => {
    const { bus } = setup();
    await bus.send({ from: 'alice', to: 'bob', payload: 'low-1', priority: 15 });
    await bus.send({ from: 'alice', to: 'bob', payload: 'high-1', priority: 2 });
    await bus.send({ from: 'alice', to: 'bob', payload: 'low-2', priority: 15 });
    await bus.send({ from: 'alice', to: 'bob', payload: 'high-2', priority: 2 });
    await bus.send({ from: 'alice', to: 'bob', payload: 'urgent', priority: 0 });
    expect(bus.inboxSize('bob')).toBe(5);
    expect(payloads(bus, 'bob', 2)).toEqual(['urgent', 'high-1']);
    expect(payloads(bus, 'bob')).toEqual(['high-2', 'low-1', 'low-2']);
    expect(bus.inboxSize('bob')).toBe(0);
    expect(bus.stats).toMatchObject({ sent: 5, delivered: 5 });
  });

  it('a message carries the VectorMessage fields, an id and a timestamp from the clock', async () => {
    const { bus, clock } = setup();
    clock.advance(500);
    const m = await bus.send({ from: 'alice', to: 'bob', payload: { text: 'hi' }, messageType: 'REQUEST', priority: 3 });
    expect(m).toMatchObject({ from: 'alice', to: 'bob', messageType: 'REQUEST', payload: { text: 'hi' }, priority: 3, timestamp: 1_500, requiresAck: false, vector: [] });
    expect(m.id).toMatch(/^msg\d+$/);
  });

  it('send to an unknown or terminated pid fails with ipc.noRecipient, a bad priority with ipc.badPriority', async () => {
    const { bus, procs } = setup();
    expect((await rejection(bus.send({ from: 'alice', to: 'p99', payload: 'x' }))).code).toBe('ipc.noRecipient');
    const p = await procs.spawn({ description: 'a short lived agent', owner: 'alice' });
    procs.transition(p.pid, 'TERMINATED');
    expect((await rejection(bus.send({ from: 'alice', to: p.pid, payload: 'x' }))).code).toBe('ipc.noRecipient');
    expect((await rejection(bus.send({ from: 'alice', to: 'bob', payload: 'x', priority: 20 }))).code).toBe('ipc.badPriority');
    expect(bus.stats.sent).toBe(0);
  });

  it('a full inbox fails ipc.inboxFull to the sender and keeps every queued message', async () => {
    const { bus } = setup({ inboxCapacity: 3 });
    for (let i = 0; i < 3; i++) await bus.send({ from: 'alice', to: 'bob', payload: i });
    const err = await rejection(bus.send({ from: 'alice', to: 'bob', payload: 3 }));
    expect(err.code).toBe('ipc.inboxFull');
    expect(err.details).toMatchObject({ full: ['bob'], capacity: 3 });
    expect(bus.stats).toMatchObject({ sent: 3, rejected: 1 });
    expect(payloads(bus, 'bob', 1)).toEqual([0]);
    await bus.send({ from: 'alice', to: 'bob', payload: 3 }); // room again
    expect(payloads(bus, 'bob')).toEqual([1, 2, 3]);
  });

  it('unacked messages count against the inbox bound until acked', async () => {
    const { bus } = setup({ inboxCapacity: 1 });
    await bus.send({ from: 'alice', to: 'bob', payload: 'a', requiresAck: true });
    const [m] = bus.receive('bob');
    expect((await rejection(bus.send({ from: 'alice', to: 'bob', payload: 'b' }))).code).toBe('ipc.inboxFull');
    bus.ack('bob', m!.id);
    await bus.send({ from: 'alice', to: 'bob', payload: 'b' });
    expect(bus.inboxSize('bob')).toBe(1);
  });

  it('an unacked message is redelivered after its timeout, and an ack stops that', async () => {
    const { bus, clock } = setup({ ackTimeoutMs: 1_000, maxAttempts: 3 });
    const sent = await bus.send({ from: 'alice', to: 'bob', payload: 'do it', requiresAck: true });
    expect(bus.receive('bob').map((m) => m.id)).toEqual([sent.id]);
    clock.advance(999);
    bus.tick();
    expect(bus.inboxSize('bob')).toBe(0);
    clock.advance(1);
    bus.tick();
    expect(bus.stats.redelivered).toBe(1);
    const again = bus.receive('bob');
    expect(again).toMatchObject([{ id: sent.id, attempts: 2 }]);
    bus.ack('bob', sent.id);
    clock.advance(10_000);
    bus.tick();
    expect(bus.inboxSize('bob')).toBe(0);
    expect(bus.stats).toMatchObject({ acked: 1, redelivered: 1, expired: 0 });
    expect((() => { try { bus.ack('bob', sent.id); } catch (e) { return (e as { code: string }).code; } })()).toBe('ipc.notFound');
  });

  it('a redelivered message goes ahead of newer messages of its priority', async () => {
    const { bus, clock } = setup({ ackTimeoutMs: 100 });
    const first = await bus.send({ from: 'alice', to: 'bob', payload: 'first', requiresAck: true });
    bus.receive('bob');
    await bus.send({ from: 'alice', to: 'bob', payload: 'second' });
    clock.advance(100);
    bus.tick();
    expect(bus.receive('bob').map((m) => m.id)[0]).toBe(first.id);
  });

  it('after maxAttempts deliveries a message expires and the sender is told with a NOTIFICATION', async () => {
    const { bus, clock, events } = setup({ ackTimeoutMs: 100, maxAttempts: 2 });
    const seen: KernelEvents['message']['event'][] = [];
    events.on('message', (e) => seen.push(e.event));
    const sent = await bus.send({ from: 'alice', to: 'bob', payload: 'ping', requiresAck: true });
    bus.receive('bob');
    clock.advance(100);
    bus.tick();
    bus.receive('bob');
    clock.advance(100);
    bus.tick();
    expect(bus.stats).toMatchObject({ expired: 1, redelivered: 1 });
    expect(bus.inboxSize('bob')).toBe(0);
    const [note] = bus.receive('alice');
    expect(note).toMatchObject({ from: 'kernel', to: 'alice', messageType: 'NOTIFICATION', priority: 0 });
    expect(note!.payload).toMatchObject({ event: 'ipc.expired', messageId: sent.id, to: 'bob', attempts: 2 });
    expect(seen).toEqual(['sent', 'delivered', 'redelivered', 'delivered', 'expired', 'sent', 'delivered']);
  });

  it('an expiry notice waits (and survives) while the sender inbox is full', async () => {
    const { bus, clock } = setup({ ackTimeoutMs: 100, maxAttempts: 1, inboxCapacity: 1 });
    await bus.send({ from: 'alice', to: 'bob', payload: 'needs ack', requiresAck: true });
    await bus.send({ from: 'bob', to: 'alice', payload: 'filler' });
    bus.receive('bob');
    clock.advance(100);
    bus.tick();
    expect(bus.stats.expired).toBe(1);
    expect(payloads(bus, 'alice')).toEqual(['filler']);
    bus.tick();
    expect(bus.receive('alice')[0]!.payload).toMatchObject({ event: 'ipc.expired' });
  });

  it('broadcast reaches every live process but the sender; one full inbox refuses it all', async () => {
    const { bus, procs } = setup({ inboxCapacity: 1 });
    const a = await procs.spawn({ description: 'database expert', owner: 'alice' });
    const b = await procs.spawn({ description: 'python coder', owner: 'alice' });
    const c = await procs.spawn({ description: 'code reviewer', owner: 'alice' });
    const msgs = await bus.broadcast(a.pid, 'shutting down', 1);
    expect(msgs.map((m) => m.messageType)).toEqual(['BROADCAST', 'BROADCAST']);
    expect(bus.receive(b.pid)[0]).toMatchObject({ from: a.pid, to: '*', payload: 'shutting down' });
    expect(bus.inboxSize(a.pid)).toBe(0);
    const err = await rejection(bus.broadcast('alice', 'again'));
    expect(err.code).toBe('ipc.inboxFull');
    expect(err.details).toMatchObject({ full: [c.pid] });
    expect(bus.inboxSize(a.pid) + bus.inboxSize(b.pid)).toBe(0); // all or nothing
  });

  it('multicast reaches the members of a group; an unknown group fails ipc.noGroup', async () => {
    const { bus, procs } = setup();
    const a = await procs.spawn({ description: 'database expert', owner: 'alice' });
    const b = await procs.spawn({ description: 'python coder', owner: 'alice' });
    await procs.spawn({ description: 'code reviewer', owner: 'alice' });
    expect(bus.setGroup('builders', [a.pid, b.pid, a.pid])).toEqual([a.pid, b.pid]);
    const sent = await bus.multicast('alice', 'builders', 'standup');
    expect(sent.map((m) => m.to)).toEqual(['group:builders', 'group:builders']);
    expect(payloads(bus, a.pid)).toEqual(['standup']);
    expect(payloads(bus, b.pid)).toEqual(['standup']);
    expect((await rejection(bus.multicast('alice', 'nobody', 'x'))).code).toBe('ipc.noGroup');
    expect(() => bus.setGroup('bad name!', [a.pid])).toThrow(/not a group name/);
  });

  it('routes a description to the process whose vpid is nearest', async () => {
    const { bus, procs } = setup();
    await procs.spawn({ description: 'python coder writing scripts', owner: 'alice' });
    const db = await procs.spawn({ description: 'database expert for postgres tables', owner: 'alice' });
    await procs.spawn({ description: 'code reviewer checking style', owner: 'alice' });
    expect((await bus.route('whoever knows postgres database tables')).pid).toBe(db.pid);
  });

  it('routing with no live process, or with no process anywhere near the description, fails ipc.noRoute', async () => {
    const { bus, procs } = setup();
    expect((await rejection(bus.route('anyone at all'))).code).toBe('ipc.noRoute');
    const p = await procs.spawn({ description: 'python coder writing scripts', owner: 'alice' });
    const err = await rejection(bus.route('zebra giraffe savanna'));
    expect(err.code).toBe('ipc.noRoute');
    expect(err.details).toMatchObject({ closest: p.pid });
  });

  it('restart restores queued and unacked messages, groups and the id counter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-bus-'));
    dirs.push(dir);
    const file = join(dir, 'nlsh.db');
    const one = setup({ file, ackTimeoutMs: 100 });
    const p = await one.procs.spawn({ description: 'database expert', owner: 'alice' });
    one.bus.setGroup('team', [p.pid]);
    await one.bus.send({ from: 'alice', to: p.pid, payload: 'low', priority: 12 });
    const unacked = await one.bus.send({ from: 'alice', to: p.pid, payload: { job: 'ack me' }, priority: 1, requiresAck: true });
    await one.bus.send({ from: 'alice', to: p.pid, payload: 'gone' , priority: 15});
    expect(one.bus.receive(p.pid, 1)[0]!.id).toBe(unacked.id); // delivered, not acked
    const consumed = await one.bus.send({ from: 'alice', to: 'bob', payload: 'read before restart' });
    one.bus.receive('bob');
    one.bus.close();
    one.db.close();

    const two = setup({ file });
    expect(two.bus.peek(p.pid).map((m) => m.payload)).toEqual([{ job: 'ack me' }, 'low', 'gone']);
    expect(two.bus.peek(p.pid)[0]!.attempts).toBe(1);
    expect(two.bus.inboxSize('bob')).toBe(0);
    expect(two.bus.groups().get('team')).toEqual([p.pid]);
    const next = await two.bus.send({ from: 'alice', to: 'bob', payload: 'new' });
    expect(Number(next.id.slice(3))).toBeGreaterThan(Number(consumed.id.slice(3)));
    two.bus.close();
    two.db.close();
  });

  it('when a process terminates, what waits for it is released and each sender is told (ipc.undeliverable)', async () => {
    const { bus, procs } = setup();
    const p = await procs.spawn({ description: 'a short lived agent', owner: 'alice' });
    const other = await procs.spawn({ description: 'a long lived agent', owner: 'alice' });
    const queued = await bus.send({ from: 'alice', to: p.pid, payload: 'queued' });
    const unacked = await bus.send({ from: other.pid, to: p.pid, payload: 'ack me', requiresAck: true, priority: 0 });
    await bus.send({ from: 'alice', to: other.pid, payload: 'for the survivor' });
    expect(bus.receive(p.pid, 1).map((m) => m.id)).toEqual([unacked.id]);
    procs.transition(p.pid, 'TERMINATED');
    expect(bus.inboxSize(p.pid)).toBe(0);
    expect(bus.unacked(p.pid)).toBe(0);
    expect(bus.stats.undeliverable).toBe(2);
    expect(bus.receive('alice').map((m) => m.payload)).toEqual([
      expect.objectContaining({ event: 'ipc.undeliverable', messageId: queued.id, to: p.pid, text: expect.stringContaining('was not delivered') }),
    ]);
    // Notices go at priority 0, ahead of ordinary mail.
    expect(bus.receive(other.pid).map((m) => m.payload)).toEqual([
      expect.objectContaining({ event: 'ipc.undeliverable', messageId: unacked.id, text: expect.stringContaining('was not acknowledged') }),
      'for the survivor',
    ]);
    expect((await rejection(Promise.resolve().then(() => bus.ack(p.pid, unacked.id)))).code).toBe('ipc.notFound');
  });

  it('messages stored for a process that ended while the bus was down are released at boot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-bus-'));
    dirs.push(dir);
    const file = join(dir, 'nlsh.db');
    const one = setup({ file });
    const p = await one.procs.spawn({ description: 'a short lived agent', owner: 'alice' });
    const sent = await one.bus.send({ from: 'alice', to: p.pid, payload: 'never read' });
    one.bus.close();
    one.procs.transition(p.pid, 'TERMINATED'); // the bus is closed: nobody releases it now
    one.db.close();

    const two = setup({ file });
    expect(two.bus.inboxSize(p.pid)).toBe(0);
    expect(two.bus.receive('alice').map((m) => m.payload)).toEqual([expect.objectContaining({ event: 'ipc.undeliverable', messageId: sent.id })]);
    two.bus.close();
    two.db.close();
    const three = setup({ file });
    expect(three.bus.inboxSize(p.pid)).toBe(0);
    expect(three.bus.inboxSize('alice')).toBe(0);
    three.bus.close();
    three.db.close();
  });

  it('batched durability writes nothing until flush; sync durability writes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-bus-'));
    dirs.push(dir);
    const count = (file: string) => {
      const db = openDatabase({ file });
      const n = (db.prepare('SELECT count(*) AS n FROM ipc_messages').get() as { n: number }).n;
      db.close();
      return n;
    };
    const batched = setup({ file: join(dir, 'a.db') });
    await batched.bus.send({ from: 'alice', to: 'bob', payload: 1 });
    expect(count(join(dir, 'a.db'))).toBe(0);
    batched.bus.flush();
    expect(count(join(dir, 'a.db'))).toBe(1);
    const sync = setup({ file: join(dir, 'b.db'), durability: 'sync' });
    await sync.bus.send({ from: 'alice', to: 'bob', payload: 1 });
    expect(count(join(dir, 'b.db'))).toBe(1);
    sync.bus.receive('bob');
    expect(count(join(dir, 'b.db'))).toBe(0);
    batched.bus.close();
    sync.bus.close();
  });

  it('a closed bus refuses calls with ipc.closed', async () => {
    const { bus } = setup();
    bus.close();
    expect((await rejection(bus.send({ from: 'alice', to: 'bob', payload: 'x' }))).code).toBe('ipc.closed');
  });
});
