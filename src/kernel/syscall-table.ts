// The syscall table (kernel layer): name -> SyscallDef. kernel.ts registers every area's
// definitions at boot; dispatch.ts looks them up; `help` and the intent compiler list them.
import { panic } from '../base/errors.js';
import type { SyscallDef } from './syscall.js';

export interface SyscallTable {
  /** Adds definitions; registering a name twice is a bug (panics). */
  register(...defs: SyscallDef[]): void;
  lookup(name: string): SyscallDef | undefined;
  /** Every definition, in registration order. */
  list(): SyscallDef[];
  /** Up to k registered names closest to a misspelt one (edit distance, then shared prefix). */
  nearest(name: string, k?: number): string[];
}

/** An empty table. */
export function createSyscallTable(): SyscallTable {
  const defs = new Map<string, SyscallDef>();
  return {
    register(...list) {
      for (const def of list) {
        if (defs.has(def.name)) panic(`syscall ${def.name} registered twice`);
        defs.set(def.name, def);
      }
    },
    lookup: (name) => defs.get(name),
    list: () => [...defs.values()],
    nearest(name, k = 3) {
      const q = name.toLowerCase();
      const bare = q.includes('.') ? q.slice(q.indexOf('.') + 1) : q;
      return [...defs.keys()]
        .map((n) => {
          const l = n.toLowerCase();
          const d = Math.min(editDistance(q, l), editDistance(bare, l.slice(l.indexOf('.') + 1)) + 1);
          return { n, d };
        })
        .filter(({ d, n }) => d <= Math.max(2, Math.floor(n.length / 3)))
        .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
        .slice(0, k)
        .map(({ n }) => n);
    },
  };
}

/** Levenshtein distance, capped at 64 characters of input. */
function editDistance(a: string, b: string): number {
  a = a.slice(0, 64);
  b = b.slice(0, 64);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
