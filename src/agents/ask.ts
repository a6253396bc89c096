// The ipc.ask syscall (agents layer): `ask p1 "question" [--timeout 60s]` from the shell,
// kernel.call('ipc.ask', ...) from the library, a tool for agents (there it only sends the
// REQUEST, and the runtime parks the turn until the answer: parked.ts). It sends a REQUEST to an
// agent process and waits for the RESPONSE the agent runtime sends back (messages.ts), which it
// takes out of the caller's inbox so that `msgs` does not show it a second time. It lives
// here, not in the kernel, because only the agents layer knows whether any agent will answer:
// with no model configured it fails at once (agent.noModel). Registered by boot.ts.
import { ASK_DOC } from './syscall-docs.js';
import * as z from 'zod';
import { NlshError } from '../base/errors.js';
import { KERNEL_SENDER } from '../kernel/bus.js';
import { waitForMessage } from '../kernel/inbox-wait.js';
import { lazyArgsSchema, type LazyArgsInput } from '../kernel/schema.js';
import { defineSyscall } from '../kernel/syscall.js';
import type { PCB, Session, VectorMessage } from '../kernel/types.js';
import type { AgentReply } from './messages.js';

/** What ipc.ask returns: the agent's answer and the two messages that carried the exchange. */
export interface AskResult {
  answer: string;
  from: { pid: string; name: string };
  request: string;
  reply: string;
  /** Set when the agent is BLOCKED after answering (e.g. its budget is used up): why. */
  blocked?: string;
}

export const DEFAULT_ASK_TIMEOUT_MS = 60_000;
/** How long an agent's turn waits for the answer to its own ipc.ask when it gives no timeout (parked.ts). */
export const AGENT_ASK_TIMEOUT_MS = 120_000;

/** What ipc.ask returns to an agent's tool loop: the request is sent; the turn is parked until its answer (parked.ts). */
export interface AskSent {
  request: string;
  to: string;
  timeoutMs: number;
}

// Sessions of agent turns whose ipc.ask only sends the REQUEST (and does not wait in the
// handler, which would hold the turn's inference slot): the callback learns the request at once.
const detached = new WeakMap<Session, (sent: AskSent) => void>();

/** Runs ipc.ask through dispatch (checked, audited) for an agent's tool loop: sends the REQUEST, calls onSent, and returns without waiting. */
export function sendAsk(dispatch: (name: string, args: unknown, session: Session) => Promise<unknown>, session: Session, args: unknown, onSent: (sent: AskSent) => void): Promise<unknown> {
  const s: Session = { ...session };
  detached.set(s, onSent);
  return dispatch('ipc.ask', args, s);
}

const askArgs = lazyArgsSchema(() => ({
  to: z.string().min(1).max(500).describe('the agent: p3, a name, or a description'),
  message: z.string().min(1).max(100_000).describe('the question'),
  timeoutMs: z.int().min(1).max(86_400_000).describe('how long to wait for the answer (default 60000)').optional(),
  priority: z.int().min(0).max(19).describe('0 (highest) .. 19 (lowest); default 10').optional(),
  requiresAck: z.boolean().describe('the agent acks only after answering (answered once even across a crash)').optional(),
}));

/** The arguments of ipc.ask. */
export type AskArgs = LazyArgsInput<typeof askArgs>;

