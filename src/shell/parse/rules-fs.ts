// Helpers of the layer-1 rules (the rules live in commands/*.ts) for VectorFS (shell layer; caller: grammar.ts): pwd, cd, ls, tree, cat,
// write/echo (with > and >>), mkdir, rm, mv, cp, grep (literal and `grep meaning`), find,
// embed, search, mount (and its alias index), export. A path is a path or, where the
// syscall resolves paths by meaning, a (quoted) description.
import type { Token } from './lexer.js';
import { BadNumber, Miss, flagCount, indexOfWord, isWord, joined, noMore, takeFlags, type RuleResult } from './grammar-kit.js';

export function onePath(toks: readonly Token[], what: string, usage: string): string {
  if (toks.length === 0) throw new Miss(`needs ${what}`, usage);
  if (toks.length > 1 && toks.every((t) => t.kind === 'word' && /^[./~]/.test(t.value))) throw new Miss(`takes one ${what}`, usage);
  return joined(toks);
}

export const LS_USAGE = 'ls [-l] [PATH] [similar-to "text"] [-n 10]';
export const LIKE = ['similar-to', 'similar', 'like', '--similar-to'];
export const looksLikePath = (t: Token): boolean => t.kind === 'string' || /^(?:[./~]|[\w.-]+\/)/.test(t.value) || /\.\w{1,5}$/.test(t.value);

export function similarity(toks: Token[], usage: string): { rest: Token[]; similarTo?: string } {
  const at = indexOfWord(toks, LIKE);
  if (at < 0) return { rest: toks };
  let q = toks.slice(at + 1);
  if (isWord(toks[at], 'similar')) {
    if (!isWord(q[0], 'to')) return { rest: toks };
    q = q.slice(1);
  }
  if (q.length === 0) throw new Miss(`${toks[at]!.value} needs some text`, usage);
  return { rest: toks.slice(0, at), similarTo: joined(q) };
}

export function grep(rest: Token[]): RuleResult {
  const usage = 'grep [-i] [-l] [-n N] [-C N] "regex" [PATH] | grep meaning "text" [in PATH] [-n N]';
  const meaning = isWord(rest[0], ['meaning', '--meaning', '-m', 'semantic', '--semantic']);
  const spec = {
    '-i': { key: 'ignoreCase', value: false }, '--ignore-case': { key: 'ignoreCase', value: false },
    '-l': { key: 'filesOnly', value: false }, '--files-with-matches': { key: 'filesOnly', value: false },
    '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true }, '-m': { key: 'limit', value: true },
    '-C': { key: 'context', value: true }, '--context': { key: 'context', value: true },
    '-A': { key: 'after', value: true }, '-B': { key: 'before', value: true },
    '--threshold': { key: 'threshold', value: true }, '--scores': { key: 'scores', value: false },
  } as const;
  const body = !meaning && isWord(rest[0], 'for') && rest.length > 1 ? rest.slice(1) : rest;
  const { flags, rest: r0 } = takeFlags(meaning ? rest.slice(1) : body, spec, usage);
  let r = r0;
  let path: string | undefined;
  const inAt = indexOfWord(r, ['in', 'under', 'within']);
  if (inAt > 0) {
    path = onePath(r.slice(inAt + 1), 'a path after "in"', usage);
    r = r.slice(0, inAt);
  }
  if (r.length === 0) throw new Miss(meaning ? 'grep meaning needs some text' : 'grep needs a pattern', usage);
  const limit = flagCount(flags.limit, '-n', usage);
  if (meaning) {
    const args: Record<string, unknown> = { query: joined(r) };
    if (path !== undefined) args.path = path;
    if (limit !== undefined) args.limit = limit;
    if (flags.threshold !== undefined) {
      const t = Number(flags.threshold);
      if (!Number.isFinite(t)) throw new BadNumber('--threshold needs a number', usage);
      args.threshold = t;
    }
    const ctx = flagCount(flags.context, '-C', usage);
    const before = flagCount(flags.before, '-B', usage) ?? ctx;
    const after = flagCount(flags.after, '-A', usage) ?? ctx;
    if (before !== undefined) args.before = before;
    if (after !== undefined) args.after = after;
    if (flags.filesOnly === true) args.filesOnly = true;
    if (flags.scores === true) args.scores = true;
    if (flags.ignoreCase === true) throw new Miss('-i does not apply to grep meaning', usage);
    return { syscall: 'fs.grepMeaning', args };
  }
  if (path === undefined && r.length === 2) { path = r[1]!.value; r = r.slice(0, 1); }
  if (r.length !== 1) throw new Miss('grep takes one pattern (quote it if it has spaces) and one path', usage);
  if (flags.after !== undefined || flags.before !== undefined || flags.threshold !== undefined || flags.scores === true) {
    throw new Miss('-A, -B, --threshold and --scores belong to grep meaning', usage);
  }
  const args: Record<string, unknown> = { pattern: r[0]!.value };
  if (path !== undefined) args.path = path;
  if (flags.ignoreCase === true) args.ignoreCase = true;
  if (flags.filesOnly === true) args.filesOnly = true;
  if (limit !== undefined) args.limit = limit;
  const ctx = flagCount(flags.context, '-C', usage);
  if (ctx !== undefined) args.context = ctx;
  return { syscall: 'fs.grep', args };
}

// echo writes a line, as in Unix: `echo "x" >> f` appends "x\n"; `write` writes the text as given.
export function writeRedirect(rest: Token[], usage: string, append: boolean, target: Token[], line = false): RuleResult {
  if (target.length !== 1) throw new Miss('a redirection needs exactly one file after > or >>', usage);
  return { syscall: 'fs.write', args: { path: target[0]!.value, content: line ? `${joined(rest)}\n` : joined(rest), ...(append ? { append: true } : {}) } };
}

export const MOUNT_USAGE = 'mount HOSTDIR [at /vfs/path]';


