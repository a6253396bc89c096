// ipc.* syscalls (kernel layer): send, broadcast, multicast, group, receive. A recipient is a
// principal ("user", the shell user, the caller), a process reference ("p3", "3", a name) or a
// description (several words), which is routed by content to the nearest vpid. The caller's
// principal is the sender and its own inbox address. Every call flushes the bus, so a reported
// success is durable. Registered by kernel.ts; results are the shapes in IpcResults.
import { cosine } from '../../embed/types.js';
import { objectSchema, type FieldSchema } from '../schema.js';
import { defineSyscall, type SyscallContext, type SyscallDef } from '../syscall.js';
import type { SyscallArgs } from '../syscall-args.js';
import type { PermissionRequest, VectorMessage } from '../types.js';

/** A message as syscalls return it: everything but the vector. */
export type MessageInfo = Omit<VectorMessage, 'vector' | 'ackedAt'>;

/** What each ipc.* syscall returns. */
export interface IpcResults {
  'ipc.send': { message: MessageInfo; route?: { pid: string; name: string; score: number } };
  'ipc.broadcast': { delivered: number; ids: string[] };
  'ipc.multicast': { delivered: number; ids: string[] };
  'ipc.group': { group: string; members: string[] };
  'ipc.receive': { messages: MessageInfo[] };
}

/** The user-facing form of a message. */
export function messageInfo(m: VectorMessage): MessageInfo {
  const { vector: _v, ackedAt: _a, ...rest } = m;
  return rest;
}

interface Address {
  address: string;
  owner: string;
  route?: { pid: string; name: string; score: number; vector: number[] };
}

const priority: FieldSchema = { type: 'integer', minimum: 0, maximum: 19, description: '0 (highest) .. 19 (lowest); default 10' };
const text: FieldSchema = { type: 'string', minLength: 1, maxLength: 100_000, description: 'the message' };
const ref = (description: string): FieldSchema => ({ type: 'string', minLength: 1, maxLength: 500, description });

/** Principals that have an inbox without being processes. */
function principals(ctx: SyscallContext): Set<string> {
  return new Set(['user', 'root', ctx.k.defaultSession().creds.principal, ctx.session.creds.principal]);
}

// permission() and handler() of one call see the same args object: resolve once.
const resolved = new WeakMap<object, Address[]>();
async function resolveAll(args: object, refs: string[], ctx: SyscallContext, allowRoute: boolean): Promise<Address[]> {
  let out = resolved.get(args);
  if (out) return out;
  out = [];
  const known = principals(ctx);
  for (const raw of refs) {
    const r = raw.trim();
    if (known.has(r)) {
      out.push({ address: r, owner: r });
    } else if (allowRoute && /\s/.test(r)) {
      const pcb = await ctx.k.bus.route(r);
      const [v] = await ctx.k.embedder.embed([r]);
      out.push({ address: pcb.pid, owner: pcb.owner, route: { pid: pcb.pid, name: pcb.name, score: round(cosine(v!, pcb.vpid)), vector: Array.from(v!) } });
    } else {
      const pcb = await ctx.k.procs.resolve(r);
      out.push({ address: pcb.pid, owner: pcb.owner });
    }
  }
  resolved.set(args, out);
  return out;
}

/** A plain send carries the text; an answer to a request carries {ok, text | error, inReplyTo}. */
function replyPayload(a: SyscallArgs['ipc.send']): unknown {
  if (a.inReplyTo === undefined) return a.message;
  return a.error
    ? { ok: false, inReplyTo: a.inReplyTo, error: { code: a.error, message: a.message } }
    : { ok: true, inReplyTo: a.inReplyTo, text: a.message };
}

const flush = (ctx: SyscallContext): void => ctx.k.bus.flush?.();
const round = (x: number): number => Math.round(x * 1000) / 1000;

