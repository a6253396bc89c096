// Query latency A/B between two builds: mounts one corpus with a baseline build's compiled code
// (a copy of dist/ made before a change) and with this build's, into fresh homes, then runs the
// same queries (words of the corpus's file names) on both, alternating query by query; prints
// p50/p90 per build and mode, and the FTS5 index's row count (vfs_fts_idx: one per leaf page).
// Used to check that a write-side change (issue 13's bulk FTS5 index) does not slow search.
// Usage: node bench/vfs-query-ab.mjs BASELINE_DIST dist [dir]
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [baseDist, mineDist, dir = '/usr/share/man/man3'] = process.argv.slice(2);
const { createGloveEmbedder } = await import(pathToFileURL(join(mineDist, 'embed/glove.js')).href);
const embedder = await createGloveEmbedder({ cacheDir: process.env.NLSH_CACHE_DIR ?? join(tmpdir(), 'nlsh-test-cache') });
const homes = [];
for (const dist of [baseDist, mineDist]) {
  const { openDatabase } = await import(pathToFileURL(join(dist, 'base/sqlite.js')).href);
  const { openVectorFS } = await import(pathToFileURL(join(dist, 'vfs/vectorfs.js')).href);
  const home = mkdtempSync(join(tmpdir(), 'nlsh-qab-'));
  const db = openDatabase({ file: join(home, 'nlsh.db') });
  const vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [dir], indexDir: home });
  await vfs.mount(dir, '/c');
  void vfs.openReport;
  const segs = db.prepare('SELECT count(*) AS n FROM vfs_fts_idx').get().n;
  homes.push({ dist, home, db, vfs, t: { hybrid: [], lexical: [] }, segs });
}
// queries: words from file names (e.g. "pthread mutex lock"), deterministic
const names = readdirSync(dir).map((f) => f.replace(/\.\d.*$/, '').replace(/[_:.]+/g, ' ')).filter((q) => q.length > 3);
const qs = names.filter((_, i) => i % Math.max(1, Math.floor(names.length / 300)) === 0).slice(0, 300);
for (const q of qs.slice(0, 20)) for (const h of homes) await h.vfs.searchChunks(q, { limit: 10 });
for (let i = 0; i < qs.length; i++) {
  const order = i % 2 ? homes : [...homes].reverse();
  for (const h of order) for (const mode of ['hybrid', 'lexical']) {
    const t0 = performance.now();
    await h.vfs.searchChunks(qs[i], { limit: 10, mode });
    h.t[mode].push(performance.now() - t0);
  }
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2); };
for (const h of homes) {
  console.log(h.dist, 'fts idx rows', h.segs, Object.entries(h.t).map(([m, xs]) => `${m} p50 ${pct(xs, 0.5)} p90 ${pct(xs, 0.9)} ms`).join('; '));
  h.vfs.close(); h.db.close(); rmSync(h.home, { recursive: true, force: true });
}
