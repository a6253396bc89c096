// Layer 1 of the parser, the grammar (shell layer; callers: parser.ts, help/completion):
// the first word picks a command rule, the rule turns the remaining tokens into syscall
// arguments. Deterministic and cheap; it never touches the embedder. A line whose first
// word is not a command, or whose rule does not fit, is left to layer 2 (with the rule's
// usage remembered for the error message).
import { lex, type Token } from './lexer.js';

export type { CommandRule };
import { BadNumber, Miss, type CommandRule, type RuleResult } from './grammar-kit.js';
import { COMMAND_SPECS } from './commands/index.js';
import { parseVapi } from './vapi.js';
import { callFormOf } from './call-form.js';

/** Every command rule, from the command files (commands/<name>.ts), in their order. */
export const COMMAND_RULES: readonly CommandRule[] = COMMAND_SPECS.flatMap((c) => c.rules ?? []);

const BY_WORD = new Map<string, CommandRule>();
for (const r of COMMAND_RULES) for (const w of r.words) BY_WORD.set(w, r);

/** Every command word the grammar knows (canonical words and aliases). */
export const COMMAND_WORDS: readonly string[] = [...BY_WORD.keys()];

/** Returns the rule for a command word (case-insensitive), or undefined. */
export function ruleFor(word: string): CommandRule | undefined {
  return BY_WORD.get(word.toLowerCase());
}

/** What layer 1 made of a line. */
export type GrammarOutcome =
  | { kind: 'ok'; result: RuleResult }
  | { kind: 'miss'; reason: string; usage?: string; command?: string; final?: boolean }
  | { kind: 'none' };

/** Returns layer 1's reading of already-lexed tokens (ok, a rule that did not fit, or no command word). */
export function applyGrammar(toks: readonly Token[]): GrammarOutcome {
  const head = toks[0];
  if (!head || head.kind !== 'word') return { kind: 'none' };
  // a leading "sudo" or "please" changes nothing in nlsh
  let start = 0;
  while (start < toks.length - 1 && toks[start]!.kind === 'word' && /^(sudo|please)$/i.test(toks[start]!.value)) start++;
  const h = toks[start]!;
  const word = h.value.toLowerCase().replace(/[:,]$/, '');
  const rule = h.kind === 'word' ? BY_WORD.get(word) : undefined;
  if (!rule) return { kind: 'none' };
  try {
    if (rule.syscall !== 'fs.write' && toks.some((t) => t.kind === 'op')) throw new Miss('> and >> redirect only echo and write', 'echo "text" > PATH');
    return { kind: 'ok', result: rule.rule(toks.slice(start + 1), h) };
  } catch (err) {
    // a bad number, or options the rule did not take, are errors: layer 2 would only drop them
    const final = err instanceof BadNumber || toks.some((t) => t.kind === 'word' && /^--?[A-Za-z]/.test(t.value));
    if (err instanceof Miss) return { kind: 'miss', reason: `${rule.words[0]}: ${err.reason}`, usage: err.usage ?? rule.usage, command: rule.words[0], ...(final ? { final } : {}) };
    throw err;
  }
}

/** Returns layer 1's reading of a VAPI call line (`llm.spawn("...")`), or null when the line is not one. */
export function vapiOf(line: string): GrammarOutcome | null {
  try {
    const c = callFormOf(line);
    if (c) return { kind: 'ok', result: c };
  } catch (err) {
    if (err instanceof Miss) return { kind: 'miss', reason: err.reason, ...(err.usage ? { usage: err.usage } : {}), command: line.split(/\s/)[0]!, final: true };
    throw err;
  }
  try {
    const r = parseVapi(line);
    return r ? { kind: 'ok', result: r } : null;
  } catch (err) {
    if (err instanceof Miss) return { kind: 'miss', reason: err.reason, ...(err.usage ? { usage: err.usage } : {}), command: 'llm' };
    throw err;
  }
}

/** Returns layer 1's reading of a raw line (lexing it first; shell.syntax on bad quoting). */
export function grammarOf(line: string): GrammarOutcome {
  return vapiOf(line) ?? applyGrammar(lex(line));
}
