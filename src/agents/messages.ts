// What agents send and read (agents layer): the RESPONSE payload an agent answers with, and
// the text of an incoming message's payload. Used by the runtime, the shell's formatters and
// anyone reading agent replies.
import type { NlshError } from '../base/errors.js';

/** The payload of the RESPONSE an agent sends back for a REQUEST. */
export interface AgentReply {
  ok: boolean;
  inReplyTo: string;
  text?: string;
  tokens?: { prompt: number; completion: number };
  error?: { code: string; message: string; hint?: string };
  /** Set when answering used up the budget: why the agent is now BLOCKED. */
  blocked?: string;
}

/** Text of a message payload: a string, or a {text|content|prompt|message} field, or its JSON. */
export function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (payload && typeof payload === 'object') {
    const o = payload as Record<string, unknown>;
    for (const k of ['text', 'content', 'prompt', 'message']) if (typeof o[k] === 'string') return o[k];
  }
  return JSON.stringify(payload) ?? '';
}

/** The reply body for a failed request (the runtime adds inReplyTo). */
export function failure(err: NlshError): Omit<AgentReply, 'inReplyTo'> {
  return { ok: false, error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) } };
}
