// Shared helpers for the VectorFS benchmarks (bench/vfs-*.mjs): temp homes, the glove
// embedder (cache in NLSH_CACHE_DIR or a temp dir, never touching the real home unless told),
// machine description, medians. Imports the compiled code from ../dist.
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../dist/base/sqlite.js';
import { openVectorFS } from '../dist/vfs/vectorfs.js';
import { createGloveEmbedder } from '../dist/embed/glove.js';

export async function glove() {
  return createGloveEmbedder({ cacheDir: process.env.NLSH_CACHE_DIR ?? join(tmpdir(), 'nlsh-test-cache') });
}

export async function openHome(embedder, allowedRoots, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nlsh-bench-vfs-'));
  const db = openDatabase({ file: join(dir, 'nlsh.db') });
  const vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots, indexDir: dir, ...extra });
  return {
    dir, db, vfs,
    async reopen(x = {}) {
      vfs.close();
      db.close();
      const db2 = openDatabase({ file: join(dir, 'nlsh.db') });
      return { db: db2, vfs: await openVectorFS({ db: db2, embedder, clock: { now: () => Date.now() }, allowedRoots, indexDir: dir, ...extra, ...x }) };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function machine() {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return `${cpus().length} cores (${model}), node ${process.version}`;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function rssMb() {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}
