// The IPC bus (kernel layer): the seed's VectorMessage passed point-to-point, broadcast, to
// multicast groups, or to the process nearest a description. Inboxes are bounded and
// priority-ordered and live in memory; every change is journalled to SQLite by write-behind
// (bus-store.ts) — flushed by tick(), flush(), close(), every `batchSize` changes, or after
// every call in 'sync' durability. Messages that require an ack are redelivered after their
// timeout and, after maxAttempts deliveries, expire with a NOTIFICATION to the sender. A full
// inbox is an ipc.inboxFull error to the sender: nothing is ever dropped. When a process
// terminates, what waits in its inbox is released: each sender is told (ipc.undeliverable).
// Groups live in bus-groups.ts, the types in bus-types.ts. Built by kernel.ts; called by the ipc.*
// syscalls and the agent runtime.
import { NlshError } from '../base/errors.js';
import { checkPayload, checkPriority, nearestProcess } from './bus-checks.js';
import { loadGroups } from './bus-groups.js';
import { BusStore, type Entry } from './bus-store.js';
import type { BusDeps, BusImpl, BusStats } from './bus-types.js';
import { PriorityInbox } from './inbox.js';
import type { SendOptions } from './services.js';
import type { KernelEvents, MessageType, VectorMessage } from './types.js';

export type { BusDeps, BusImpl, BusStats } from './bus-types.js';

interface Mailbox {
  inbox: PriorityInbox<Entry>;
  inflight: number;
}

const PID_RE = /^p\d+$/;
export const KERNEL_SENDER = 'kernel';