/** The error for a message to an agent when no model is configured: nothing will ever answer it. */
export function noModelError(pcb: Pick<PCB, 'pid' | 'name'>): NlshError {
  return new NlshError('agent.noModel', `no agent will answer: ${pcb.pid} (${pcb.name}) has no model to think with, because none is configured`, {
    hint: 'start Ollama and pass --model llama3.2 (or: nlsh config set model llama3.2; --ollama-host URL when it is not on 127.0.0.1:11434)',
  });
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Throws ipc.deadlock when the agent asked waits, directly or through others, for the asker's own answer. */
function refuseCycle(me: string, to: string, waitingOn: (pid: string) => string | undefined): void {
  const chain = [me, to];
  for (let cur = waitingOn(to); cur !== undefined && chain.length <= 64; cur = waitingOn(cur)) {
    chain.push(cur);
    if (cur !== me) continue;
    throw new NlshError('ipc.deadlock', `${to} is waiting for your answer (${chain.join(' -> ')}): it cannot answer you until you answer`, {
      hint: `answer ${to}'s question first (end your turn with the answer), or tell it with ipc_send without waiting`,
    });
  }
}

/**
 * Returns the ipc.ask descriptor; `agents` says whether an agent runtime will answer requests,
 * `waitingOn` whose answer an agent's parked turn waits for (a question that would close a cycle is refused).
 */
export function askSyscall(agents: () => boolean, waitingOn: (pid: string) => string | undefined = () => undefined) {
  return defineSyscall({
    name: 'ipc.ask',
    ...ASK_DOC,
    args: askArgs,
    refs: { to: 'process' },
    permission: (_a, ctx) => {
      const pcb = ctx.refs.process('to');
      if (ctx.session.creds.principal === pcb.pid) {
        // not a matter of permission: the call could never succeed
        throw new NlshError('ipc.badAddress', `${pcb.pid} cannot ask itself: it would wait for an answer only it can give`, { hint: 'ask another agent' });
      }
      if (ctx.session.creds.role === 'agent' && !detached.has(ctx.session)) {
        // waiting in the call would hold the agent's inference slot, which the agent asked may need
        throw new NlshError('ipc.denied', `${ctx.session.creds.principal} may ask only from its tool loop, where its turn waits without holding a slot`, { hint: 'use the ipc_ask tool in a turn' });
      }
      return { action: 'ipc.send' };
    },
    handler: async (a, ctx): Promise<AskResult | AskSent> => {
      const pcb = ctx.refs.process('to');
      if (pcb.state === 'TERMINATED') {
        throw new NlshError('ipc.noRecipient', `${pcb.pid} (${pcb.name}) has terminated`, { hint: "see 'ps' for the running processes" });
      }
      if (!agents()) throw noModelError(pcb);
      const me = ctx.session.creds.principal;
      const onSent = detached.get(ctx.session);
      if (onSent) {
        refuseCycle(me, pcb.pid, waitingOn);
        const req = await ctx.k.bus.send({
          from: me, to: pcb.pid, payload: a.message, messageType: 'REQUEST', ...(a.priority !== undefined ? { priority: a.priority } : {}),
        });
        ctx.k.bus.flush?.();
        const sent = { request: req.id, to: pcb.pid, timeoutMs: a.timeoutMs ?? AGENT_ASK_TIMEOUT_MS };
        onSent(sent); // at once: the answer cannot arrive before this (it needs the other agent's turn)
        return sent;
      }
      // a suspended or blocked agent keeps the question but will not answer until it runs again
      const stalled = pcb.state === 'SUSPENDED' || pcb.state === 'BLOCKED'
        ? `${pcb.pid} is ${pcb.state}${pcb.blockedReason ? ` (${pcb.blockedReason})` : ''}: resume ${pcb.pid}; its answer then comes to your inbox (msgs --wait)`
        : undefined;
      const timeoutMs = a.timeoutMs ?? DEFAULT_ASK_TIMEOUT_MS;
      let requestId = '';
      // armed before sending: the answer cannot arrive before the send returns, but must not be missed
      const wait = waitForMessage(ctx.k.events, me, (m) => isAnswer(m, requestId), {
        signal: ctx.signal, timeoutMs, what: `answer from ${pcb.pid} (${pcb.name})`,
        hint: stalled ?? `the question stays with ${pcb.pid}; its answer will come to your inbox (msgs --wait), or ask again with --timeout 5m`,
      });
      let req: VectorMessage;
      try {
        req = await ctx.k.bus.send({
          from: me, to: pcb.pid, payload: a.message, messageType: 'REQUEST',
          ...(a.priority !== undefined ? { priority: a.priority } : {}),
          ...(a.requiresAck ? { requiresAck: true } : {}),
        });
        requestId = req.id;
        ctx.k.bus.flush?.();
      } catch (err) {
        wait.cancel();
        throw err;
      }
      const got = await wait.promise;
      ctx.k.bus.take?.(me, got.id); // the answer is the result: it does not stay in the inbox
      ctx.k.bus.flush?.();
      return resultOf(pcb, req, got, timeoutMs);
    },
  });
}

/** True for the RESPONSE to request id, or the kernel's notice that it could not be delivered. */
export function isAnswer(m: VectorMessage, id: string): boolean {
  if (!id || !isObj(m.payload)) return false;
  if (m.messageType === 'RESPONSE') return m.payload.inReplyTo === id;
  return m.from === KERNEL_SENDER && m.payload.messageId === id;
}

function resultOf(pcb: PCB, req: VectorMessage, got: VectorMessage, timeoutMs: number): AskResult {
  const p = got.payload as Record<string, unknown>;
  if (got.messageType !== 'RESPONSE') {
    throw new NlshError(String(p.event ?? 'ipc.undeliverable'), `${pcb.pid} (${pcb.name}) did not answer: ${String(p.text ?? 'the request was dropped')}`, {
      hint: "see 'ps': the agent may have ended",
    });
  }
  const r = p as Partial<AgentReply>;
  if (r.ok !== true) {
    const e: Record<string, unknown> = isObj(r.error) ? r.error : {};
    const hint = typeof e.hint === 'string' ? e.hint : undefined;
    throw new NlshError(typeof e.code === 'string' ? e.code : 'agent.failed', `${pcb.pid} (${pcb.name}) could not answer: ${typeof e.message === 'string' ? e.message : 'unknown error'}`, {
      ...(hint ? { hint } : {}),
      details: { request: req.id, reply: got.id, timeoutMs },
    });
  }
  return {
    answer: typeof r.text === 'string' ? r.text : '',
    from: { pid: pcb.pid, name: pcb.name },
    request: req.id,
    reply: got.id,
    ...(pcb.state === 'BLOCKED' && pcb.blockedReason ? { blocked: pcb.blockedReason } : {}),
  };
}
