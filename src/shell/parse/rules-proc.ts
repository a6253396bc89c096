// Layer-1 rules for processes (shell layer; caller: grammar.ts): spawn, kill, suspend,
// resume, renice, ps, wait, merge, split, lend. Process references are "p3", "3",
// "process 3", a name, or a (quoted) description the kernel resolves by meaning.
import type { Token } from './lexer.js';
import {
  BadNumber, Miss, looksNumeric, NUMBER_WORDS, countOf, indexOfWord, pidOf, isWord, joined, noMore, percentOf, priorityOf, refOf, takeFlags,
  type RuleResult,
} from './grammar-kit.js';
import type { CommandRule } from './grammar-kit.js';
import { withoutPoliteTail } from './grammar-kit.js';
import { EXTRACTORS } from './extract.js';
import { utterance } from './slots.js';

const SPAWN_USAGE = 'spawn "description" [priority high|0-19] [budget 5000] [name NAME] [type specialist] [model NAME]';

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

function one(syscall: string, verb: string): (rest: Token[], head: Token) => RuleResult {
  const usage = `${verb} p3 | ${verb} NAME | ${verb} "description"`;
  return (rest, head) => {
    const toks = withoutPoliteTail(rest);
    if (toks.filter((t) => t.kind === 'word' && pidOf(t.value) !== undefined).length > 1) throw new Miss(`${verb} takes one process at a time`, usage);
    // "kill off the translator", "pause the summarizer agent": English after the verb
    if (toks.length > 1 && toks.every((t) => t.kind === 'word')) {
      return { syscall, args: EXTRACTORS[syscall]!(utterance(`${head.value} ${joined(toks)}`)) };
    }
    return { syscall, args: { pid: refOf(toks, 'a process', usage) } };
  };
}

const RENICE_USAGE = 'renice p3 5 | renice p3 high';
const WAIT_USAGE = 'wait p2 [--timeout 30s]';
const MERGE_USAGE = 'merge p1 p2 [as NAME]';
const SPLIT_USAGE = 'split p3 into 3';
const LEND_USAGE = 'lend 50% attention from p1 to p2';

export function durationMs(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)?$/.exec(v);
  if (!m) return undefined;
  const k = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Math.round(Number(m[1]) * k);
}

