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

/**
 * Another build's VectorFS (a compiled dist/ directory, for same-run A/B benches): returns
 * open(dir, allowedRoots) on an existing home directory, with that build's glove embedder.
 */
export async function buildOpener(dist) {
  const { openDatabase: openDb } = await import(join(dist, 'base/sqlite.js'));
  const { openVectorFS: openVfs } = await import(join(dist, 'vfs/vectorfs.js'));
  const { createGloveEmbedder: gloveOf } = await import(join(dist, 'embed/glove.js'));
  const embedder = await gloveOf({ cacheDir: process.env.NLSH_CACHE_DIR ?? join(tmpdir(), 'nlsh-test-cache') });
  return async (dir, allowedRoots = []) => {
    const db = openDb({ file: join(dir, 'nlsh.db') });
    return { db, vfs: await openVfs({ db, embedder, clock: { now: () => Date.now() }, allowedRoots, indexDir: dir }) };
  };
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

/**
 * Known-item queries of a home of mounted man pages: each page's NAME-line description (mount
 * turns a page into text: "NAME\nls - list directory contents") of 3 words or more, with the
 * page's path, in path order; only pages below dir when given. A file's content is its (pre-v3)
 * content column or its segments; the first segment holds the first 64 KiB.
 */
export function nameLineQueries(db, dir = '/') {
  const pages = db.prepare(`SELECT path, substr(coalesce(i.content, (SELECT s.text FROM vfs_segments s WHERE s.inode = i.id ORDER BY s.id LIMIT 1), ''), 1, 4000) AS head
    FROM vfs_inodes i WHERE kind = 'file'${dir === '/' ? '' : ' AND path LIKE ?'} ORDER BY path`).all(...(dir === '/' ? [] : [`${dir}/%`]));
  const named = [];
  for (const p of pages) {
    const m = /^NAME\n[^\n]*?(?:\s|\n)-+\s+([^\n]+)/m.exec(p.head);
    if (m && m[1].trim().split(/\s+/).length >= 3) named.push({ q: m[1].trim(), target: p.path });
  }
  return named;
}
