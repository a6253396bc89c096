// fs.* syscalls that cross to the host (kernel layer): mount imports a host directory into
// VectorFS, export writes VectorFS files out. VectorFS checks the host path against the
// allowed roots (symlinks resolved first); RBAC gives these to no agent. Registered by kernel.ts.
import { basename, resolve } from 'node:path';
import { lazyArgsSchema } from '../schema.js';
import { defineSyscall } from '../syscall.js';
import { host, pathField, read, write, type FsResults } from './fs.js';

export const fsHostSyscalls = [
  defineSyscall({
    name: 'fs.mount',
    summary: 'import a host directory (text, markdown, code, man pages) at a VectorFS path; incremental, resumable',
    usage: 'mount HOSTDIR [at /PATH]',
    examples: ['mount ./docs at /knowledge/docs'],
    args: lazyArgsSchema(() => ({ host: host(), at: pathField('where in VectorFS (default /mnt/<name>)').optional() })),
    refs: { at: { kind: 'newPath', default: (a) => `/mnt/${basename(resolve(a.host)) || 'host'}` } },
    permission: (_a, ctx) => write(ctx.refs.path('at').path),
    handler: (a, ctx): Promise<FsResults['fs.mount']> => ctx.k.vfs.mount(a.host, ctx.refs.path('at').path, { signal: ctx.signal, progress: ctx.progress }),
  }),
  defineSyscall({
    name: 'fs.export',
    summary: 'write a VectorFS file or directory out to a host directory',
    usage: 'export /PATH HOSTDIR',
    examples: ['export /apps/web ./out'],
    args: lazyArgsSchema(() => ({ path: pathField('what to export'), host: host() })),
    refs: { path: 'path' },
    permission: (_a, ctx) => read(ctx.refs.path('path').path),
    handler: async (a, ctx): Promise<FsResults['fs.export']> => {
      const r = await ctx.k.vfs.export(ctx.refs.path('path').path, a.host, { signal: ctx.signal, progress: ctx.progress });
      return { files: r.files, bytes: r.bytes, host: (r as { host?: string }).host ?? a.host };
    },
  }),
] as const;
