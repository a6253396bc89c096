// What agents send and read (agents layer): the RESPONSE payload an agent answers with, and
// the text of an incoming message's payload. Used by the runtime, the shell's formatters and
// anyone reading agent replies.
/** The payload of the RESPONSE an agent sends back for a REQUEST (made by the ipc.send syscall's inReplyTo). */
export interface AgentReply {
  ok: boolean;
  inReplyTo: string;
  text?: string;
  /** On failure: the error's code, and its message with the hint appended. */
  error?: { code: string; message: string };
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
