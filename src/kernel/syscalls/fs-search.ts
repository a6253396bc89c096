// fs.* syscalls that search (kernel layer): grep (regular expressions), grepMeaning, find,
// search (by meaning) and embed (store a fact to be found later). Where to look is a `place`
// reference: a path, or a description that names a directory. Registered by kernel.ts.
import * as z from 'zod';
import { NlshError } from '../../base/errors.js';
import { lazyArgsSchema } from '../schema.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import { FACTS_DIR, factName, grepResult, limit, lines, listEntry, pathField, query, read, write, type FsResults } from './fs.js';

export const fsSearchSyscalls = [
  defineSyscall({
    name: 'fs.grep',
    summary: 'search file contents for a regular expression (-i, -n limit, -C context, -l files only)',
    usage: 'grep [-i] "regex" [PATH]',
    examples: ['grep -i "todo" /context'],
    args: lazyArgsSchema(() => ({
      pattern: z.string().min(1).max(1000).describe('a regular expression'), path: pathField('where to search').optional(),
      ignoreCase: z.boolean().optional(), limit: limit().optional(), context: lines().optional(), filesOnly: z.boolean().optional(),
    })),
    refs: { path: { kind: 'place', default: '.' } },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: (a, ctx): FsResults['fs.grep'] => {
      const hits = ctx.k.vfs.grep(a.pattern, ctx.refs.path('path').path, { ignoreCase: a.ignoreCase ?? false, ...(a.limit ? { limit: a.limit } : {}), ...(a.context ? { context: a.context } : {}) });
      return grepResult(hits, a.filesOnly);
    },
  }),
  defineSyscall({
    name: 'fs.grepMeaning',
    summary: 'search file contents by meaning: path:line, score, text (-n top k, --threshold, -A/-B context, -l)',
    usage: 'grep meaning "text" [in PATH]',
    examples: ['grep meaning "how processes are scheduled"'],
    args: lazyArgsSchema(() => ({
      query: query(), path: pathField('where to search').optional(), limit: limit().optional(), threshold: z.number().min(-1).max(1).optional(),
      before: lines().optional(), after: lines().optional(), filesOnly: z.boolean().optional(), scores: z.boolean().optional(),
    })),
    refs: { path: { kind: 'place', default: '.' } },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.grepMeaning']> => {
      const hits = await ctx.k.vfs.grepMeaning(a.query, ctx.refs.path('path').path, {
        ...(a.limit ? { limit: a.limit } : {}), ...(a.threshold !== undefined ? { threshold: a.threshold } : {}),
        ...(a.before ? { before: a.before } : {}), ...(a.after ? { after: a.after } : {}),
      });
      return grepResult(hits, a.filesOnly);
    },
  }),
  defineSyscall({
    name: 'fs.find',
    summary: 'find files and directories by meaning (find similar-to "...")',
    usage: 'find [PATH] similar-to "text" [-n N]',
    examples: ['find similar-to "error handling"'],
    args: lazyArgsSchema(() => ({ query: query(), path: pathField('where to look').optional(), limit: limit().optional(), kind: z.enum(['dir', 'file']).optional() })),
    refs: { path: { kind: 'place', default: '/' } },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.find']> => {
      const entries = await ctx.k.vfs.find(a.query, ctx.refs.path('path').path, { ...(a.limit ? { limit: a.limit } : {}), ...(a.kind ? { kind: a.kind } : {}) });
      return { entries: entries.map((e) => listEntry(e, false)) };
    },
  }),
  defineSyscall({
    name: 'fs.embed',
    summary: `store a piece of knowledge as a vector (a fact under ${FACTS_DIR}, or at 'as')`,
    usage: 'embed "text" [as PATH]',
    examples: ['embed "the staging server is called kestrel"'],
    args: lazyArgsSchema(() => ({ text: z.string().min(1).max(1 << 20).describe('the knowledge, in words'), as: pathField('where to store it').optional() })),
    refs: { as: 'newPath' },
    permission: (a, ctx) => write(factPath(a, ctx)),
    handler: async (a, ctx): Promise<FsResults['fs.embed']> => {
      if (!a.text.trim()) throw new NlshError('fs.emptyQuery', 'nothing to embed', { hint: 'give the text to remember' });
      const path = factPath(a, ctx);
      if (!ctx.k.vfs.stat(FACTS_DIR) && path.startsWith(FACTS_DIR + '/')) await ctx.k.vfs.mkdir(FACTS_DIR, { parents: true });
      await ctx.k.vfs.write(path, a.text);
      return { path };
    },
  }),
  defineSyscall({
    name: 'fs.search',
    summary: 'search everything by meaning (best passage per file)',
    usage: 'search "text" [-n N]',
    examples: ['search "neural networks"'],
    args: lazyArgsSchema(() => ({ query: query(), limit: limit().optional() })),
    permission: () => read('/'),
    handler: async (a, ctx): Promise<FsResults['fs.search']> => {
      return { hits: await ctx.k.vfs.search(a.query, '/', { limit: a.limit ?? 10 }) };
    },
  }),
] as const;

/** Where fs.embed stores its text: `as` (a directory gets a fact name inside it), else a fact under FACTS_DIR. */
function factPath(a: { text: string; as?: string | undefined }, ctx: SyscallContext<{ as?: string }>): string {
  if (!ctx.refs.has('as')) return `${FACTS_DIR}/${factName(a.text)}`;
  const r = ctx.refs.path('as');
  const st = ctx.k.vfs.stat(r.path);
  return st?.kind === 'dir' ? `${r.path === '/' ? '' : r.path}/${factName(a.text)}` : r.path;
}
