// The nlsh parser (shell layer; callers: the runner, the REPL, the CLI's -c and scripts):
// text -> Command in three layers. 1: the grammar (never loads the embedder, so `nlsh -c pwd`
// starts fast). 2: a mistyped command word corrected, or the intent matcher over embedded
// example utterances plus slot extraction. 3: only when a model backend and the syscall table
// are given and layers 1-2 are unsure, the Ollama intent compiler. Nothing below the
// confidence threshold is ever returned: such input fails with a helpful NlshError.
import { NlshError } from '../../base/errors.js';
import type { Embedder } from '../../embed/types.js';
import type { ModelBackend } from '../../llm/types.js';
import type { SyscallName } from '../../kernel/syscall-list.js';
import type { BuiltinName, Command } from '../types.js';
import { checkInput, lex, splitScript } from './lexer.js';
import { COMMAND_RULES, COMMAND_WORDS, applyGrammar, ruleFor, vapiOf, type GrammarOutcome } from './grammar.js';
import { Miss, type RuleResult } from './grammar-kit.js';
import { INTENTS } from './intents.js';
import { buildIntentIndex, osa, type IntentIndex, type IntentScore } from './matcher.js';
import { EXTRACTORS } from './extract.js';
import { utterance } from './slots.js';
import { compileIntent, type SyscallInfo } from './compiler.js';
import { describeCommand } from './describe.js';
import { phraseOf } from './phrases.js';

export { describeCommand, splitScript };
export type { SyscallInfo };

/** A reading the parser was not sure enough to return: offered as "did you mean", never run unasked. */
export interface Reading {
  name: string;
  args: Record<string, unknown>;
}

export interface ParserOptions {
  /** Lazy: called the first time layer 2 is needed, never by layer 1. */
  embedder: () => Promise<Embedder>;
  /** Model backend for layer 3; absent or null = no layer 3. */
  llm?: ModelBackend | null;
  /**
   * The syscall table, for layer 3's schema and validation; layer 3 runs only with it. May be a
   * (lazy) getter, called the first time layer 3 is needed, so the kernel need not boot early.
   */
  syscalls?: readonly SyscallInfo[] | (() => readonly SyscallInfo[] | Promise<readonly SyscallInfo[]>);
  /** Minimum layer-2 score to carry out an English reading (default DEFAULT_LAYER2_THRESHOLD). */
  layer2Threshold?: number;
}

export interface Parser {
  /** Returns the command a line means; fails with shell.syntax / unknownCommand / unsure / tooLong / badInput. */
  parse(line: string, opts?: { signal?: AbortSignal }): Promise<Command>;
  /** Returns layer 1's command for a line, or null when the grammar does not take it; fails like parse on bad input or quoting. */
  parseSync(line: string): Command | null;
  /** Splits a script into commands (see lexer.splitScript). */
  splitScript(text: string): { line: number; text: string }[];
}

/** Layer-2 score needed to act on an English reading (glove SIF similarity plus cue bonus). */
export const DEFAULT_LAYER2_THRESHOLD = 0.62;
/** The best intent must lead the next different one by this much, or the reading is ambiguous. */
export const LAYER2_MARGIN = 0.025;
/** Confidence of a phrasebook reading: a whole-sentence pattern with every slot checked. */
export const PHRASE_CONFIDENCE = 0.95;
/** Below this, nothing was close: the error is "unknown command" rather than "unsure". */
const NOISE_FLOOR = 0.4;

function toCommand(line: string, r: RuleResult, layer: 1 | 2 | 3, confidence: number): Command {
  return 'syscall' in r
    ? { kind: 'syscall', input: line, syscall: r.syscall as SyscallName, args: r.args, layer, confidence }
    : { kind: 'builtin', input: line, builtin: r.builtin as BuiltinName, args: r.args, layer, confidence };
}

/** Canonical example for a syscall or "builtin:name", for suggestions. */
export function exampleFor(intent: string): string {
  const name = intent.startsWith('builtin:') ? intent.slice(8) : intent;
  const rule = COMMAND_RULES.find((r) => r.syscall === name || r.builtin === name);
  if (name === 'fs.grepMeaning') return 'grep meaning "text" [in PATH]';
  if (name === 'sys.auditVerify') return 'audit verify';
  return rule ? shortUsage(rule.usage) : name;
}

