// Helpers of the layer-1 rules (the rules live in commands/*.ts) for messages and memory (shell layer; caller: grammar.ts): send, broadcast,
// multicast, group, ask, receive (msgs [--wait]), malloc, free, share, mem.
import type { Token } from './lexer.js';
import { BadNumber, Miss, flagCount, indexOfWord, isWord, joined, memIdOf, noMore, priorityOf, refOf, takeFlags, countOf } from './grammar-kit.js';
import { durationMs } from './rules-proc.js';

export const MEM_READ_USAGE = 'mem read m1 ["query"]';
export const MEM_WRITE_USAGE = 'mem write m1 "text" [--append]';
export const SEND_USAGE = 'send p2 "message" [--priority high] [--ack] | send "message" to p2';
export const MSG_FLAGS = {
  '--priority': { key: 'priority', value: true }, '-p': { key: 'priority', value: true },
  '--ack': { key: 'ack', value: false }, '--type': { key: 'type', value: true },
} as const;

export function msgOptions(flags: Record<string, string | true>, usage: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (flags.priority !== undefined) {
    const p = typeof flags.priority === 'string' ? priorityOf(flags.priority) : undefined;
    if (p === undefined) throw new Miss('--priority needs 0-19 or a priority word', usage);
    out.priority = p;
  }
  if (flags.ack === true) out.requiresAck = true;
  if (typeof flags.type === 'string') {
    if (!/^(task|result|query|broadcast|system)$/.test(flags.type)) throw new Miss('--type is one of task, result, query, broadcast, system', usage);
    out.type = flags.type;
  }
  return out;
}

export function message(toks: readonly Token[], usage: string): string {
  if (toks.length === 0) throw new Miss('needs a message', usage);
  return joined(toks);
}

export const RECV_USAGE = 'receive [p2] [-n 10] [--wait [--timeout 30s]]';
export const ASK_USAGE = 'ask p2 "question" [--timeout 60s] [--ack]';
export const TIMEOUT_FLAG = { '--timeout': { key: 'timeout', value: true }, '-t': { key: 'timeout', value: true } } as const;

export function timeoutOf(flags: Record<string, string | true>, usage: string): { timeoutMs?: number } {
  if (flags.timeout === undefined) return {};
  const ms = typeof flags.timeout === 'string' ? durationMs(flags.timeout) : undefined;
  if (ms === undefined || ms <= 0) throw new Miss('--timeout needs a duration like 60s', usage);
  return { timeoutMs: ms };
}
export const MALLOC_USAGE = 'malloc "what the memory is for" [size 4096]';
export const SHARE_USAGE = 'share m1 with p2';


