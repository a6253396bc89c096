// Validation of what a model server reports about its own work (llm layer): token counts and
// tool calls are model output, i.e. untrusted input. Used by ollama.ts on every reply, so the
// kernel never charges a negative, fractional, string or absurd count (issue 11).
import { NlshError } from '../base/errors.js';
import type { ChatMessage, ToolCall, ToolSpec } from './types.js';

/** Completion tokens a server may report beyond num_predict (stop tokens, template ends). */
export const COMPLETION_MARGIN = 8;

/** Counted tokens, once validated; undefined when the server did not say. */
export interface Counts {
  promptTokens?: number;
  completionTokens?: number;
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Returns the most prompt tokens a request can honestly cost: every token is at least one byte
 * of what was sent, plus a generous allowance for the chat template around each message.
 */
export function promptBound(messages: readonly ChatMessage[], tools: readonly ToolSpec[] = []): number {
  let n = 256;
  for (const m of messages) {
    n += 16 + utf8(m.content) + (m.toolCalls ? utf8(JSON.stringify(m.toolCalls)) : 0);
  }
  if (tools.length > 0) n += utf8(JSON.stringify(tools));
  return n;
}

/** The most completion tokens a reply to maxTokens may report. */
export function completionBound(maxTokens: number | undefined): number {
  return maxTokens === undefined ? Number.MAX_SAFE_INTEGER : maxTokens + COMPLETION_MARGIN;
}

/** Returns the server's counts when each is absent or a non-negative integer within its bound; fails llm.badCounts. */
export function checkCounts(raw: { prompt_eval_count?: unknown; eval_count?: unknown }, bounds: { prompt: number; completion: number }, host: string): Counts {
  const one = (field: string, v: unknown, max: number): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      throw new NlshError('llm.badCounts', `the model server at ${host} reported ${field} = ${describe(v)} (expected a whole number from 0 to ${max})`, {
        hint: 'the reply was not used and nothing was charged for it; check the server (is it really Ollama?)',
        details: { field, value: describe(v), max },
      });
    }
    return v;
  };
  const promptTokens = one('prompt_eval_count', raw.prompt_eval_count, bounds.prompt);
  const completionTokens = one('eval_count', raw.eval_count, bounds.completion);
  return { ...(promptTokens !== undefined ? { promptTokens } : {}), ...(completionTokens !== undefined ? { completionTokens } : {}) };
}

/** Returns the tool calls of a message as ToolCalls; fails llm.badResponse when they are not shaped as Ollama sends them. */
export function readToolCalls(raw: unknown, host: string): ToolCall[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const bad = (): NlshError =>
    new NlshError('llm.badResponse', `the model server at ${host} sent malformed tool_calls`, { hint: 'is --ollama-host really an Ollama server?' });
  if (!Array.isArray(raw) || raw.length > 64) throw bad();
  return raw.map((c: unknown) => {
    const f = (c as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (!f || typeof f.name !== 'string') throw bad();
    return { name: f.name.slice(0, 200), arguments: f.arguments };
  });
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (typeof v === 'number') return String(v);
  return typeof v;
}
