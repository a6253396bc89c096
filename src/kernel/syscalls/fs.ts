// fs.* syscalls (kernel layer): the file-system calls over VectorFS. Each resolves its path
// references (a path relative to the session's cwd, or a quoted description resolved by
// meaning), names the permission it needs ('fs.read' / 'fs.write' on the resolved path), and
// hands off to ctx.k.vfs. Registered by kernel.ts; results are the shapes in FsResults.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { NlshError, isNlshError } from '../../base/errors.js';
import type { Entry, GrepHit, InodeKind, MountReport, SemanticMatch } from '../../vfs/types.js';
import { objectSchema, type FieldSchema } from '../schema.js';
import { defineSyscall, type SyscallContext, type SyscallDef } from '../syscall.js';
import type { SyscallArgs } from '../syscall-args.js';
import type { PermissionRequest } from '../types.js';

type ListEntry = Pick<Entry, 'name' | 'path' | 'kind' | 'size' | 'score' | 'description' | 'mtime'>;

/** What each fs.* syscall returns. */
export interface FsResults {
  'fs.pwd': { cwd: string };
  'fs.cd': { cwd: string; score?: number; candidates?: SemanticMatch[] };
  'fs.ls': { cwd: string; path: string; entries: ListEntry[] };
  'fs.tree': { root: string; lines: string[] };
  'fs.cat': { path: string; content: string };
  'fs.write': { path: string; bytes: number };
  'fs.mkdir': { path: string };
  'fs.rm': { removed: number };
  'fs.mv': { from: string; to: string };
  'fs.cp': { from: string; to: string };
  'fs.grep': { hits: GrepHit[]; files?: string[] };
  'fs.grepMeaning': { hits: GrepHit[]; files?: string[] };
  'fs.find': { entries: ListEntry[] };
  'fs.embed': { path: string };
  'fs.search': { hits: GrepHit[] };
  'fs.mount': MountReport;
  'fs.export': { files: number; bytes: number; host: string };
}

/** Where fs.embed stores facts. */
export const FACTS_DIR = '/knowledge/facts';

const pathField = (description: string): FieldSchema => ({ type: 'string', minLength: 1, maxLength: 4096, description });
const query: FieldSchema = { type: 'string', description: 'what to look for, in words' };
const limit: FieldSchema = { type: 'integer', minimum: 1, maximum: 10_000, description: 'at most this many results' };
const lines: FieldSchema = { type: 'integer', minimum: 0, maximum: 1000 };

interface Resolved {
  path: string;
  score?: number;
  candidates?: SemanticMatch[];
}

// permission() and handler() of one call see the same args object: resolve each reference once.
const memo = new WeakMap<object, Map<string, Resolved>>();

async function resolveRef(
  args: object,
  key: string,
  ref: string,
  ctx: SyscallContext,
  opts: { kind?: InodeKind; mustExist?: boolean; pickBest?: boolean; semanticKind?: InodeKind } = {},
): Promise<Resolved> {
  let m = memo.get(args);
  if (!m) memo.set(args, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  let r: Resolved;
  try {
    r = await ctx.k.vfs.resolve(ctx.session.cwd, ref, { kind: opts.kind, mustExist: opts.mustExist, semanticKind: opts.semanticKind });
  } catch (err) {
    // cd "x" with two close candidates goes to the best and reports both, so the shell can ask.
    const cands = isNlshError(err, 'fs.ambiguous') ? (err.details?.candidates as SemanticMatch[] | undefined) : undefined;
    if (!opts.pickBest || !cands?.length) throw err;
    r = { path: cands[0]!.path, score: cands[0]!.score, candidates: cands };
  }
  m.set(key, r);
  return r;
}

/** Descriptions given to ls, tree, grep, find name directories. */
const DIRISH = { semanticKind: 'dir' } as const;

const read = (path: string): PermissionRequest => ({ action: 'fs.read', resource: { kind: 'path', path } });
const write = (path: string): PermissionRequest => ({ action: 'fs.write', resource: { kind: 'path', path } });

function listEntry(e: Entry, long: boolean): ListEntry {
  const out: ListEntry = { name: e.name, path: e.path, kind: e.kind };
  if (e.size !== undefined) out.size = e.size;
  if (e.score !== undefined) out.score = e.score;
  if (long) {
    if (e.description) out.description = e.description;
    if (e.mtime !== undefined) out.mtime = e.mtime;
  }
  return out;
}

function filesOf(hits: GrepHit[]): string[] {
  return [...new Set(hits.map((h) => h.path))];
}

/** A file name for a fact: its first words, then a short content hash so equal starts do not collide. */
export function factName(text: string): string {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 6).join('-').slice(0, 60) || 'fact';
  return `${words}-${createHash('sha1').update(text).digest('hex').slice(0, 8)}.md`;
}