/** Builds the bus and restores stored inboxes (unacked messages come back queued); fails sys.dbVersion on a newer schema. */
export function createBus(deps: BusDeps): BusImpl {
  const { clock, events, embedder, procs } = deps;
  const capacity = deps.inboxCapacity ?? 1000;
  const ackTimeout = deps.ackTimeoutMs ?? 30_000;
  const maxAttempts = deps.maxAttempts ?? 3;
  const durability = deps.durability ?? 'batched';
  const batchSize = deps.batchSize ?? 4096;
  const store = new BusStore(deps.db);
  const groupTable = loadGroups(store, checkRecipient);
  const boxes = new Map<string, Mailbox>();
  const inflight = new Map<string, Entry>();
  const notices: Entry[] = [];
  const stats: BusStats = { sent: 0, delivered: 0, acked: 0, redelivered: 0, expired: 0, undeliverable: 0, rejected: 0 };
  let closed = false;

  const loaded = store.load();
  let nextSeq = loaded.nextSeq;
  for (const e of loaded.entries) {
    if (e.state === 'notice') {
      notices.push(e);
      continue;
    }
    if (e.state === 'inflight') {
      e.state = 'queued'; // its reader died with the old process: deliver it again
      store.touch(e);
    }
    box(e.address).inbox.push(e, e.msg.priority);
  }

  function box(address: string): Mailbox {
    let mb = boxes.get(address);
    if (!mb) {
      mb = { inbox: new PriorityInbox<Entry>(), inflight: 0 };
      boxes.set(address, mb);
    }
    return mb;
  }
  const emit = (message: VectorMessage, event: KernelEvents['message']['event']): void => {
    if (events.has('message')) events.emit('message', { message, event });
  };
  const open = (): void => {
    if (closed) throw new NlshError('ipc.closed', 'the message bus is closed', { hint: 'the kernel is shutting down' });
  };
  const after = (): void => {
    if (durability === 'sync' || store.pending >= batchSize) store.flush(nextSeq);
  };
  const full = (address: string): boolean => {
    const mb = boxes.get(address);
    return mb !== undefined && mb.inbox.size + mb.inflight >= capacity;
  };
  const inboxFull = (addresses: string[], from: string): NlshError => {
    stats.rejected++;
    return new NlshError('ipc.inboxFull', `the inbox of ${addresses.join(', ')} is full (${capacity} messages); nothing was sent`, {
      hint: `wait until ${addresses.length > 1 ? 'they read' : 'it reads'} its messages, then send again`,
      details: { full: addresses, capacity, from },
    });
  };

  function checkRecipient(to: string): void {
    if (!to || to === '*' || to.startsWith('group:')) {
      throw new NlshError('ipc.badAddress', `'${to}' is not an inbox address`, { hint: 'use broadcast or multicast for many recipients' });
    }
    if (to.charCodeAt(0) === 112 /* p */ && PID_RE.test(to)) {
      const pcb = procs.get(to);
      if (!pcb) throw new NlshError('ipc.noRecipient', `no process ${to}`, { hint: "see 'ps' for the running processes" });
      if (pcb.state === 'TERMINATED') throw new NlshError('ipc.noRecipient', `${to} (${pcb.name}) has terminated`, { hint: "see 'ps' for the running processes" });
    }
  }

  function make(from: string, to: string, type: MessageType, payload: unknown, priority: number, requiresAck: boolean, vector: number[]): VectorMessage {
    return { id: `msg${nextSeq++}`, from, to, messageType: type, vector, payload, priority, timestamp: clock.now(), requiresAck, attempts: 0 };
  }

  function enqueue(mb: Mailbox, address: string, msg: VectorMessage, ackTimeoutMs: number): void {
    const e: Entry = { msg, seq: nextSeq - 1, address, state: 'queued', ackTimeoutMs, deadline: 0, persisted: false, gone: false };
    mb.inbox.push(e, msg.priority);
    store.touch(e);
    stats.sent++;
    emit(msg, 'sent');
  }

  function fanOut(from: string, to: string, type: MessageType, recipients: string[], payload: unknown, priority: number): VectorMessage[] {
    open();
    checkPriority(priority);
    checkPayload(payload);
    const blocked = recipients.filter(full);
    if (blocked.length) throw inboxFull(blocked, from);
    const out = recipients.map((r) => {
      const msg = make(from, to, type, payload, priority, false, []);
      enqueue(box(r), r, msg, ackTimeout);
      return msg;
    });
    after();
    return out;
  }

  function expire(e: Entry): void {
    stats.expired++;
    tellSender(e, 'ipc.expired', `${e.msg.id} to ${e.address} was not acknowledged after ${e.msg.attempts ?? 0} deliveries`);
  }

  /** Drops e from the bus and queues a NOTIFICATION about it for its sender. */
  function tellSender(e: Entry, event: 'ipc.expired' | 'ipc.undeliverable', text: string): void {
    store.drop(e);
    emit(e.msg, 'expired');
    if (e.msg.from === KERNEL_SENDER) return; // a notice about a notice goes nowhere
    const note = make(KERNEL_SENDER, e.msg.from, 'NOTIFICATION', {
      event, messageId: e.msg.id, to: e.address, attempts: e.msg.attempts ?? 0, text,
    }, 0, false, []);
    const ne: Entry = { msg: note, seq: nextSeq - 1, address: e.msg.from, state: 'notice', ackTimeoutMs: ackTimeout, deadline: 0, persisted: false, gone: false };
    notices.push(ne);
    store.touch(ne);
  }

  /** True for the pid of a process that has ended (or no longer exists): nothing can reach it. */
  const ended = (address: string): boolean => PID_RE.test(address) && (procs.get(address)?.state ?? 'TERMINATED') === 'TERMINATED';

  /** Releases what waits for `address` (queued, and delivered but unacked), telling each sender. */
  function release(address: string): void {
    const mb = boxes.get(address);
    if (!mb) return;
    boxes.delete(address);
    const gone: Entry[] = [];
    for (let e = mb.inbox.pop(); e; e = mb.inbox.pop()) gone.push(e);
    for (const [id, e] of inflight) {
      if (e.address !== address) continue;
      inflight.delete(id);
      gone.push(e);
    }
    for (const e of gone) {
      stats.undeliverable++;
      tellSender(e, 'ipc.undeliverable', `${e.msg.id} to ${address} was not ${e.state === 'inflight' ? 'acknowledged' : 'delivered'}: ${address} has terminated`);
    }
    deliverNotices();
    after();
  }

  function deliverNotices(): void {
    for (let i = 0; i < notices.length; ) {
      const ne = notices[i]!;
      if (ended(ne.address)) {
        notices.splice(i, 1); // its sender has ended too
        store.drop(ne);
        continue;
      }
      if (full(ne.address)) {
        i++; // the sender's inbox is full: keep the notice (stored) and retry next tick
        continue;
      }
      notices.splice(i, 1);
      ne.state = 'queued';
      box(ne.address).inbox.push(ne, ne.msg.priority);
      store.touch(ne);
      stats.sent++;
      emit(ne.msg, 'sent');
    }
  }

  const bus: BusImpl = {
    stats,
    durability,

    send(opts: SendOptions): Promise<VectorMessage> {
      try {
        open();
        const priority = opts.priority ?? 10;
        checkPriority(priority);
        checkRecipient(opts.to);
        checkPayload(opts.payload);
        const mb = box(opts.to);
        if (mb.inbox.size + mb.inflight >= capacity) throw inboxFull([opts.to], opts.from);
        const requiresAck = opts.requiresAck ?? false;
        const msg = make(opts.from, opts.to, opts.messageType ?? 'REQUEST', opts.payload, priority, requiresAck, opts.vector ?? []);
        enqueue(mb, opts.to, msg, opts.ackTimeoutMs ?? ackTimeout);
        after();
        return Promise.resolve(msg);
      } catch (err) {
        return Promise.reject(err);
      }
    },

    async broadcast(from, payload, priority = 10) {
      const recipients = procs.list().filter((p) => p.state !== 'TERMINATED' && p.pid !== from).map((p) => p.pid);
      return fanOut(from, '*', 'BROADCAST', recipients, payload, priority);
    },

    async multicast(from, group, payload, priority = 10) {
      const members = groupTable.members(group);
      if (!members) throw new NlshError('ipc.noGroup', `no group '${group}'`, { hint: `create it first: group ${group} p1 p2` });
      const recipients = members.filter((m) => m !== from && !ended(m));
      return fanOut(from, `group:${group}`, 'NOTIFICATION', recipients, payload, priority);
    },

    setGroup: (name, members, owner) => {
      open();
      return groupTable.set(name, members, owner);
    },
    groupOwner: (name) => groupTable.owner(name),
    groups: () => groupTable.all(),

    receive(address, max = Number.POSITIVE_INFINITY) {
      open();
      const mb = boxes.get(address);
      const out: VectorMessage[] = [];
      if (!mb || mb.inbox.size === 0) return out;
      while (out.length < max) {
        const e = mb.inbox.pop();
        if (!e) break;
        const m = e.msg;
        m.attempts = (m.attempts ?? 0) + 1;
        if (m.requiresAck) {
          e.state = 'inflight';
          e.deadline = clock.now() + e.ackTimeoutMs;
          inflight.set(m.id, e);
          mb.inflight++;
          store.touch(e);
          out.push({ ...m }); // the bus keeps the original for redelivery
        } else {
          store.drop(e);
          out.push(m); // no longer the bus's: hand it over
        }
        stats.delivered++;
        emit(m, 'delivered');
      }
      after();
      return out;
    },

    ack(address, messageId) {
      open();
      const e = inflight.get(messageId);
      if (!e || e.address !== address) {
        throw new NlshError('ipc.notFound', `no message ${messageId} awaiting an ack in the inbox of ${address}`, {
          hint: 'only a delivered message that requires an ack can be acked, once, by its recipient',
        });
      }
      inflight.delete(messageId);
      box(address).inflight--;
      e.msg.ackedAt = clock.now();
      stats.acked++;
      store.drop(e);
      emit(e.msg, 'acked');
      after();
    },

    hold(address, messageId) {
      open();
      const e = inflight.get(messageId);
      if (!e || e.address !== address) {
        throw new NlshError('ipc.notFound', `no message ${messageId} awaiting an ack in the inbox of ${address}`, { hint: 'only a delivered, unacked message can be held' });
      }
      e.deadline = Number.POSITIVE_INFINITY; // tick() never finds it due; at a restart it is queued again
    },

    take(address, messageId) {
      open();
      const e = boxes.get(address)?.inbox.remove((x) => x.msg.id === messageId);
      if (!e) return undefined;
      e.msg.attempts = (e.msg.attempts ?? 0) + 1;
      store.drop(e);
      stats.delivered++;
      emit(e.msg, 'delivered');
      after();
      return e.msg;
    },

    async route(description) {
      return (await nearestProcess(embedder, procs, description, deps.minRouteScore ?? 0.1)).pcb;
    },

    inboxSize: (address) => boxes.get(address)?.inbox.size ?? 0,
    busyAddresses: () => [...boxes].filter(([, mb]) => mb.inbox.size > 0).map(([address]) => address),
    unacked: (address) => boxes.get(address)?.inflight ?? 0,
    peek: (address) => (boxes.get(address)?.inbox.toArray() ?? []).map((e) => ({ ...e.msg })),

    tick() {
      if (closed) return; // a timer may fire once more during shutdown
      const now = clock.now();
      const due: Entry[] = [];
      for (const e of inflight.values()) if (e.deadline <= now) due.push(e);
      // put back newest first so that, after pushFront, the oldest is delivered first
      for (let i = due.length - 1; i >= 0; i--) {
        const e = due[i]!;
        inflight.delete(e.msg.id);
        const mb = box(e.address);
        mb.inflight--;
        if ((e.msg.attempts ?? 0) >= maxAttempts) {
          expire(e);
        } else {
          e.state = 'queued';
          mb.inbox.pushFront(e, e.msg.priority);
          stats.redelivered++;
          store.touch(e);
          emit(e.msg, 'redelivered');
        }
      }
      deliverNotices();
      store.flush(nextSeq);
    },

    flush() {
      if (!closed) store.flush(nextSeq);
    },

    close() {
      if (closed) return;
      offProc();
      store.flush(nextSeq);
      closed = true;
    },
  };
  // What waits for a process that has ended can never be delivered: release it when one
  // terminates, and at boot for those that ended before (their stored inboxes included).
  const offProc = events.on('proc', ({ pcb }) => {
    if (pcb.state === 'TERMINATED' && !closed) release(pcb.pid);
  });
  for (const address of [...boxes.keys()]) if (ended(address)) release(address);
  return bus;
}
