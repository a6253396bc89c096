// fs.* syscalls (kernel layer), the file operations over VectorFS: pwd, cd, ls, tree, cat,
// write, mkdir, rm, mv, cp (search by meaning is fs-search.ts, host files fs-host.ts). Each
// declares its path references (a path relative to the session's cwd, or a quoted description
// resolved by meaning; dispatch resolves them into ctx.refs), names the permission it needs
// ('fs.read' / 'fs.write' on the resolved path), and hands off to ctx.k.vfs. Registered by
// kernel.ts; results are the shapes in FsResults (shared with the other fs files).
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Entry, GrepHit, MountReport, SemanticMatch } from '../../vfs/types.js';
import { lazyArgsSchema } from '../schema.js';
import { defineSyscall } from '../syscall.js';
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

export const pathField = (description: string) => z.string().min(1).max(4096).describe(description);
export const query = () => z.string().max(1 << 20).describe('what to look for, in words');
export const limit = () => z.int().min(1).max(10_000).describe('at most this many results');
export const lines = () => z.int().min(0).max(1000);
export const host = () => z.string().min(1).max(4096).describe('a directory on the host');

export const read = (path: string): PermissionRequest => ({ action: 'fs.read', resource: { kind: 'path', path } });
export const write = (path: string): PermissionRequest => ({ action: 'fs.write', resource: { kind: 'path', path } });

export function listEntry(e: Entry, long: boolean): ListEntry {
  const out: ListEntry = { name: e.name, path: e.path, kind: e.kind };
  if (e.size !== undefined) out.size = e.size;
  if (e.score !== undefined) out.score = e.score;
  if (long) {
    if (e.description) out.description = e.description;
    if (e.mtime !== undefined) out.mtime = e.mtime;
  }
  return out;
}

/** The hits of a grep as the syscalls return them: all of them, or with -l the first hit of each file and the files, in order. */
export function grepResult<H extends GrepHit>(hits: H[], filesOnly: boolean | undefined): { hits: H[]; files?: string[] } {
  if (!filesOnly) return { hits };
  const first = new Map<string, H>();
  for (const h of hits) if (!first.has(h.path)) first.set(h.path, h);
  return { hits: [...first.values()], files: [...first.keys()] };
}

/** A file name for a fact: its first words, then a short content hash so equal starts do not collide. */
export function factName(text: string): string {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 6).join('-').slice(0, 60) || 'fact';
  return `${words}-${createHash('sha1').update(text).digest('hex').slice(0, 8)}.md`;
}

