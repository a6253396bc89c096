// Parked turns (agents layer): an agent "waits for a reply" without holding an inference slot.
// In the tool loop, ipc.ask only sends the REQUEST (through dispatch: checked, audited; ask.ts)
// and the turn is parked: it leaves the runtime's turns in flight (its slot is free for the
// agent it asked, even with one slot), stays pending with the awaited message id, and the
// process takes no new inbox message meanwhile. The RESPONSE with inReplyTo == that id, the
// kernel's notice that the request could not be delivered (the other agent terminated), or the
// timeout (ask.ts AGENT_ASK_TIMEOUT_MS unless the call gives one) becomes the ipc_ask tool
// message, and the turn is ready to run again. Nothing here is persisted: after a restart the
// parked turn is gone and the answer arrives in the inbox as an ordinary RESPONSE (recorded in
// the context window). Used by runtime.ts only.
import type { KernelServices } from '../kernel/services.js';
import type { VectorMessage } from '../kernel/types.js';
import { isAnswer, type AskSent } from './ask.js';
import type { AgentReply } from './messages.js';
import type { Turn } from './tool-loop.js';

interface Parked {
  sent: AskSent;
  timer: NodeJS.Timeout;
  /** The ipc_ask tool message's text, once the answer (or the timeout) has come. */
  result?: string;
}

export interface Parking {
  /** Records the turn of pid as waiting for the answer to sent.request. */
  park(pid: string, sent: AskSent): void;
  /** True while pid's turn waits for its answer (it must not be run, nor take inbox messages). */
  waiting(pid: string): boolean;
  /** The pid whose answer pid's turn waits for, while it waits. */
  waitingOn(pid: string): string | undefined;
  /** Gives a ready turn its ipc_ask tool message and forgets the wait; false if pid was not parked. */
  resume(pid: string, turn: Turn): boolean;
  /** Forgets pid's wait (its turn ended: terminated, stopped). */
  cancel(pid: string): void;
  /** Pids with a wait (answered or not). */
  readonly size: number;
  stop(): void;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const ok = (result: unknown): string => JSON.stringify({ ok: true, result });
const fail = (code: string, message: string, hint?: string): string => JSON.stringify({ ok: false, error: { code, message, ...(hint ? { hint } : {}) } });

/** The tool message for the answer got to the request sent. */
export function answerContent(sent: AskSent, got: VectorMessage): string {
  const p: Record<string, unknown> = isObj(got.payload) ? got.payload : {};
  if (got.messageType !== 'RESPONSE') {
    return fail(String(p.event ?? 'ipc.undeliverable'), `${sent.to} did not answer: ${String(p.text ?? 'the request was dropped')}`, "see 'ps': the agent may have ended");
  }
  const r = p as Partial<AgentReply>;
  if (r.ok !== true) {
    const e: Record<string, unknown> = isObj(r.error) ? r.error : {};
    return fail(typeof e.code === 'string' ? e.code : 'agent.failed', `${sent.to} could not answer: ${typeof e.message === 'string' ? e.message : 'unknown error'}`);
  }
  return ok({ answer: typeof r.text === 'string' ? r.text : '', from: sent.to, request: sent.request, reply: got.id });
}

/** Returns the parking of a runtime; ready(pid) is called when a parked turn can run again. */
export function createParking(k: KernelServices, maxChars: number, ready: (pid: string) => void): Parking {
  const parked = new Map<string, Parked>();
  const settle = (pid: string, p: Parked, result: string): void => {
    if (p.result !== undefined) return;
    clearTimeout(p.timer);
    p.result = result;
    ready(pid);
  };
  const off = k.events.on('message', ({ message, event }) => {
    if (event !== 'sent') return;
    const p = parked.get(message.to);
    if (!p || p.result !== undefined || !isAnswer(message, p.sent.request)) return;
    k.bus.take?.(message.to, message.id); // the answer is the tool result: it does not stay in the inbox
    k.bus.flush?.();
    settle(message.to, p, answerContent(p.sent, message));
  });
  return {
    park(pid, sent) {
      this.cancel(pid);
      const p: Parked = { sent, timer: setTimeout(() => {
        settle(pid, p, fail('ipc.timeout', `no answer from ${sent.to} within ${sent.timeoutMs} ms`, `its answer will come to your inbox later; ask again with a longer timeoutMs`));
      }, sent.timeoutMs) };
      parked.set(pid, p);
    },
    waiting: (pid) => parked.get(pid)?.result === undefined && parked.has(pid),
    waitingOn(pid) {
      const p = parked.get(pid);
      return p && p.result === undefined ? p.sent.to : undefined;
    },
    resume(pid, turn) {
      const p = parked.get(pid);
      if (p?.result === undefined) return false;
      parked.delete(pid);
      const text = p.result.length <= maxChars ? p.result : `${p.result.slice(0, maxChars)}… [${p.result.length - maxChars} more characters not shown]`;
      turn.messages.push({ role: 'tool', toolName: 'ipc_ask', content: text });
      return true;
    },
    cancel(pid) {
      const p = parked.get(pid);
      if (p) clearTimeout(p.timer);
      parked.delete(pid);
    },
    get size() {
      return parked.size;
    },
    stop() {
      off();
      for (const p of parked.values()) clearTimeout(p.timer);
      parked.clear();
    },
  };
}
