// Context compression for the semantic memory manager (kernel layer): turns a run of old
// context turns into a short summary — by the model when a backend is up (map-reduce, so that
// every summary prompt fits the model's context window), else extractively (the sentences
// that carry the most frequent content words, in their original order). Only memory.ts
// calls it.
import { isNlshError } from '../base/errors.js';
import type { ModelBackend } from '../llm/types.js';

/** Rough token count of text (4 characters a token, at least 1). */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its me my no not of on or our she so than that the their them then there these they this to too us was we were what when which who will with would you your'.split(' '),
);

/** The most informative sentences of text, in their original order, within maxTokens; never fails. */
export function extractiveSummary(text: string, maxTokens: number): string {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length > 0);
  if (sentences.length === 0) return '';
  const freq = new Map<string, number>();
  const words = sentences.map((s) => s.toLowerCase().split(/[^a-z0-9']+/).filter((w) => w.length > 2 && !STOP.has(w)));
  for (const ws of words) for (const w of new Set(ws)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const scored = sentences.map((s, i) => {
    const ws = words[i]!;
    const score = ws.length === 0 ? 0 : ws.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0) / Math.sqrt(ws.length);
    return { i, s, score };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: { i: number; s: string }[] = [];
  let used = 0;
  for (const c of scored) {
    const t = estimateTokens(c.s) + 1;
    if (used + t > maxTokens) continue;
    picked.push(c);
    used += t;
  }
  if (picked.length === 0) return truncate(scored[0]!.s, maxTokens);
  return picked.sort((a, b) => a.i - b.i).map((c) => c.s).join(' ');
}

/** text cut to at most maxTokens (by the estimate), with an ellipsis when cut. */
export function truncate(text: string, maxTokens: number): string {
  const max = Math.max(1, maxTokens) * 4;
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export interface SummaryOptions {
  /** The model's context window in tokens: every prompt plus its reply must fit. */
  contextTokens: number;
  /** Longest summary wanted, in tokens. */
  summaryTokens: number;
  model?: string;
  signal?: AbortSignal;
}

export interface Summary {
  text: string;
  method: 'llm' | 'extractive';
  /** Model calls made (map and reduce steps). */
  calls: number;
  /** Why the model was not used or failed, when it was not used. */
  fallback?: string;
}

const INSTRUCTION =
  'Summarize the following conversation excerpt for the agent that had it, so it can continue its work. ' +
  'Keep facts, names, numbers, decisions and open tasks; drop pleasantries. Reply with the summary only, at most WORDS words.';
const INSTRUCTION_TOKENS = estimateTokens(INSTRUCTION) + 16; // + role framing and the word count
const MARGIN = 32;

/** A summary of text by the model when llm is given and answers, else extractive; never fails on model errors (llm.*) or a refused call (res.*). */
export async function summarize(llm: Pick<ModelBackend, 'chat'> | null, text: string, opts: SummaryOptions): Promise<Summary> {
  const budget = Math.max(16, opts.summaryTokens);
  if (!llm) return { text: extractiveSummary(text, budget), method: 'extractive', calls: 0, fallback: 'no model backend' };
  const inputBudget = opts.contextTokens - budget - INSTRUCTION_TOKENS - MARGIN;
  if (inputBudget < 64) {
    return { text: extractiveSummary(text, budget), method: 'extractive', calls: 0, fallback: `context window of ${opts.contextTokens} tokens is too small for a summary prompt` };
  }
  const state = { calls: 0 };
  try {
    let current = text;
    for (let round = 0; round < 4; round++) {
      const parts = split(current, inputBudget);
      const outs: string[] = [];
      const perPart = parts.length === 1 ? budget : Math.max(32, Math.floor(budget / Math.min(parts.length, 4)));
      for (const p of parts) outs.push(await ask(llm, p, perPart, opts, state));
      current = outs.join('\n');
      if (parts.length === 1) break;
    }
    const out = estimateTokens(current) > budget ? extractiveSummary(current, budget) : current;
    return { text: out, method: 'llm', calls: state.calls };
  } catch (err) {
    // no model answer (llm.*), or no room for one (res.budgetExhausted, res.rateLimited): extractive
    if (!isNlshError(err) || !/^(llm|res)\./.test(err.code)) throw err;
    return { text: extractiveSummary(text, budget), method: 'extractive', calls: state.calls, fallback: `${err.code}: ${err.message}` };
  }
}

async function ask(llm: Pick<ModelBackend, 'chat'>, part: string, maxTokens: number, opts: SummaryOptions, state: { calls: number }): Promise<string> {
  state.calls++;
  const words = Math.max(10, Math.floor(maxTokens * 0.7));
  const r = await llm.chat({
    ...(opts.model ? { model: opts.model } : {}),
    messages: [
      { role: 'system', content: INSTRUCTION.replace('WORDS', String(words)) },
      { role: 'user', content: part },
    ],
    maxTokens,
    temperature: 0.2,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const t = r.content.trim();
  return t || extractiveSummary(part, maxTokens);
}

/** Splits text into pieces of at most maxTokens, at line or sentence breaks where possible. */
export function split(text: string, maxTokens: number): string[] {
  const max = maxTokens * 4;
  if (text.length <= max) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('. ') + 1);
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 4) cut = max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out.filter((p) => p.length > 0);
}