export const fsSyscalls: SyscallDef[] = [
  defineSyscall<SyscallArgs['fs.pwd'], FsResults['fs.pwd']>({
    name: 'fs.pwd',
    summary: 'print the working directory',
    args: objectSchema({}),
    permission: (_a, ctx) => read(ctx.session.cwd),
    handler: (_a, ctx) => ({ cwd: ctx.session.cwd }),
  }),
  defineSyscall<SyscallArgs['fs.cd'], FsResults['fs.cd']>({
    name: 'fs.cd',
    summary: 'change directory, by path or by a quoted description ("the directory about machine learning")',
    args: objectSchema({ path: pathField('a path or a quoted description; none = /') }),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path ?? '/', ctx, { kind: 'dir', pickBest: true })).path),
    handler: async (a, ctx) => {
      const r = await resolveRef(a, 'path', a.path ?? '/', ctx, { kind: 'dir', pickBest: true });
      ctx.session.cwd = r.path;
      return { cwd: r.path, ...(r.score !== undefined ? { score: r.score } : {}), ...(r.candidates ? { candidates: r.candidates } : {}) };
    },
  }),
  defineSyscall<SyscallArgs['fs.ls'], FsResults['fs.ls']>({
    name: 'fs.ls',
    summary: 'list a directory, optionally ranked by similarity to a text (ls similar-to "...")',
    args: objectSchema({ path: pathField('a path or a quoted description'), similarTo: query, limit, long: { type: 'boolean' } }),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH);
      const entries = await ctx.k.vfs.ls(path, { ...(a.similarTo !== undefined ? { similarTo: a.similarTo } : {}), ...(a.limit ? { limit: a.limit } : {}) });
      return { cwd: ctx.session.cwd, path, entries: entries.map((e) => listEntry(e, a.long ?? false)) };
    },
  }),
  defineSyscall<SyscallArgs['fs.tree'], FsResults['fs.tree']>({
    name: 'fs.tree',
    summary: 'show the directory tree',
    args: objectSchema({ path: pathField('a path or a quoted description'), depth: { type: 'integer', minimum: 1, maximum: 50 } }),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH);
      return { root: path, lines: await ctx.k.vfs.tree(path, a.depth ?? 3) };
    },
  }),
  defineSyscall<SyscallArgs['fs.cat'], FsResults['fs.cat']>({
    name: 'fs.cat',
    summary: 'print a file',
    args: objectSchema({ path: pathField('a path or a quoted description') }, ['path']),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path, ctx, { kind: 'file' })).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path, ctx, { kind: 'file' });
      return { path, content: ctx.k.vfs.cat(path) };
    },
  }),
  defineSyscall<SyscallArgs['fs.write'], FsResults['fs.write']>({
    name: 'fs.write',
    summary: 'write text to a file (echo "x" > path; >> appends)',
    args: objectSchema(
      { path: pathField('the file'), content: { type: 'string', maxLength: 16 * 1024 * 1024 }, append: { type: 'boolean' } },
      ['path', 'content'],
    ),
    permission: async (a, ctx) => write((await resolveRef(a, 'path', a.path, ctx, { mustExist: false })).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path, ctx, { mustExist: false });
      await ctx.k.vfs.write(path, a.content, { append: a.append ?? false });
      return { path, bytes: Buffer.byteLength(a.content, 'utf8') };
    },
  }),
  defineSyscall<SyscallArgs['fs.mkdir'], FsResults['fs.mkdir']>({
    name: 'fs.mkdir',
    summary: 'make a directory (-p: with its parents), optionally with a description',
    args: objectSchema({ path: pathField('the directory'), parents: { type: 'boolean' }, description: { type: 'string', maxLength: 2000 } }, ['path']),
    permission: async (a, ctx) => write((await resolveRef(a, 'path', a.path, ctx, { mustExist: false })).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path, ctx, { mustExist: false });
      await ctx.k.vfs.mkdir(path, { parents: a.parents ?? false, ...(a.description ? { description: a.description } : {}) });
      return { path };
    },
  }),
  defineSyscall<SyscallArgs['fs.rm'], FsResults['fs.rm']>({
    name: 'fs.rm',
    summary: 'remove a file (-r: a directory and everything in it)',
    args: objectSchema({ path: pathField('a path or a quoted description'), recursive: { type: 'boolean' } }, ['path']),
    destructive: true,
    permission: async (a, ctx) => write((await resolveRef(a, 'path', a.path, ctx)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path, ctx);
      return { removed: await ctx.k.vfs.rm(path, { recursive: a.recursive ?? false }) };
    },
  }),
  defineSyscall<SyscallArgs['fs.mv'], FsResults['fs.mv']>({
    name: 'fs.mv',
    summary: 'move or rename a file or directory',
    args: objectSchema({ from: pathField('what to move'), to: pathField('where to') }, ['from', 'to']),
    destructive: true,
    permission: async (a, ctx) => write((await resolveRef(a, 'from', a.from, ctx)).path),
    handler: async (a, ctx) => {
      const from = (await resolveRef(a, 'from', a.from, ctx)).path;
      const to = (await resolveRef(a, 'to', a.to, ctx, { mustExist: false })).path;
      ctx.k.security.check(ctx.session.creds, write(to));
      const e = await ctx.k.vfs.mv(from, to);
      return { from, to: e.path };
    },
  }),
  defineSyscall<SyscallArgs['fs.cp'], FsResults['fs.cp']>({
    name: 'fs.cp',
    summary: 'copy a file (-r: a directory)',
    args: objectSchema({ from: pathField('what to copy'), to: pathField('where to'), recursive: { type: 'boolean' } }, ['from', 'to']),
    permission: async (a, ctx) => read((await resolveRef(a, 'from', a.from, ctx)).path),
    handler: async (a, ctx) => {
      const from = (await resolveRef(a, 'from', a.from, ctx)).path;
      const to = (await resolveRef(a, 'to', a.to, ctx, { mustExist: false })).path;
      ctx.k.security.check(ctx.session.creds, write(to));
      const e = await ctx.k.vfs.cp(from, to, { recursive: a.recursive ?? false });
      return { from, to: e.path };
    },
  }),
  defineSyscall<SyscallArgs['fs.grep'], FsResults['fs.grep']>({
    name: 'fs.grep',
    summary: 'search file contents for a regular expression (-i, -n limit, -C context, -l files only)',
    args: objectSchema(
      { pattern: { type: 'string', minLength: 1, maxLength: 1000 }, path: pathField('where to search'), ignoreCase: { type: 'boolean' }, limit, context: lines, filesOnly: { type: 'boolean' } },
      ['pattern'],
    ),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH);
      const hits = ctx.k.vfs.grep(a.pattern, path, { ignoreCase: a.ignoreCase ?? false, ...(a.limit ? { limit: a.limit } : {}), ...(a.context ? { context: a.context } : {}) });
      if (!a.filesOnly) return { hits };
      const files = filesOf(hits);
      return { hits: files.map((f) => hits.find((h) => h.path === f)!), files };
    },
  }),
  defineSyscall<SyscallArgs['fs.grepMeaning'], FsResults['fs.grepMeaning']>({
    name: 'fs.grepMeaning',
    summary: 'search file contents by meaning: path:line, score, text (-n top k, --threshold, -A/-B context, -l)',
    args: objectSchema(
      { query, path: pathField('where to search'), limit, threshold: { type: 'number', minimum: -1, maximum: 1 }, before: lines, after: lines, filesOnly: { type: 'boolean' }, scores: { type: 'boolean' } },
      ['query'],
    ),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path ?? '.', ctx, DIRISH);
      const hits = await ctx.k.vfs.grepMeaning(a.query, path, {
        ...(a.limit ? { limit: a.limit } : {}), ...(a.threshold !== undefined ? { threshold: a.threshold } : {}),
        ...(a.before ? { before: a.before } : {}), ...(a.after ? { after: a.after } : {}),
      });
      if (!a.filesOnly) return { hits };
      const files = filesOf(hits);
      return { hits: files.map((f) => hits.find((h) => h.path === f)!), files };
    },
  }),
  defineSyscall<SyscallArgs['fs.find'], FsResults['fs.find']>({
    name: 'fs.find',
    summary: 'find files and directories by meaning (find similar-to "...")',
    args: objectSchema({ query, path: pathField('where to look'), limit, kind: { type: 'string', enum: ['dir', 'file'] } }, ['query']),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path ?? '/', ctx, DIRISH)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path ?? '/', ctx, DIRISH);
      const entries = await ctx.k.vfs.find(a.query, path, { ...(a.limit ? { limit: a.limit } : {}), ...(a.kind ? { kind: a.kind } : {}) });
      return { entries: entries.map((e) => listEntry(e, false)) };
    },
  }),
  defineSyscall<SyscallArgs['fs.embed'], FsResults['fs.embed']>({
    name: 'fs.embed',
    summary: `store a piece of knowledge as a vector (a fact under ${FACTS_DIR}, or at 'as')`,
    args: objectSchema({ text: { type: 'string', minLength: 1, maxLength: 1 << 20 }, as: pathField('where to store it') }, ['text']),
    permission: async (a, ctx) => write(await factPath(a, ctx)),
    handler: async (a, ctx) => {
      if (!a.text.trim()) throw new NlshError('fs.emptyQuery', 'nothing to embed', { hint: 'give the text to remember' });
      const path = await factPath(a, ctx);
      if (!ctx.k.vfs.stat(FACTS_DIR) && path.startsWith(FACTS_DIR + '/')) await ctx.k.vfs.mkdir(FACTS_DIR, { parents: true });
      await ctx.k.vfs.write(path, a.text);
      return { path };
    },
  }),
  defineSyscall<SyscallArgs['fs.search'], FsResults['fs.search']>({
    name: 'fs.search',
    summary: 'search everything by meaning (best passage per file)',
    args: objectSchema({ query, limit }, ['query']),
    permission: () => read('/'),
    handler: async (a, ctx) => {
      return { hits: await ctx.k.vfs.search(a.query, '/', { limit: a.limit ?? 10 }) };
    },
  }),
  defineSyscall<SyscallArgs['fs.mount'], FsResults['fs.mount']>({
    name: 'fs.mount',
    summary: 'import a host directory (text, markdown, code, man pages) at a VectorFS path; incremental, resumable',
    args: objectSchema({ host: { type: 'string', minLength: 1, maxLength: 4096 }, at: pathField('where in VectorFS (default /mnt/<name>)') }, ['host']),
    permission: async (a, ctx) => write((await resolveRef(a, 'at', mountPoint(a), ctx, { mustExist: false })).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'at', mountPoint(a), ctx, { mustExist: false });
      return ctx.k.vfs.mount(a.host, path, { signal: ctx.signal, progress: ctx.progress });
    },
  }),
  defineSyscall<SyscallArgs['fs.export'], FsResults['fs.export']>({
    name: 'fs.export',
    summary: 'write a VectorFS file or directory out to a host directory',
    args: objectSchema({ path: pathField('what to export'), host: { type: 'string', minLength: 1, maxLength: 4096 } }, ['path', 'host']),
    permission: async (a, ctx) => read((await resolveRef(a, 'path', a.path, ctx)).path),
    handler: async (a, ctx) => {
      const { path } = await resolveRef(a, 'path', a.path, ctx);
      const r = await ctx.k.vfs.export(path, a.host, { signal: ctx.signal, progress: ctx.progress });
      return { files: r.files, bytes: r.bytes, host: (r as { host?: string }).host ?? a.host };
    },
  }),
];

function mountPoint(a: SyscallArgs['fs.mount']): string {
  if (a.at) return a.at;
  return `/mnt/${basename(resolve(a.host)) || 'host'}`;
}

async function factPath(a: SyscallArgs['fs.embed'], ctx: SyscallContext): Promise<string> {
  if (!a.as) return `${FACTS_DIR}/${factName(a.text)}`;
  const r = await resolveRef(a, 'as', a.as, ctx, { mustExist: false });
  const st = ctx.k.vfs.stat(r.path);
  return st?.kind === 'dir' ? `${r.path === '/' ? '' : r.path}/${factName(a.text)}` : r.path;
}
