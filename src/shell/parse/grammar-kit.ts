// Building blocks of the layer-1 grammar (shell layer; callers: the rules-*.ts files and the
// layer-2 slot extractor): process references, numbers, priority words, percentages, and
// option extraction from a token list. A rule that does not fit throws Miss, which the
// grammar turns into "not layer 1" (and, if nothing else understands the line, a usage hint).
import type { Token } from './lexer.js';
import type { BuiltinName } from '../types.js';
import type { SyscallName } from '../../kernel/syscall-list.js';

/** A rule did not match; `reason` and `usage` are shown if no later layer understands the line. */
export class Miss extends Error {
  constructor(readonly reason: string, readonly usage?: string) {
    super(reason);
    this.name = 'Miss';
  }
}

/** A number that does not parse where one is required: final, never left for layer 2 to drop (issue 11). */
export class BadNumber extends Miss {
  constructor(reason: string, usage?: string) {
    super(reason, usage);
    this.name = 'BadNumber';
  }
}

/** True for text that tries to be a number ("1e308", "-5", "NaN", "Infinity", "3.5x") whatever its validity. */
export function looksNumeric(text: string): boolean {
  return /^[-+]?(?:\d|\.\d|nan\b|inf)/i.test(text);
}

/** What a rule produces. */
export type RuleResult =
  | { syscall: string; args: Record<string, unknown> }
  | { builtin: string; args: Record<string, unknown> };


/** One command of the language: its words (first = canonical), usage line, and rule. */
export interface CommandRule {
  words: readonly string[];
  usage: string;
  syscall?: SyscallName | string;
  builtin?: BuiltinName;
  rule: (rest: Token[], head: Token) => RuleResult;
}

/**
 * Priority words -> the kernel's 0 (highest) .. 19 (lowest) scale. Numbers 0..19 are taken as is.
 */
export const PRIORITY_WORDS: Readonly<Record<string, number>> = {
  realtime: 0, 'real-time': 0, critical: 0, urgent: 0, highest: 0, top: 0,
  high: 5, important: 5,
  normal: 10, default: 10, medium: 10, regular: 10,
  low: 15,
  idle: 19, background: 19, lowest: 19,
};

/** Returns the 0..19 priority for a number or priority word, or undefined. */
export function priorityOf(text: string): number | undefined {
  const t = text.toLowerCase().replace(/[.,!?]+$/, '');
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n <= 19 ? n : undefined;
  }
  return PRIORITY_WORDS[t];
}