/** Words of the intent examples and other common English: never "corrected" into a command. */
const ENGLISH = new Set<string>([
  ...INTENTS.flatMap((i) => i.examples.flatMap((e) => e.split(/\s+/))),
  'what', 'who', 'how', 'why', 'when', 'which', 'where', 'is', 'are', 'am', 'the', 'a', 'an', 'i', 'you', 'we', 'it', 'this', 'that',
  'tell', 'store', 'show', 'give', 'list', 'please', 'can', 'could', 'would', 'will', 'do', 'does', 'did', 'let', 'get', 'set', 'put',
  'new', 'my', 'me', 'all', 'any', 'some', 'look', 'find', 'say', 'see', 'use', 'yes', 'no', 'ok', 'hey', 'hi', 'hello', 'thanks',
]);

/** The first form of a usage line without its optional parts. */
function shortUsage(usage: string): string {
  return usage.split(' | ')[0]!.replace(/\s*\[.*$/, '');
}

function nearestWords(word: string, k = 3): string[] {
  const w = word.toLowerCase();
  return COMMAND_WORDS
    .map((c) => ({ c, d: osa(w, c, 3), canonical: ruleFor(c)!.words[0] === c ? 0 : 1 }))
    .filter(({ d, c }) => d <= (c.length <= 4 || w.length <= 4 ? 1 : 2))
    .sort((a, b) => a.d - b.d || a.canonical - b.canonical || a.c.localeCompare(b.c))
    .slice(0, k)
    .map(({ c }) => c);
}

/** Returns a parser; the embedder getter is called at most once, on first need of layer 2. */
export function createParser(opts: ParserOptions): Parser {
  const threshold = opts.layer2Threshold ?? DEFAULT_LAYER2_THRESHOLD;
  let index: Promise<IntentIndex> | undefined;
  const getIndex = (signal?: AbortSignal): Promise<IntentIndex> => {
    index ??= opts.embedder().then((e) => buildIntentIndex(e, undefined, signal));
    index.catch(() => { index = undefined; });
    return index;
  };

  const layer1 = (line: string): GrammarOutcome => vapiOf(line) ?? applyGrammar(lex(line));

  /** The phrasebook's whole-sentence English (layer 2, deterministic); never on lines with options or redirections. */
  function phrase(line: string): Command | null {
    if (vapiOf(line)) return null;
    if (lex(line).some((t) => t.kind === 'op' || (t.kind === 'word' && /^--?[A-Za-z]/.test(t.value)))) return null;
    const p = phraseOf(line);
    return p ? toCommand(line, p, 2, PHRASE_CONFIDENCE) : null;
  }

  function parseSync(raw: string): Command | null {
    checkInput(raw);
    const line = raw.trim();
    if (line === '') return null;
    const g = layer1(line);
    return g.kind === 'ok' ? toCommand(line, g.result, 1, 1) : null;
  }

  /** Layer 2a: the first word is a typo of a command word (not an English word) and the rest fits that command. */
  function typoCommand(line: string): { cmd: Command; word: string } | null {
    const toks = lex(line);
    const head = toks[0];
    if (!head || head.kind !== 'word' || head.value.length < 2 || ruleFor(head.value) || ENGLISH.has(head.value.toLowerCase())) return null;
    for (const w of nearestWords(head.value, 2)) {
      // typos keep the first letter far more often than not; "fill p3" is not "kill p3"
      if ((w.length < 3 && head.value.length > 3) || w[0] !== head.value[0]!.toLowerCase()) continue;
      const r = ruleFor(w)!;
      try {
        const res = r.rule(toks.slice(1), { ...head, value: w });
        return { cmd: toCommand(line, res, 2, 0.85), word: w };
      } catch (err) {
        if (!(err instanceof Miss)) throw err;
      }
    }
    return null;
  }

  async function layer2(line: string, signal?: AbortSignal): Promise<{ cmd?: Command; ranked: IntentScore[]; why?: string; readings: Reading[] }> {
    const idx = await getIndex(signal);
    const ranked = await idx.rank(line, signal ? { signal } : undefined);
    const top = ranked[0]!;
    const u = utterance(line);
    // what the closest intents would do, for "did you mean" (never carried out from here)
    const readings: Reading[] = [];
    for (const cand of ranked.slice(0, 3)) {
      if (cand.score < NOISE_FLOOR || cand.name.startsWith('builtin:')) continue;
      try {
        const args = EXTRACTORS[cand.name]?.(u);
        if (args) readings.push({ name: cand.name, args });
      } catch (err) {
        if (!(err instanceof Miss)) throw err;
      }
    }
    if (top.score < threshold) return { ranked, readings, why: `the closest reading (${top.name}, score ${top.score.toFixed(2)}) is below the threshold ${threshold}` };
    let why: string | undefined;
    for (const cand of ranked.slice(0, 3)) {
      if (cand.score < threshold || cand.score < top.score - 0.08) break;
      const runner = ranked.find((r) => r.name !== cand.name && r.score <= cand.score && r !== cand);
      const margin = runner ? cand.score - runner.score : 1;
      try {
        const args = cand.name.startsWith('builtin:') ? builtinArgs(cand.name, u.text) : EXTRACTORS[cand.name]?.(u);
        if (!args) continue;
        if (cand === top && margin < LAYER2_MARGIN) {
          return { ranked, readings, why: `it could be ${cand.name} or ${runner!.name}` };
        }
        const confidence = Math.max(0, Math.min(0.99, cand.score - (cand === top ? 0 : top.score - cand.score)));
        const r: RuleResult = cand.name.startsWith('builtin:') ? { builtin: cand.name.slice(8), args } : { syscall: cand.name, args };
        return { cmd: toCommand(line, r, 2, confidence), ranked, readings };
      } catch (err) {
        if (!(err instanceof Miss)) throw err;
        why ??= `it looks like ${cand.name}, but ${err.reason}`;
      }
    }
    return { ranked, readings, why: why ?? 'no reading fits' };
  }

  async function parse(raw: string, popts: { signal?: AbortSignal } = {}): Promise<Command> {
    checkInput(raw);
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      throw new NlshError('shell.syntax', 'empty command', { hint: "type a command, or 'help'", details: { column: 1 } });
    }
    const ph = phrase(line);
    if (ph) return ph;
    const g = layer1(line);
    if (g.kind === 'ok') return toCommand(line, g.result, 1, 1);
    if (g.kind === 'miss' && g.final) {
      throw new NlshError('shell.syntax', g.reason, {
        hint: `usage: ${g.usage ?? ''}`.trim(),
        details: { command: g.command, usage: g.usage, suggestions: g.usage ? [g.usage] : [] },
      });
    }

    const typo = typoCommand(line);
    if (typo) return typo.cmd;

    const l2 = await layer2(line, popts.signal);
    if (l2.cmd) return l2.cmd;
    const guesses = l2.ranked[0]!.score > 0 ? l2.ranked.slice(0, 3).map((r) => exampleFor(r.name)) : ['help'];

    const table = typeof opts.syscalls === 'function' ? await opts.syscalls() : opts.syscalls;
    if (opts.llm && table && table.length > 0) {
      const c = await compileIntent(opts.llm, table, line, { ...(popts.signal ? { signal: popts.signal } : {}), guesses });
      return { kind: 'syscall', input: line, syscall: c.syscall as SyscallName, args: c.args, layer: 3, confidence: c.confidence };
    }

    if (g.kind === 'miss') {
      throw new NlshError('shell.syntax', g.reason, {
        hint: `usage: ${g.usage ?? ''}`.trim(),
        details: { command: g.command, usage: g.usage, suggestions: g.usage ? [g.usage] : [] },
      });
    }
    const first = line.split(/\s+/)[0]!;
    const near = nearestWords(first);
    if (l2.ranked[0]!.score < NOISE_FLOOR || (near.length > 0 && line.split(/\s+/).length <= 3)) {
      const suggestions = [...new Set([...near.map((w) => shortUsage(ruleFor(w)!.usage)), ...guesses])].slice(0, 4);
      throw new NlshError('shell.unknownCommand', `unknown command: ${first.length > 40 ? `${first.slice(0, 37)}...` : first}`, {
        hint: `try: ${suggestions.join(' | ')}`,
        details: { suggestions },
      });
    }
    throw new NlshError('shell.unsure', `not sure what that means: ${l2.why}`, {
      hint: `try: ${guesses.join(' | ')}`,
      details: { layer: 2, suggestions: guesses, readings: l2.readings, candidates: l2.ranked.slice(0, 3).map((r) => ({ name: r.name, score: Number(r.score.toFixed(3)) })) },
    });
  }

  return { parse, parseSync, splitScript };
}

function builtinArgs(name: string, text: string): Record<string, unknown> {
  // "clean everything up" is not a request to clear the screen
  if (name === 'builtin:clear' && !/\b(?:clear|cls|screen|terminal|console|display)\b/i.test(text)) throw new Miss('clear means the screen');
  if (name === 'builtin:help') {
    const topic = /\b(?:help|about|with|use|using)\s+(?:the\s+)?(?:command\s+)?([\w.-]+)\s*(?:command)?$/i.exec(text)?.[1];
    return topic && ruleFor(topic) ? { topic } : {};
  }
  return {};
}
