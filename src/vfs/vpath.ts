// VectorFS path algebra (vfs layer): normalising, joining and splitting absolute VectorFS
// paths. Pure functions; used by every vfs module and by the fs syscalls. `..` never climbs
// above "/" (as in POSIX), so no VectorFS path can name anything outside the tree.
import { NlshError } from '../base/errors.js';

/** Longest accepted path, in characters. */
export const MAX_PATH = 4096;
/** Longest accepted single name, in characters. */
export const MAX_NAME = 255;

/** Returns the absolute, normalised form of ref relative to cwd; fails fs.badPath on empty or over-long paths and on control characters (C0, DEL, C1: a name must not drive the terminal). */
export function normalizePath(cwd: string, ref: string): string {
  if (ref.length === 0) throw new NlshError('fs.badPath', 'empty path', { hint: 'give a path such as /knowledge or notes.md' });
  if (ref.length > MAX_PATH) {
    throw new NlshError('fs.badPath', `path is too long (${ref.length} characters, at most ${MAX_PATH})`, {
      hint: 'use a shorter path',
    });
  }
  if (CONTROL.test(ref)) {
    throw new NlshError('fs.badPath', 'path contains control characters', { hint: 'remove control characters (NUL, newline, tab, ESC...) from the path' });
  }
  const parts: string[] = [];
  const base = ref.startsWith('/') ? [] : cwd.split('/');
  for (const p of [...base, ...ref.split('/')]) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else {
      if (p.length > MAX_NAME) {
        throw new NlshError('fs.badPath', `name '${p.slice(0, 40)}...' is too long (at most ${MAX_NAME} characters)`, {
          hint: 'use a shorter name',
        });
      }
      parts.push(p);
    }
  }
  return '/' + parts.join('/');
}

/** Control characters no VectorFS name may hold: C0 (newline, ESC...), DEL and C1 (CSI). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Returns path when none of its names holds a control character; fails fs.badPath otherwise (for every new name: write, mkdir, mv, cp, mount). */
export function checkNewPath(path: string): string {
  if (CONTROL.test(path)) {
    throw new NlshError('fs.badPath', `name ${JSON.stringify(path)} contains control characters`, {
      hint: 'names may not hold newlines, tabs, ESC or other control characters',
    });
  }
  return path;
}

/** The parent of an absolute normalised path ("/" is its own parent). */
export function parentOf(path: string): string {
  if (path === '/') return '/';
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last component of an absolute path ("" for "/"). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a directory and a name. */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** True when path is dir itself or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(dir + '/');
}

/** Words of a path's names for embedding ("/knowledge/machine-learning" -> "knowledge machine learning"). */
export function pathWords(path: string): string {
  return path
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[/_\-.]+/g, ' ')
    .trim();
}
