// Host export (vfs layer): writes a VectorFS subtree (or one file) out to a host directory
// under the allowed roots. Every target is re-checked after symlink resolution, so a link
// planted in the target directory cannot redirect a write outside. Called by vectorfs.ts.
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NlshError } from '../base/errors.js';
import { checkHostPath } from './host-roots.js';
import type { VfsStore } from './store.js';
import type { ProgressFn } from './types.js';
import { baseName } from './vpath.js';

/** Writes path's files below hostDir; returns counts; fails fs.notFound, fs.outsideRoots, or sys.interrupted (files written so far stay). */
export function exportTree(
  store: VfsStore,
  allowedRoots: readonly string[],
  path: string,
  hostDir: string,
  opts: { signal?: AbortSignal; progress?: ProgressFn } = {},
): { files: number; bytes: number; host: string } {
  const root = store.get(path);
  if (!root) throw new NlshError('fs.notFound', `${path}: no such file or directory`, { hint: "see 'ls' for what exists" });
  const host = checkHostPath(hostDir, allowedRoots);
  try {
    if (lstatSync(host).isFile()) throw new NlshError('fs.notDir', `${host} is a file`, { hint: 'export into a directory' });
  } catch (err) {
    if (err instanceof NlshError) throw err;
  }
  mkdirSync(host, { recursive: true });
  const rows = root.kind === 'file' ? [root] : store.subtree(path);
  const prefix = root.kind === 'file' ? path.slice(0, path.length - baseName(path).length) : path === '/' ? '/' : path + '/';
  const files = rows.filter((r) => r.kind === 'file');
  let done = 0;
  let bytes = 0;
  for (const r of rows) {
    if (opts.signal?.aborted) {
      throw new NlshError('sys.interrupted', `export interrupted after ${done} of ${files.length} files`, {
        exitCode: 130,
        hint: 'files written so far are kept; run export again to finish',
        details: { files: done, bytes, host },
      });
    }
    if (r.path === path && r.kind === 'dir') continue;
    const rel = r.path.slice(prefix.length);
    const target = join(host, ...rel.split('/'));
    checkHostPath(target, allowedRoots);
    if (r.kind === 'dir') {
      mkdirSync(target, { recursive: true });
      continue;
    }
    const content = store.content(r.path) ?? '';
    writeFileSync(target, content);
    bytes += Buffer.byteLength(content, 'utf8');
    done++;
    opts.progress?.(done, files.length, rel);
  }
  return { files: done, bytes, host };
}
