// Host export (vfs layer): writes a VectorFS subtree (or one file) out to a host directory
// under the allowed roots. Targets are opened without following links: a directory on the way
// must be a real directory (not a link), a file is opened O_NOFOLLOW and refused when it is a
// link, not a regular file, or has other names (a hard link would write through to a file
// elsewhere), so nothing planted in the target directory can redirect a write. Called by
// vectorfs.ts.
import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NlshError } from '../base/errors.js';
import { checkHostPath } from './host-roots.js';
import type { VfsStore } from './store.js';
import type { ProgressFn } from './types.js';
import { baseName } from './vpath.js';

const refuse = (target: string, why: string): NlshError =>
  new NlshError('fs.unsafeTarget', `refusing to export to ${target}: ${why}`, {
    hint: 'remove it from the target directory or export somewhere else',
    details: { path: target },
  });

/** Makes dir (one level) unless it is already a real directory; fails fs.unsafeTarget on a link or a non-directory. */
function mkdirNoFollow(dir: string): void {
  try {
    mkdirSync(dir);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const l = lstatSync(dir);
  if (l.isSymbolicLink()) throw refuse(dir, 'it is a symbolic link');
  if (!l.isDirectory()) throw refuse(dir, 'it exists and is not a directory');
}

/** Writes content to target without following a link there; fails fs.unsafeTarget on a link, a hard link, a FIFO or a directory. */
function writeNoFollow(target: string, content: string): void {
  let fd: number;
  try {
    // O_NONBLOCK: opening a planted FIFO must not hang waiting for a reader.
    fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw refuse(target, 'it is a symbolic link');
    if (code === 'EISDIR') throw refuse(target, 'it is a directory');
    if (code === 'ENXIO') throw refuse(target, 'it is a FIFO');
    throw err;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw refuse(target, 'it is not a regular file');
    if (st.nlink > 1) throw refuse(target, `it is a hard link (${st.nlink} names)`);
    ftruncateSync(fd, 0);
    const buf = Buffer.from(content, 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

/** Writes path's files below hostDir; returns counts; fails fs.notFound, fs.outsideRoots, fs.unsafeTarget, or sys.interrupted (files written so far stay). */
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
    const parts = r.path.slice(prefix.length).split('/');
    const target = join(host, ...parts);
    checkHostPath(target, allowedRoots);
    // Every directory on the way is made (or found) without following a link.
    const dirs = r.kind === 'dir' ? parts : parts.slice(0, -1);
    for (let i = 1; i <= dirs.length; i++) mkdirNoFollow(join(host, ...dirs.slice(0, i)));
    if (r.kind === 'dir') continue;
    const content = store.content(r.path) ?? '';
    writeNoFollow(target, content);
    bytes += Buffer.byteLength(content, 'utf8');
    done++;
    opts.progress?.(done, files.length, parts.join('/'));
  }
  return { files: done, bytes, host };
}
