// Helpers of the layer-1 rules for processes (shell layer; callers: commands/proc-*.ts, where
// the rules of spawn, kill, suspend, resume, renice, ps, wait, merge, split, lend now live). Process references are "p3", "3",
// "process 3", a name, or a (quoted) description the kernel resolves by meaning.
import type { Token } from './lexer.js';
import {
  BadNumber, Miss, looksNumeric, NUMBER_WORDS, countOf, indexOfWord, pidOf, isWord, joined, noMore, percentOf, priorityOf, refOf, takeFlags,
  type CommandRule, type RuleResult,
} from './grammar-kit.js';
import { withoutPoliteTail } from './grammar-kit.js';
import { utterance, type Utterance } from './slots.js';

export const SPAWN_USAGE = 'spawn "description" [priority high|0-19] [budget 5000] [name NAME] [type specialist] [model NAME]';

/** Splits spawn's tokens into the description and its options (keyword + value pairs anywhere). */
export function spawnArgs(toks: readonly Token[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const desc: Token[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    const word = t.kind === 'word' ? t.value.toLowerCase().replace(/^--?/, '') : '';
    if ((word === 'priority' || word === 'nice' || word === 'p') && next && priorityOf(next.value) !== undefined) {
      args.priority = priorityOf(next.value); i++; continue;
    }
    // "with high priority", "at low priority"
    if (t.kind === 'word' && priorityOf(t.value) !== undefined && isWord(next, 'priority') && !/^\d/.test(t.value)) {
      args.priority = priorityOf(t.value);
      if (isWord(desc[desc.length - 1], ['with', 'at', 'and', 'in'])) desc.pop();
      i++; continue;
    }
    // "with a budget of 8000 tokens"
    if (word === 'budget' && isWord(next, 'of') && toks[i + 2] && countOf(toks[i + 2]!.value) !== undefined) {
      args.budget = countOf(toks[i + 2]!.value); i += 2;
      if (isWord(toks[i + 1], ['tokens', 'token'])) i++;
      while (isWord(desc[desc.length - 1], ['a', 'with', 'and', 'token'])) desc.pop();
      continue;
    }
    if ((word === 'budget' || word === 'tokens') && next && countOf(next.value) !== undefined) {
      args.budget = countOf(next.value); i++;
      if (isWord(toks[i + 1], ['tokens', 'token'])) i++;
      continue;
    }
    // --name X, name X (as help documents), or "named X" / "called X" when X is quoted or the last word
    if (next && (((word === 'name') && (t.value.startsWith('-') || next.kind === 'string' || desc.length > 0)) || ((word === 'named' || word === 'called') && (next.kind === 'string' || i + 2 === toks.length)))) {
      args.name = next.value; i++; continue;
    }
    if (word === 'type' && next && /^(user|system|specialist|meta)$/i.test(next.value)) { args.type = next.value.toLowerCase(); i++; continue; }
    if (word === 'model' && next && t.value.startsWith('-')) { args.model = next.value; i++; continue; }
    if ((word === 'context' || word === 'ctx') && next && countOf(next.value) !== undefined) { args.contextWindow = countOf(next.value); i++; continue; }
    // "budget 1e308", "priority -5": a number that does not parse is an error, never description text
    if (['budget', 'priority', 'nice', 'context', 'ctx', 'tokens'].includes(word) && next && looksNumeric(next.value)) {
      throw new BadNumber(`${word} needs ${word === 'priority' || word === 'nice' ? 'a priority 0-19 or a word (high, normal, low)' : 'a whole number'}, not ${JSON.stringify(next.value.slice(0, 20))}`, SPAWN_USAGE);
    }
    if (t.kind === 'word' && /^--?\w/.test(t.value)) throw new Miss(`unknown option ${t.value}`, SPAWN_USAGE);
    desc.push(t);
  }
  if (isWord(desc[desc.length - 1], ['with', 'and', 'at'])) desc.pop();
  const last = desc[desc.length - 1];
  if (last && last.kind === 'word' && /[,;]$/.test(last.value)) desc[desc.length - 1] = { ...last, value: last.value.replace(/[,;]+$/, '') };
  if (desc.length === 0) throw new Miss('spawn needs a description of the agent', SPAWN_USAGE);
  return { description: joined(desc), ...args };
}

/** The rule of a one-process command (kill, suspend, resume); English after the verb goes to its extractor. */
export function one(syscall: string, verb: string, extract: (u: Utterance) => Record<string, unknown>): (rest: Token[], head: Token) => RuleResult {
  const usage = `${verb} p3 | ${verb} NAME | ${verb} "description"`;
  return (rest, head) => {
    const toks = withoutPoliteTail(rest);
    if (toks.filter((t) => t.kind === 'word' && pidOf(t.value) !== undefined).length > 1) throw new Miss(`${verb} takes one process at a time`, usage);
    // "kill off the translator", "pause the summarizer agent": English after the verb
    if (toks.length > 1 && toks.every((t) => t.kind === 'word')) {
      return { syscall, args: extract(utterance(`${head.value} ${joined(toks)}`)) };
    }
    return { syscall, args: { pid: refOf(toks, 'a process', usage) } };
  };
}

export const RENICE_USAGE = 'renice p3 5 | renice p3 high';
export const WAIT_USAGE = 'wait p2 [--timeout 30s]';
export const MERGE_USAGE = 'merge p1 p2 [as NAME]';
export const SPLIT_USAGE = 'split p3 into 3';
export const LEND_USAGE = 'lend 50% attention from p1 to p2';

export function durationMs(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)?$/.exec(v);
  if (!m) return undefined;
  const k = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Math.round(Number(m[1]) * k);
}

/** The rule of grant or revoke: one shape, two syscalls. */
export function grantRule(w: 'grant' | 'revoke'): CommandRule {
  return {
    // grant p2 fs.write:/data/**  |  grant fs.write:/data/** to p2  (revoke ... from p2)
    words: [w], usage: `${w} PROC PERMISSION`, syscall: w === 'grant' ? 'sys.grant' : 'sys.revoke',
    rule: (rest) => {
      const usage = `${w} PROC PERMISSION`;
      const at = indexOfWord(rest, ['to', 'from']);
      const [perm, who] = at === 1 ? [rest[0], rest.slice(2)] : [rest[rest.length - 1], rest.slice(0, -1)];
      if (!perm || !who.length || rest.length < 2) throw new Miss(`${w} needs a process and a permission`, usage);
      return { syscall: w === 'grant' ? 'sys.grant' : 'sys.revoke', args: { pid: refOf(who, 'a process', usage), permission: perm.value } };
    },
  };
}


