// Host path guard (vfs layer): mount and export may only touch host paths under the allowed
// roots (config; default the current directory). Symlinks are resolved before the check —
// dangling ones too, by reading where they point — so a link inside a root that points
// outside is refused. Called by host-import/host-export.
import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { NlshError } from '../base/errors.js';

/** Links followed before a path counts as a loop (Linux's own limit). */
const MAX_LINKS = 40;

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/**
 * The real (symlink-free) form of a host path: a missing tail is resolved against its nearest
 * existing ancestor, and a dangling link is resolved to what it names (a write through it
 * would land there). Fails fs.symlinkLoop on a link cycle.
 */
export function realHostPath(p: string, links = 0): string {
  const abs = resolve(p);
  const l = lstatOrNull(abs);
  if (l) {
    try {
      return realpathSync(abs);
    } catch (err) {
      if (!l.isSymbolicLink()) throw err;
      if (links >= MAX_LINKS || (err as NodeJS.ErrnoException).code === 'ELOOP') {
        throw new NlshError('fs.symlinkLoop', `host path ${abs} is a symbolic link loop`, { hint: 'remove the link' });
      }
      return realHostPath(resolve(dirname(abs), readlinkSync(abs)), links + 1);
    }
  }
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return join(realHostPath(parent, links), basename(abs));
}

/** True when real path p is root itself or lies below it. */
export function isUnder(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The allowed roots in real form (a root that does not exist yet keeps its resolved path). */
export function realRoots(allowedRoots: readonly string[]): string[] {
  return allowedRoots.map((r) => {
    try {
      return realHostPath(r);
    } catch {
      return resolve(r);
    }
  });
}

/** Returns the real host path when it lies under an allowed root; fails fs.outsideRoots otherwise. */
export function checkHostPath(p: string, allowedRoots: readonly string[]): string {
  if (!p.trim()) throw new NlshError('fs.badPath', 'empty host path', { hint: 'give a directory, e.g. mount ./docs' });
  const real = realHostPath(p);
  const roots = realRoots(allowedRoots);
  if (!roots.some((r) => isUnder(real, r))) {
    throw new NlshError('fs.outsideRoots', `host path ${real} is outside the allowed roots (${roots.join(', ') || 'none'})`, {
      hint: "add its directory with 'config set allowedRoots <dir>[,<dir>...]' or start nlsh from that directory",
      details: { path: real, allowedRoots: roots },
    });
  }
  return real;
}