export const ipcSyscalls: SyscallDef[] = [
  defineSyscall<SyscallArgs['ipc.send'], IpcResults['ipc.send']>({
    name: 'ipc.send',
    summary: 'send a message to a process (by pid, name or description) or a user',
    args: objectSchema({
      to: ref('recipient: p3, a name, a principal, or a description (routed to the nearest process)'),
      message: text,
      type: { type: 'string', enum: ['REQUEST', 'RESPONSE', 'NOTIFICATION', 'BROADCAST'] },
      priority,
      requiresAck: { type: 'boolean', description: 'redeliver until the recipient acks' },
      inReplyTo: { type: 'string', minLength: 1, maxLength: 64, description: 'the id of the request this answers (the payload becomes {ok, text|error, inReplyTo})' },
      error: { type: 'string', minLength: 1, maxLength: 64, description: 'with inReplyTo: the request failed with this error code; message says why' },
    }, ['to', 'message']),
    permission: async (a, ctx): Promise<PermissionRequest> => {
      await resolveAll(a, [a.to], ctx, true);
      return { action: 'ipc.send' };
    },
    handler: async (a, ctx) => {
      const [to] = await resolveAll(a, [a.to], ctx, true);
      const msg = await ctx.k.bus.send({
        from: ctx.session.creds.principal, to: to!.address, payload: replyPayload(a),
        ...(a.type ? { messageType: a.type } : {}),
        ...(a.priority !== undefined ? { priority: a.priority } : {}),
        ...(a.requiresAck !== undefined ? { requiresAck: a.requiresAck } : {}),
        ...(to!.route ? { vector: to!.route.vector } : {}),
      });
      flush(ctx);
      const r = to!.route;
      return { message: messageInfo(msg), ...(r ? { route: { pid: r.pid, name: r.name, score: r.score } } : {}) };
    },
  }),

  defineSyscall<SyscallArgs['ipc.broadcast'], IpcResults['ipc.broadcast']>({
    name: 'ipc.broadcast',
    summary: 'send a message to every running process',
    args: objectSchema({ message: text, priority }, ['message']),
    permission: () => ({ action: 'ipc.broadcast' }),
    handler: async (a, ctx) => {
      const sent = await ctx.k.bus.broadcast(ctx.session.creds.principal, a.message, a.priority);
      flush(ctx);
      return { delivered: sent.length, ids: sent.map((m) => m.id) };
    },
  }),

  defineSyscall<SyscallArgs['ipc.multicast'], IpcResults['ipc.multicast']>({
    name: 'ipc.multicast',
    summary: 'send a message to the members of a group',
    args: objectSchema({ group: { type: 'string', minLength: 1, maxLength: 64 }, message: text, priority }, ['group', 'message']),
    permission: () => ({ action: 'ipc.multicast' }),
    handler: async (a, ctx) => {
      const sent = await ctx.k.bus.multicast(ctx.session.creds.principal, a.group, a.message, a.priority);
      flush(ctx);
      return { delivered: sent.length, ids: sent.map((m) => m.id) };
    },
  }),

  defineSyscall<SyscallArgs['ipc.group'], IpcResults['ipc.group']>({
    name: 'ipc.group',
    summary: 'define a multicast group (no members deletes it)',
    args: objectSchema({
      name: { type: 'string', minLength: 1, maxLength: 64 },
      members: { type: 'array', items: ref('member: p3, a name or a principal'), maxItems: 256 },
    }, ['name', 'members']),
    // a group belongs to whoever defined it: replacing another owner's group needs ipc.group on anything
    permission: (a, ctx): PermissionRequest => {
      const owner = ctx.k.bus.groupOwner?.(a.name) ?? ctx.session.creds.principal;
      return { action: 'ipc.group', resource: { kind: 'owned', owner, id: `group:${a.name}` } };
    },
    handler: async (a, ctx) => {
      const members = await resolveAll(a, a.members, ctx, false);
      return { group: a.name, members: ctx.k.bus.setGroup(a.name, members.map((m) => m.address), ctx.session.creds.principal) };
    },
  }),

  defineSyscall<SyscallArgs['ipc.receive'], IpcResults['ipc.receive']>({
    name: 'ipc.receive',
    summary: "take messages from an inbox (default: your own), highest priority first",
    args: objectSchema({ pid: ref('whose inbox (default: your own)'), max: { type: 'integer', minimum: 1, maximum: 1000 } }),
    permission: async (a, ctx): Promise<PermissionRequest> => {
      const me = ctx.session.creds.principal;
      const [box] = a.pid ? await resolveAll(a, [a.pid], ctx, false) : [{ address: me, owner: me }];
      return { action: 'ipc.receive', resource: { kind: 'owned', owner: box!.owner, id: box!.address } };
    },
    handler: async (a, ctx) => {
      const me = ctx.session.creds.principal;
      const [box] = a.pid ? await resolveAll(a, [a.pid], ctx, false) : [{ address: me, owner: me }];
      const got = ctx.k.bus.receive(box!.address, a.max ?? 50);
      // Reading through a syscall is the acknowledgement (there is no ipc.ack syscall);
      // agents that need at-least-once handling use bus.receive + bus.ack directly.
      for (const m of got) if (m.requiresAck) ctx.k.bus.ack(box!.address, m.id);
      flush(ctx);
      return { messages: got.map(messageInfo) };
    },
  }),
];
