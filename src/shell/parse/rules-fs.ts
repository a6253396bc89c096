// Layer-1 rules for VectorFS (shell layer; caller: grammar.ts): pwd, cd, ls, tree, cat,
// write/echo (with > and >>), mkdir, rm, mv, cp, grep (literal and `grep meaning`), find,
// embed, search, mount (and its alias index), export. A path is a path or, where the
// syscall resolves paths by meaning, a (quoted) description.
import type { Token } from './lexer.js';
import { BadNumber, Miss, flagCount, indexOfWord, isWord, joined, noMore, takeFlags, type RuleResult } from './grammar-kit.js';
import type { CommandRule } from './grammar-kit.js';

function onePath(toks: readonly Token[], what: string, usage: string): string {
  if (toks.length === 0) throw new Miss(`needs ${what}`, usage);
  if (toks.length > 1 && toks.every((t) => t.kind === 'word' && /^[./~]/.test(t.value))) throw new Miss(`takes one ${what}`, usage);
  return joined(toks);
}

const LS_USAGE = 'ls [-l] [PATH] [similar-to "text"] [-n 10]';
const LIKE = ['similar-to', 'similar', 'like', '--similar-to'];
const looksLikePath = (t: Token): boolean => t.kind === 'string' || /^(?:[./~]|[\w.-]+\/)/.test(t.value) || /\.\w{1,5}$/.test(t.value);

