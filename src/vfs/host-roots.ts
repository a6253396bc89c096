// Host path guard (vfs layer): mount and export may only touch host paths under the allowed
// roots (config; default the current directory). Symlinks are resolved before the check, so
// a link inside a root that points outside is refused. Called by host-import/host-export.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { NlshError } from '../base/errors.js';

/** The real (symlink-free) form of a host path; a missing tail is resolved against its nearest existing ancestor. */
export function realHostPath(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return join(realHostPath(parent), basename(abs));
}

/** True when real path p is root itself or lies below it. */
export function isUnder(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Returns the real host path when it lies under an allowed root; fails fs.outsideRoots otherwise. */
export function checkHostPath(p: string, allowedRoots: readonly string[]): string {
  if (!p.trim()) throw new NlshError('fs.badPath', 'empty host path', { hint: 'give a directory, e.g. mount ./docs' });
  const real = realHostPath(p);
  const roots = allowedRoots.map((r) => realHostPath(r));
  if (!roots.some((r) => isUnder(real, r))) {
    throw new NlshError('fs.outsideRoots', `host path ${real} is outside the allowed roots (${roots.join(', ') || 'none'})`, {
      hint: "add its directory with 'config set allowedRoots ...' or start nlsh from that directory",
      details: { path: real, allowedRoots: roots },
    });
  }
  return real;
}
