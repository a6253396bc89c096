// ipc.* syscalls (kernel layer): send, broadcast, multicast, group, receive. A recipient is a
// principal ("user", the shell user, the caller), a process reference ("p3", "3", a name) or a
// description (several words), which is routed by content to the nearest vpid. The caller's
// principal is the sender and its own inbox address. Every call flushes the bus, so a reported
// success is durable. Registered by kernel.ts; results are the shapes in IpcResults.
import * as z from 'zod';
import { waitForMessage } from '../inbox-wait.js';
import { lazyArgsSchema } from '../schema.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
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

const priority = () => z.int().min(0).max(19).describe('0 (highest) .. 19 (lowest); default 10');
const text = () => z.string().min(1).max(100_000).describe('the message');
const ref = (description: string) => z.string().min(1).max(500).describe(description);

/** A plain send carries the text; an answer to a request carries {ok, text | error, inReplyTo}. */
function replyPayload(a: { message: string; inReplyTo?: string | undefined; error?: string | undefined }): unknown {
  if (a.inReplyTo === undefined) return a.message;
  return a.error
    ? { ok: false, inReplyTo: a.inReplyTo, error: { code: a.error, message: a.message } }
    : { ok: true, inReplyTo: a.inReplyTo, text: a.message };
}

const flush = (ctx: SyscallContext): void => ctx.k.bus.flush?.();

export const ipcSyscalls = [
  defineSyscall({
    name: 'ipc.send',
    summary: 'send a message to a process (by pid, name or description) or a user',
    usage: 'send PROC "message" [--priority high] [--ack]',
    examples: ['send p2 "Analyze this code for bugs"', 'ask the coder to analyze this code for bugs'],
    args: lazyArgsSchema(() => ({
      to: ref('recipient: p3, a name, a principal, or a description (routed to the nearest process)'),
      message: text(),
      type: z.enum(['REQUEST', 'RESPONSE', 'NOTIFICATION', 'BROADCAST']).optional(),
      priority: priority().optional(),
      requiresAck: z.boolean().describe('redeliver until the recipient acks').optional(),
      inReplyTo: z.string().min(1).max(64).describe('the id of the request this answers (the payload becomes {ok, text|error, inReplyTo})').optional(),
      error: z.string().min(1).max(64).describe('with inReplyTo: the request failed with this error code; message says why').optional(),
    })),
    refs: { to: 'recipient' },
    permission: () => ({ action: 'ipc.send' }),
    handler: async (a, ctx): Promise<IpcResults['ipc.send']> => {
      const to = ctx.refs.address('to');
      const msg = await ctx.k.bus.send({
        from: ctx.session.creds.principal, to: to.address, payload: replyPayload(a),
        ...(a.type ? { messageType: a.type } : {}),
        ...(a.priority !== undefined ? { priority: a.priority } : {}),
        ...(a.requiresAck !== undefined ? { requiresAck: a.requiresAck } : {}),
        ...(to.route ? { vector: to.route.vector } : {}),
      });
      flush(ctx);
      const r = to.route;
      return { message: messageInfo(msg), ...(r ? { route: { pid: r.pid, name: r.name, score: r.score } } : {}) };
    },
  }),

  defineSyscall({
    name: 'ipc.broadcast',
    summary: 'send a message to every running process',
    usage: 'broadcast "message"',
    examples: ['broadcast "System shutting down"'],
    destructive: true,
    args: lazyArgsSchema(() => ({ message: text(), priority: priority().optional() })),
    permission: () => ({ action: 'ipc.broadcast' }),
    handler: async (a, ctx): Promise<IpcResults['ipc.broadcast']> => {
      const sent = await ctx.k.bus.broadcast(ctx.session.creds.principal, a.message, a.priority);
      flush(ctx);
      return { delivered: sent.length, ids: sent.map((m) => m.id) };
    },
  }),

  defineSyscall({
    name: 'ipc.multicast',
    summary: 'send a message to the members of a group',
    usage: 'multicast GROUP "message"',
    examples: ['multicast reviewers "please look at p3"'],
    args: lazyArgsSchema(() => ({ group: z.string().min(1).max(64), message: text(), priority: priority().optional() })),
    permission: () => ({ action: 'ipc.multicast' }),
    handler: async (a, ctx): Promise<IpcResults['ipc.multicast']> => {
      const sent = await ctx.k.bus.multicast(ctx.session.creds.principal, a.group, a.message, a.priority);
      flush(ctx);
      return { delivered: sent.length, ids: sent.map((m) => m.id) };
    },
  }),

  defineSyscall({
    name: 'ipc.group',
    summary: 'define a multicast group (no members deletes it)',
    usage: 'group NAME PROC...',
    examples: ['group reviewers p2 p4'],
    args: lazyArgsSchema(() => ({ name: z.string().min(1).max(64), members: z.array(ref('member: p3, a name or a principal')).max(256) })),
    refs: { members: 'inbox' },
    // a group belongs to whoever defined it: replacing another owner's group needs ipc.group on anything
    permission: (a, ctx): PermissionRequest => {
      const owner = ctx.k.bus.groupOwner?.(a.name) ?? ctx.session.creds.principal;
      return { action: 'ipc.group', resource: { kind: 'owned', owner, id: `group:${a.name}` } };
    },
    handler: (a, ctx): IpcResults['ipc.group'] => {
      const members = ctx.refs.addresses('members');
      return { group: a.name, members: ctx.k.bus.setGroup(a.name, members.map((m) => m.address), ctx.session.creds.principal) };
    },
  }),

  defineSyscall({
    name: 'ipc.receive',
    summary: "take messages from an inbox (default: your own), highest priority first",
    usage: 'msgs [PROC] [-n N] [--wait [--timeout 30s]]',
    examples: ['msgs', 'msgs p2', 'msgs --wait --timeout 1m'],
    args: lazyArgsSchema(() => ({
      pid: ref('whose inbox (default: your own)').optional(), max: z.int().min(1).max(1000).optional(),
      wait: z.boolean().describe('when the inbox is empty, wait for a message').optional(),
      timeoutMs: z.int().min(0).max(86_400_000).describe('with wait: give up after this many ms (ipc.timeout)').optional(),
    })),
    refs: { pid: { kind: 'inbox', default: (_a, session) => session.creds.principal } },
    permission: (_a, ctx): PermissionRequest => {
      const box = ctx.refs.address('pid');
      return { action: 'ipc.receive', resource: { kind: 'owned', owner: box.owner, id: box.address } };
    },
    handler: async (a, ctx): Promise<IpcResults['ipc.receive']> => {
      const box = ctx.refs.address('pid');
      if (a.wait && ctx.k.bus.inboxSize(box.address) === 0) {
        await waitForMessage(ctx.k.events, box.address, () => true, {
          signal: ctx.signal, what: `message for ${box.address}`,
          ...(a.timeoutMs !== undefined ? { timeoutMs: a.timeoutMs } : {}),
        }).promise;
      }
      const got = ctx.k.bus.receive(box.address, a.max ?? 50);
      // Reading through a syscall is the acknowledgement (there is no ipc.ack syscall);
      // agents that need at-least-once handling use bus.receive + bus.ack directly.
      for (const m of got) if (m.requiresAck) ctx.k.bus.ack(box.address, m.id);
      flush(ctx);
      return { messages: got.map(messageInfo) };
    },
  }),
] as const;