function similarity(toks: Token[], usage: string): { rest: Token[]; similarTo?: string } {
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

function grep(rest: Token[]): RuleResult {
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
function writeRedirect(rest: Token[], usage: string, append: boolean, target: Token[], line = false): RuleResult {
  if (target.length !== 1) throw new Miss('a redirection needs exactly one file after > or >>', usage);
  return { syscall: 'fs.write', args: { path: target[0]!.value, content: line ? `${joined(rest)}\n` : joined(rest), ...(append ? { append: true } : {}) } };
}

const MOUNT_USAGE = 'mount HOSTDIR [at /vfs/path]';

export const fsRules: CommandRule[] = [
  { words: ['pwd'], usage: 'pwd', syscall: 'fs.pwd', rule: (rest) => { noMore(rest, 'pwd'); return { syscall: 'fs.pwd', args: {} }; } },
  {
    words: ['cd', 'chdir', 'goto'], usage: 'cd [PATH | "description"]', syscall: 'fs.cd',
    rule: (rest) => {
      const r = isWord(rest[0], ['to', 'into']) && rest.length > 1 ? rest.slice(1) : rest;
      return { syscall: 'fs.cd', args: r.length ? { path: joined(r) } : {} };
    },
  },
  {
    words: ['ls', 'dir', 'll'], usage: LS_USAGE, syscall: 'fs.ls',
    rule: (rest, head) => {
      const { flags, rest: r0 } = takeFlags(rest, {
        '-l': { key: 'long', value: false }, '-la': { key: 'long', value: false }, '-al': { key: 'long', value: false },
        '-a': { key: 'all', value: false }, '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true },
      }, LS_USAGE);
      const { rest: r, similarTo } = similarity(r0, LS_USAGE);
      if (r.length > 1) throw new Miss('ls takes one path (quote a description)', LS_USAGE);
      const limit = flagCount(flags.limit, '-n', LS_USAGE);
      const long = flags.long === true || isWord(head, 'll');
      return {
        syscall: 'fs.ls',
        args: { ...(r.length ? { path: r[0]!.value } : {}), ...(similarTo ? { similarTo } : {}), ...(limit !== undefined ? { limit } : {}), ...(long ? { long: true } : {}) },
      };
    },
  },
  {
    words: ['tree'], usage: 'tree [PATH] [-L N]', syscall: 'fs.tree',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, { '-L': { key: 'depth', value: true }, '--depth': { key: 'depth', value: true }, '-d': { key: 'depth', value: true } }, 'tree [PATH] [-L N]');
      const depth = flagCount(flags.depth, '-L', 'tree [PATH] [-L N]');
      if (r.length > 1) throw new Miss('tree takes one path', 'tree [PATH] [-L N]');
      return { syscall: 'fs.tree', args: { ...(r.length ? { path: r[0]!.value } : {}), ...(depth !== undefined ? { depth } : {}) } };
    },
  },
  { words: ['cat', 'less'], usage: 'cat PATH', syscall: 'fs.cat', rule: (rest) => ({ syscall: 'fs.cat', args: { path: onePath(rest, 'a file', 'cat PATH') } }) },
  {
    words: ['write'], usage: 'write PATH "content" | write "content" > PATH', syscall: 'fs.write',
    rule: (rest) => {
      const op = rest.findIndex((t) => t.kind === 'op');
      if (op >= 0) return writeRedirect(rest.slice(0, op), 'write "content" > PATH', rest[op]!.value === '>>', rest.slice(op + 1));
      if (rest.length < 2) throw new Miss('write needs a path and the content', 'write PATH "content"');
      // write "content" to PATH
      if (rest.length === 3 && rest[0]!.kind === 'string' && isWord(rest[1], ['to', 'into', 'in'])) {
        return { syscall: 'fs.write', args: { path: rest[2]!.value, content: rest[0]!.value } };
      }
      if (!looksLikePath(rest[0]!)) throw new Miss(`"${rest[0]!.value}" does not look like a path`, 'write PATH "content"');
      return { syscall: 'fs.write', args: { path: rest[0]!.value, content: joined(rest.slice(1)) } };
    },
  },
  {
    words: ['echo', 'print', 'printf'], usage: 'echo "text" > PATH | echo "text" >> PATH', syscall: 'fs.write',
    rule: (rest) => {
      const op = rest.findIndex((t) => t.kind === 'op');
      if (op < 0) throw new Miss('echo writes to a file: add > PATH (or >> PATH to append)', 'echo "text" > PATH');
      return writeRedirect(rest.slice(0, op), 'echo "text" > PATH', rest[op]!.value === '>>', rest.slice(op + 1), true);
    },
  },
  {
    words: ['mkdir', 'md'], usage: 'mkdir [-p] PATH ["description"]', syscall: 'fs.mkdir',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, { '-p': { key: 'parents', value: false }, '--parents': { key: 'parents', value: false } }, 'mkdir [-p] PATH ["description"]');
      if (r.length === 0) throw new Miss('mkdir needs a path', 'mkdir [-p] PATH');
      const desc = r.slice(1).filter((t, i) => !(i === 0 && isWord(t, ['about', 'for', '--description'])));
      return { syscall: 'fs.mkdir', args: { path: r[0]!.value, ...(flags.parents === true ? { parents: true } : {}), ...(desc.length ? { description: joined(desc) } : {}) } };
    },
  },
  {
    words: ['rm', 'del', 'rmdir', 'unlink'], usage: 'rm [-r] PATH', syscall: 'fs.rm',
    rule: (rest, head) => {
      const rec = { key: 'recursive', value: false } as const;
      const { flags, rest: r } = takeFlags(rest, { '-r': rec, '-R': rec, '-rf': rec, '-fr': rec, '-Rf': rec, '--recursive': rec, '-f': { key: 'force', value: false } }, 'rm [-r] PATH');
      const recursive = flags.recursive === true || isWord(head, 'rmdir');
      return { syscall: 'fs.rm', args: { path: onePath(r, 'a path', 'rm [-r] PATH'), ...(recursive ? { recursive: true } : {}) } };
    },
  },
  {
    words: ['mv', 'move', 'rename'], usage: 'mv FROM TO', syscall: 'fs.mv',
    rule: (rest) => {
      const r = rest.filter((t, i) => !(i > 0 && isWord(t, ['to', 'into', 'as'])));
      if (r.length !== 2) throw new Miss('mv takes a source and a destination', 'mv FROM TO');
      return { syscall: 'fs.mv', args: { from: r[0]!.value, to: r[1]!.value } };
    },
  },
  {
    words: ['cp', 'copy'], usage: 'cp [-r] FROM TO', syscall: 'fs.cp',
    rule: (rest) => {
      const rec = { key: 'recursive', value: false } as const;
      const { flags, rest: r0 } = takeFlags(rest, { '-r': rec, '-R': rec, '-a': rec, '--recursive': rec }, 'cp [-r] FROM TO');
      const r = r0.filter((t, i) => !(i > 0 && isWord(t, ['to', 'into'])));
      if (r.length !== 2) throw new Miss('cp takes a source and a destination', 'cp [-r] FROM TO');
      return { syscall: 'fs.cp', args: { from: r[0]!.value, to: r[1]!.value, ...(flags.recursive === true ? { recursive: true } : {}) } };
    },
  },
  { words: ['grep', 'rg'], usage: 'grep "regex" [PATH] | grep meaning "text" [in PATH]', syscall: 'fs.grep', rule: grep },
  {
    words: ['find'], usage: 'find [PATH] similar-to "text" [-n N] [--type d|f] | find "text"', syscall: 'fs.find',
    rule: (rest) => {
      const usage = 'find [PATH] similar-to "text" [-n N] [--type d|f]';
      const { flags, rest: r0 } = takeFlags(rest, { '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true }, '--type': { key: 'type', value: true }, '-type': { key: 'type', value: true } }, usage);
      let kind: 'dir' | 'file' | undefined;
      if (flags.type !== undefined) {
        const t = String(flags.type).toLowerCase();
        kind = t === 'd' || t.startsWith('dir') ? 'dir' : t === 'f' || t.startsWith('file') ? 'file' : undefined;
        if (!kind) throw new Miss('--type is d (directories) or f (files)', usage);
      }
      const limit = flagCount(flags.limit, '-n', usage);
      const { rest: r, similarTo } = similarity(r0, usage);
      let query = similarTo;
      let path: string | undefined;
      if (query === undefined) {
        // find "text" [in PATH]: the query must be quoted, or English like "find similar concepts" goes to layer 2
        const inAt = indexOfWord(r, ['in', 'under']);
        const q = inAt >= 0 ? r.slice(0, inAt) : r;
        if (q.length !== 1 || q[0]!.kind !== 'string') throw new Miss('find needs similar-to "text" (or a quoted text)', usage);
        query = q[0]!.value;
        if (inAt >= 0) path = onePath(r.slice(inAt + 1), 'a path', usage);
      } else {
        if (r.length > 1) throw new Miss('find takes one path', usage);
        if (r.length === 1 && !looksLikePath(r[0]!)) throw new Miss(`"${r[0]!.value}" is not a path`, usage);
        if (r.length === 1) path = r[0]!.value;
      }
      return { syscall: 'fs.find', args: { query, ...(path !== undefined ? { path } : {}), ...(limit !== undefined ? { limit } : {}), ...(kind ? { kind } : {}) } };
    },
  },
  {
    words: ['embed', 'remember', 'memorize'], usage: 'embed "text" [as PATH]', syscall: 'fs.embed',
    rule: (rest) => {
      const at = rest.length >= 3 ? rest.length - 2 : -1;
      const as = at > 0 && isWord(rest[at], 'as') && /^[./~\w]/.test(rest[at + 1]!.value) && rest[at + 1]!.value.includes('/') ? rest[at + 1]!.value : undefined;
      let text = as !== undefined ? rest.slice(0, at) : rest;
      if (isWord(text[0], 'that') && text.length > 1) text = text.slice(1);
      if (text.length === 0) throw new Miss('embed needs the text to store', 'embed "text" [as PATH]');
      return { syscall: 'fs.embed', args: { text: joined(text), ...(as !== undefined ? { as } : {}) } };
    },
  },
  {
    words: ['search', 'lookup'], usage: 'search "text" [-n N]', syscall: 'fs.search',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, { '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true } }, 'search "text" [-n N]');
      const q = isWord(r[0], 'for') ? r.slice(1) : r;
      if (q.length === 0) throw new Miss('search needs some text', 'search "text" [-n N]');
      const limit = flagCount(flags.limit, '-n', 'search "text" [-n N]');
      // unquoted English ("search the code for ...") may mean grep or find: layer 2 decides
      if (q.length > 1 && q.some((t) => t.kind === 'word')) throw new Miss('quote the text to search for', 'search "text" [-n N]');
      const query = joined(q);
      return { syscall: 'fs.search', args: { query, ...(limit !== undefined ? { limit } : {}) } };
    },
  },
  {
    words: ['mount', 'import', 'index'], usage: MOUNT_USAGE, syscall: 'fs.mount',
    rule: (rest, head) => {
      const { flags, rest: r0 } = takeFlags(rest, { '--at': { key: 'at', value: true } }, MOUNT_USAGE);
      let r = r0;
      // "index all documents in ./docs": indexing a directory is importing (chunk + embed) it
      if (isWord(head, ['index', 'import'])) {
        const inAt = indexOfWord(r, ['in', 'under', 'from', 'of']);
        if (inAt >= 0 && r.slice(0, inAt).every((t) => isWord(t, ['all', 'the', 'my', 'documents', 'files', 'docs', 'everything', 'of']))) r = r.slice(inAt + 1);
      }
      let at = typeof flags.at === 'string' ? flags.at : undefined;
      const w = indexOfWord(r, ['at', 'on', 'as', 'to', 'into']);
      if (w >= 0) {
        if (w !== r.length - 2 || at !== undefined) throw new Miss('mount takes one place after "at"', MOUNT_USAGE);
        at = r[w + 1]!.value;
        r = r.slice(0, w);
      }
      if (r.length !== 1) throw new Miss('mount takes one host directory', MOUNT_USAGE);
      return { syscall: 'fs.mount', args: { host: r[0]!.value, ...(at !== undefined ? { at } : {}) } };
    },
  },
  {
    words: ['export'], usage: 'export /vfs/path HOSTDIR', syscall: 'fs.export',
    rule: (rest) => {
      const r = rest.filter((t, i) => !(i === 1 && isWord(t, ['to', 'into'])));
      if (r.length !== 2) throw new Miss('export takes a VectorFS path and a host directory', 'export /vfs/path HOSTDIR');
      return { syscall: 'fs.export', args: { path: r[0]!.value, host: r[1]!.value } };
    },
  },
];