export const procRules: CommandRule[] = [
  { words: ['spawn'], usage: SPAWN_USAGE, syscall: 'proc.spawn', rule: (rest) => ({ syscall: 'proc.spawn', args: spawnArgs(rest) }) },
  { words: ['kill'], usage: 'kill p3 | kill "the reviewer"', syscall: 'proc.kill', rule: (rest, head) => one('proc.kill', 'kill')(rest.filter((t) => !/^-(9|KILL|TERM|15)$/.test(t.value) || t.kind !== 'word'), head) },
  { words: ['suspend', 'pause'], usage: 'suspend p3', syscall: 'proc.suspend', rule: one('proc.suspend', 'suspend') },
  { words: ['resume', 'continue', 'unpause', 'cont'], usage: 'resume p3', syscall: 'proc.resume', rule: one('proc.resume', 'resume') },
  {
    words: ['renice', 'nice'], usage: RENICE_USAGE, syscall: 'proc.renice',
    rule: (rest) => {
      let toks = rest;
      let prio: number | undefined;
      if (isWord(toks[0], '-n') && toks[1]) { prio = priorityOf(toks[1].value); toks = toks.slice(2); }
      else {
        prio = toks.length >= 2 ? priorityOf(toks[toks.length - 1]!.value) : undefined;
        toks = toks.slice(0, -1);
        if (isWord(toks[toks.length - 1], ['to', 'priority'])) toks = toks.slice(0, -1);
      }
      if (prio === undefined && looksNumeric(rest[rest.length - 1]?.value ?? '')) throw new BadNumber('renice needs a priority 0-19 or a word (realtime, high, normal, low, idle)', RENICE_USAGE);
      if (prio === undefined) throw new Miss('renice needs a priority 0-19 or a word (realtime, high, normal, low, idle)', RENICE_USAGE);
      return { syscall: 'proc.renice', args: { pid: refOf(toks, 'a process', RENICE_USAGE), priority: prio } };
    },
  },
  {
    words: ['ps'], usage: 'ps [-a] [-l]', syscall: 'proc.ps',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, {
        '-a': { key: 'all', value: false }, '--all': { key: 'all', value: false }, '-e': { key: 'all', value: false }, '-ef': { key: 'all', value: false }, '-A': { key: 'all', value: false },
        '-l': { key: 'long', value: false }, '--long': { key: 'long', value: false }, '-al': { key: 'both', value: false }, '-la': { key: 'both', value: false },
      }, 'ps [-a] [-l]');
      const all = flags.all === true || flags.both === true || (r.length === 1 && isWord(r[0], ['aux', 'all', 'ax']));
      const long = flags.long === true || flags.both === true;
      if (!all) noMore(r, 'ps [-a] [-l]');
      return { syscall: 'proc.ps', args: { ...(all ? { all: true } : {}), ...(long ? { long: true } : {}) } };
    },
  },
  {
    words: ['wait'], usage: WAIT_USAGE, syscall: 'proc.wait',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, { '--timeout': { key: 'timeout', value: true }, '-t': { key: 'timeout', value: true } }, WAIT_USAGE);
      let toks = r;
      let timeout = typeof flags.timeout === 'string' ? durationMs(flags.timeout) : undefined;
      if (typeof flags.timeout === 'string' && timeout === undefined) throw new BadNumber(`--timeout needs a duration like 30s, not ${JSON.stringify(flags.timeout.slice(0, 20))}`, WAIT_USAGE);
      const at = indexOfWord(toks, ['timeout', 'for']);
      if (at > 0 && toks[at + 1] && durationMs(toks[at + 1]!.value) !== undefined) {
        timeout = durationMs(toks[at + 1]!.value);
        toks = toks.slice(0, at);
      }
      if (isWord(toks[0], ['for', 'on', 'until'])) toks = toks.slice(1);
      if (toks.length > 1 && isWord(toks[toks.length - 1], ['done', 'finished', 'over']) && isWord(toks[toks.length - 2], ['is', 'to', 'has'])) toks = toks.slice(0, -2);
      if (toks.length > 1 && isWord(toks[toks.length - 1], ['finish', 'complete', 'exit', 'end']) && isWord(toks[toks.length - 2], 'to')) toks = toks.slice(0, -2);
      if (toks.length > 1 && isWord(toks[toks.length - 1], ['finishes', 'exits', 'ends', 'terminates', 'completes'])) toks = toks.slice(0, -1);
      return { syscall: 'proc.wait', args: { pid: refOf(toks, 'a process', WAIT_USAGE), ...(timeout !== undefined ? { timeoutMs: timeout } : {}) } };
    },
  },
  {
    words: ['merge'], usage: MERGE_USAGE, syscall: 'proc.merge',
    rule: (rest) => {
      let toks = rest;
      let name: string | undefined;
      const at = indexOfWord(toks, ['as', 'into', 'named', 'called']);
      if (at >= 0) {
        if (at !== toks.length - 2) throw new Miss('merge takes one name after "as"', MERGE_USAGE);
        name = toks[at + 1]!.value;
        toks = toks.slice(0, at);
      }
      let pids: string[];
      const pidToks = toks.filter((t) => t.kind === 'string' || pidOf(t.value) !== undefined);
      if (pidToks.length >= 2 && toks.every((t) => pidToks.includes(t) || isWord(t, ['and', ',', '&', 'with', 'agents', 'processes', 'process', 'agent']))) {
        pids = pidToks.map((t) => refOf([t]));
      } else {
        // "merge the coder and the reviewer": references separated by "and" / ","
        pids = [];
        let cur: Token[] = [];
        for (const t of [...toks, { kind: 'word', value: 'and', col: 0 } as Token]) {
          if (isWord(t, ['and', ',', '&', 'with']) || t.value.endsWith(',')) {
            if (t.value.endsWith(',') && t.value !== ',') cur.push({ ...t, value: t.value.slice(0, -1) });
            if (cur.length) pids.push(refOf(cur));
            cur = [];
          } else cur.push(t);
        }
      }
      if (pids.length < 2) throw new Miss('merge needs at least two processes', MERGE_USAGE);
      return { syscall: 'proc.merge', args: { pids, ...(name ? { name } : {}) } };
    },
  },
  {
    words: ['split'], usage: SPLIT_USAGE, syscall: 'proc.split',
    rule: (rest) => {
      let toks = rest;
      let into = 3; // the seed splits one agent into three specialists
      const at = indexOfWord(toks, ['into', 'in']);
      if (at >= 0) {
        const n = countOf(toks[at + 1]?.value ?? '') ?? NUMBER_WORDS[toks[at + 1]?.value.toLowerCase() ?? ''];
        if (n === undefined && looksNumeric(toks[at + 1]?.value ?? '')) throw new BadNumber(`split needs a count 2-8 after "into", not ${JSON.stringify(toks[at + 1]!.value.slice(0, 20))}`, SPLIT_USAGE);
        if (n === undefined) throw new Miss('split needs a count after "into"', SPLIT_USAGE);
        into = n;
        const tail = toks.slice(at + 2).filter((t) => !isWord(t, ['agents', 'specialists', 'parts', 'pieces', 'processes', 'children']));
        noMore(tail, SPLIT_USAGE);
        toks = toks.slice(0, at);
      }
      return { syscall: 'proc.split', args: { pid: refOf(toks, 'a process', SPLIT_USAGE), into } };
    },
  },
  {
    words: ['lend', 'lendattention'], usage: LEND_USAGE, syscall: 'proc.lend',
    rule: (rest) => {
      const toks = rest.filter((t) => !isWord(t, ['attention', 'of', 'budget', 'percent', '%']));
      const from = indexOfWord(toks, 'from');
      const to = indexOfWord(toks, 'to');
      const pctAt = toks.findIndex((t) => t.kind === 'word' && percentOf(t.value) !== undefined && (t.value.endsWith('%') || rest.some((r) => isWord(r, ['percent', '%'])) || toks.length === 3 || from >= 0));
      if (pctAt < 0) throw new Miss('lend needs a percentage', LEND_USAGE);
      const percent = percentOf(toks[pctAt]!.value)!;
      if (from >= 0 && to > from) {
        const a = toks.slice(from + 1, to).filter((_, i) => from + 1 + i !== pctAt);
        const b = toks.slice(to + 1).filter((_, i) => to + 1 + i !== pctAt);
        return { syscall: 'proc.lend', args: { from: refOf(a, 'a lender', LEND_USAGE), to: refOf(b, 'a borrower', LEND_USAGE), percent } };
      }
      const refs = toks.filter((_, i) => i !== pctAt && !isWord(toks[i], ['from', 'to']));
      if (refs.length !== 2) throw new Miss('lend needs two processes', LEND_USAGE);
      return { syscall: 'proc.lend', args: { from: refOf([refs[0]!]), to: refOf([refs[1]!]), percent } };
    },
  },
  ...(['grant', 'revoke'] as const).map((w): CommandRule => ({
    // grant p2 fs.write:/data/**  |  grant fs.write:/data/** to p2  (revoke ... from p2)
    words: [w], usage: `${w} PROC PERMISSION`, syscall: w === 'grant' ? 'sys.grant' : 'sys.revoke',
    rule: (rest) => {
      const usage = `${w} PROC PERMISSION`;
      const at = indexOfWord(rest, ['to', 'from']);
      const [perm, who] = at === 1 ? [rest[0], rest.slice(2)] : [rest[rest.length - 1], rest.slice(0, -1)];
      if (!perm || !who.length || rest.length < 2) throw new Miss(`${w} needs a process and a permission`, usage);
      return { syscall: w === 'grant' ? 'sys.grant' : 'sys.revoke', args: { pid: refOf(who, 'a process', usage), permission: perm.value } };
    },
  })),
];