const PID = /^(?:p|pid|#)?(\d{1,9})$/i;
const MEM_ID = /^m\d{1,9}$/i;

/** Returns "p3" for "p3", "P3", "3", "pid3" and "#3"; undefined for anything else. */
export function pidOf(text: string): string | undefined {
  const m = PID.exec(text.replace(/[.,!?]+$/, ''));
  return m ? `p${Number(m[1])}` : undefined;
}

/** Returns "m3" for a memory id like "m3"/"M3", undefined otherwise. */
export function memIdOf(text: string): string | undefined {
  const t = text.replace(/[.,!?]+$/, '');
  return MEM_ID.test(t) ? t.toLowerCase() : undefined;
}

/** Returns a process reference from tokens: a pid (normalised to "p3"), "process 3", or the words joined (a name or description); fails with Miss when empty. */
export function refOf(toks: readonly Token[], what = 'a process', usage?: string): string {
  toks = withoutPoliteTail(toks);
  if (toks.length === 0) throw new Miss(`needs ${what}`, usage);
  if (toks[0]!.kind === 'word' && /^(all|every|everything|everyone|everybody|each)[.!?]*$/i.test(toks[0]!.value)) {
    throw new Miss('names one process at a time (say p3, a name, or "a description")', usage);
  }
  if (toks.length === 1) {
    const t = toks[0]!;
    return t.kind === 'word' ? (pidOf(t.value) ?? t.value) : t.value;
  }
  if (toks.filter((t) => t.kind === 'word' && pidOf(t.value) !== undefined).length > 1) {
    throw new Miss('names one process at a time', usage);
  }
  if (toks.length === 2 && toks[0]!.kind === 'word' && /^(process|proc|pid|agent)$/i.test(toks[0]!.value)) {
    const p = pidOf(toks[1]!.value);
    if (p) return p;
  }
  return joined(toks);
}

/** Returns toks without trailing unquoted "please", "now", "thanks" (and trailing punctuation). */
export function withoutPoliteTail(toks: readonly Token[]): Token[] {
  const out = [...toks];
  while (out.length > 1) {
    const t = out[out.length - 1]!;
    if (t.kind !== 'word' || !/^(please|pls|now|thanks|thx)[.!?]*$/i.test(t.value)) break;
    out.pop();
  }
  return out;
}

/** Joins token values with single spaces. */
export function joined(toks: readonly Token[]): string {
  return toks.map((t) => t.value).join(' ');
}

const MULT: Record<string, number> = { k: 1e3, m: 1e6 };

/** Returns a non-negative integer from "5000", "5,000", "5k", "1.5M"; undefined otherwise. */
export function countOf(text: string): number | undefined {
  const m = /^(\d+(?:[.,]\d+)*)([kKmM])?$/.exec(text.replace(/[.!?]+$/, ''));
  if (!m) return undefined;
  const raw = m[2] ? Number(m[1]!.replace(',', '.')) : Number(m[1]!.replace(/,/g, ''));
  const n = m[2] ? raw * MULT[m[2].toLowerCase()]! : raw;
  return Number.isFinite(n) && Number.isInteger(n) && n <= Number.MAX_SAFE_INTEGER ? n : undefined;
}

/** Returns the number in "50%", "50", "50 percent" style text (0..100), or undefined. */
export function percentOf(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(text.replace(/[.,!?]+$/, ''));
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 0 && n <= 100 ? n : undefined;
}

/** Option spec: flag spellings -> (key, whether it takes a value). */
export type FlagSpec = Record<string, { key: string; value: boolean }>;

/**
 * Removes flags (unquoted words starting with "-", and "--flag=value") from toks and returns
 * them with the remaining tokens; an unknown flag or a missing value fails with Miss.
 */
export function takeFlags(toks: readonly Token[], spec: FlagSpec, usage?: string): { flags: Record<string, string | true>; rest: Token[] } {
  const flags: Record<string, string | true> = {};
  const rest: Token[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'word' || !/^--?[A-Za-z]/.test(t.value)) { rest.push(t); continue; }
    const [name, inline] = t.value.includes('=') ? [t.value.slice(0, t.value.indexOf('=')), t.value.slice(t.value.indexOf('=') + 1)] : [t.value, undefined];
    const f = spec[name];
    if (!f) throw new Miss(`unknown option ${name}`, usage);
    if (!f.value) { flags[f.key] = true; continue; }
    const v = inline ?? toks[++i]?.value;
    if (v === undefined) throw new Miss(`option ${name} needs a value`, usage);
    flags[f.key] = v;
  }
  return { flags, rest };
}

/** Returns a flag's value as a count, failing with Miss when it is not one. */
export function flagCount(v: string | true | undefined, name: string, usage?: string): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' ? countOf(v) : undefined;
  if (n === undefined) throw new BadNumber(`${name} needs a whole number, not ${typeof v === 'string' ? JSON.stringify(v.slice(0, 20)) : 'nothing'}`, usage);
  return n;
}

/** True when the token is the unquoted word w (case-insensitive), one of ws when w is an array. */
export function isWord(t: Token | undefined, w: string | readonly string[]): boolean {
  if (!t || t.kind !== 'word') return false;
  const v = t.value.toLowerCase();
  return typeof w === 'string' ? v === w : w.includes(v);
}

/** Returns the index of the first unquoted word among ws at or after from, or -1. */
export function indexOfWord(toks: readonly Token[], ws: string | readonly string[], from = 0): number {
  for (let i = from; i < toks.length; i++) if (isWord(toks[i], ws)) return i;
  return -1;
}

/** Fails with Miss unless toks is empty. */
export function noMore(toks: readonly Token[], usage?: string): void {
  if (toks.length > 0) throw new Miss(`unexpected "${toks[0]!.value}"`, usage);
}

/** Small number words people type instead of digits. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  twice: 2, half: 50,
};