export const fsSyscalls = [
  defineSyscall({
    name: 'fs.pwd',
    summary: 'print the working directory',
    usage: 'pwd',
    examples: ['pwd'],
    args: lazyArgsSchema(() => ({})),
    permission: (_a, ctx) => read(ctx.session.cwd),
    handler: (_a, ctx): FsResults['fs.pwd'] => ({ cwd: ctx.session.cwd }),
  }),
  defineSyscall({
    name: 'fs.cd',
    summary: 'change directory, by path or by a quoted description ("the directory about machine learning")',
    usage: 'cd [PATH | "description"]',
    examples: ['cd /knowledge', 'cd "the directory about machine learning"', 'go to the folder about the kernel'],
    args: lazyArgsSchema(() => ({ path: pathField('a path or a quoted description; none = /').optional() })),
    refs: { path: { kind: 'directory', default: '/' } },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: (_a, ctx): FsResults['fs.cd'] => {
      const r = ctx.refs.path('path');
      ctx.session.cwd = r.path;
      return { cwd: r.path, ...(r.score !== undefined ? { score: r.score } : {}), ...(r.candidates ? { candidates: r.candidates } : {}) };
    },
  }),
  defineSyscall({
    name: 'fs.ls',
    summary: 'list a directory, optionally ranked by similarity to a text (ls similar-to "...")',
    usage: 'ls [-l] [PATH] [similar-to "text"] [-n N]',
    examples: ['ls', 'ls /knowledge', 'ls similar-to "neural networks"'],
    args: lazyArgsSchema(() => ({ path: pathField('a path or a quoted description').optional(), similarTo: query().optional(), limit: limit().optional(), long: z.boolean().optional() })),
    refs: { path: { kind: 'place', default: '.' } },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.ls']> => {
      const { path } = ctx.refs.path('path');
      const entries = await ctx.k.vfs.ls(path, { ...(a.similarTo !== undefined ? { similarTo: a.similarTo } : {}), ...(a.limit ? { limit: a.limit } : {}) });
      return { cwd: ctx.session.cwd, path, entries: entries.map((e) => listEntry(e, a.long ?? false)) };
    },
  }),
  defineSyscall({
    name: 'fs.tree',
    summary: 'show the directory tree',
    usage: 'tree [PATH] [-L N]',
    examples: ['tree /knowledge'],
    args: lazyArgsSchema(() => ({ path: pathField('a path or a quoted description').optional(), depth: z.int().min(1).max(50).optional() })),
    refs: { path: { kind: 'place', default: '.' } },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.tree']> => {
      const { path } = ctx.refs.path('path');
      return { root: path, lines: await ctx.k.vfs.tree(path, a.depth ?? 3) };
    },
  }),
  defineSyscall({
    name: 'fs.cat',
    summary: 'print a file',
    usage: 'cat PATH',
    examples: ['cat /knowledge/facts/f1'],
    args: lazyArgsSchema(() => ({ path: pathField('a path or a quoted description') })),
    refs: { path: 'file' },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: (_a, ctx): FsResults['fs.cat'] => {
      const { path } = ctx.refs.path('path');
      return { path, content: ctx.k.vfs.cat(path) };
    },
  }),
  defineSyscall({
    name: 'fs.write',
    summary: 'write text to a file (echo "x" > path; >> appends)',
    usage: 'echo "text" > PATH  |  echo "text" >> PATH',
    examples: ['echo "remember the milk" > /context/todo'],
    args: lazyArgsSchema(() => ({ path: pathField('the file'), content: z.string().max(16 * 1024 * 1024).describe('the text to write'), append: z.boolean().optional() })),
    refs: { path: 'newPath' },
    permission: (_a, ctx) => write(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.write']> => {
      const { path } = ctx.refs.path('path');
      await ctx.k.vfs.write(path, a.content, { append: a.append ?? false });
      return { path, bytes: Buffer.byteLength(a.content, 'utf8') };
    },
  }),
  defineSyscall({
    name: 'fs.mkdir',
    summary: 'make a directory (-p: with its parents), optionally with a description',
    usage: 'mkdir [-p] PATH ["description"]',
    examples: ['mkdir -p /apps/web "a small web server"'],
    args: lazyArgsSchema(() => ({ path: pathField('the directory'), parents: z.boolean().optional(), description: z.string().max(2000).optional() })),
    refs: { path: 'newPath' },
    permission: (_a, ctx) => write(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.mkdir']> => {
      const { path } = ctx.refs.path('path');
      await ctx.k.vfs.mkdir(path, { parents: a.parents ?? false, ...(a.description ? { description: a.description } : {}) });
      return { path };
    },
  }),
  defineSyscall({
    name: 'fs.rm',
    summary: 'remove a file (-r: a directory and everything in it)',
    usage: 'rm [-r] PATH',
    examples: ['rm /context/todo', 'rm -r /apps/old'],
    args: lazyArgsSchema(() => ({ path: pathField('a path or a quoted description'), recursive: z.boolean().optional() })),
    refs: { path: 'path' },
    destructive: true,
    permission: (_a, ctx) => write(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.rm']> => ({ removed: await ctx.k.vfs.rm(ctx.refs.path('path').path, { recursive: a.recursive ?? false }) }),
  }),
  defineSyscall({
    name: 'fs.mv',
    summary: 'move or rename a file or directory',
    usage: 'mv FROM TO',
    examples: ['mv /context/todo /context/done'],
    args: lazyArgsSchema(() => ({ from: pathField('what to move'), to: pathField('where to') })),
    refs: { from: 'path', to: 'newPath' },
    destructive: true,
    permission: (_a, ctx) => [write(ctx.refs.path('from').path), write(ctx.refs.path('to').path)],
    handler: async (_a, ctx): Promise<FsResults['fs.mv']> => {
      const from = ctx.refs.path('from').path;
      const e = await ctx.k.vfs.mv(from, ctx.refs.path('to').path);
      return { from, to: e.path };
    },
  }),
  defineSyscall({
    name: 'fs.cp',
    summary: 'copy a file (-r: a directory)',
    usage: 'cp [-r] FROM TO',
    examples: ['cp -r /apps/web /apps/web2'],
    args: lazyArgsSchema(() => ({ from: pathField('what to copy'), to: pathField('where to'), recursive: z.boolean().optional() })),
    refs: { from: 'path', to: 'newPath' },
    permission: (_a, ctx) => [read(ctx.refs.path('from').path), write(ctx.refs.path('to').path)],
    handler: async (a, ctx): Promise<FsResults['fs.cp']> => {
      const from = ctx.refs.path('from').path;
      const e = await ctx.k.vfs.cp(from, ctx.refs.path('to').path, { recursive: a.recursive ?? false });
      return { from, to: e.path };
    },
  }),
] as const;
