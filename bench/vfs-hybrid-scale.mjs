// grep meaning's hybrid query p50 as the store grows (issue 13: <= 5 ms at ~100k and ~300k
// chunks, <= 10 ms at 1M), on existing homes (bench/scaling.mjs builds them: man1 = ~97k chunks,
// man1+doc = ~307k). Queries: every 20th man page's NAME-line description (up to 400), as
// bench/vfs-query.mjs. Each query runs, alternating, through the default ranking (rank-chunks.ts:
// weighted fusion, stemmed forms, fixed OR bound) and the earlier one (alpha 0.5 of cosine and
// bm25, no stemming, ef 128) as the same-run baseline, and the default ranking at ef 128 (what the
// new default ef costs); embedding included, after a 20-query warm-up.
// --baseline DIST also runs the default ranking through another build's compiled code (a copy
// of dist/ made before a change) on the same home, in the same rotation (before/after in one run).
// Usage: node bench/vfs-hybrid-scale.mjs [--baseline DIST] HOME [HOME ...]   (copies of homes: opening writes the index file)
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../dist/base/sqlite.js';
import { openVectorFS } from '../dist/vfs/vectorfs.js';
import { glove, machine, nameLineQueries, percentile, rssMb } from './vfs-common.mjs';

const args = process.argv.slice(2);
const bi = args.indexOf('--baseline');
const baselineDist = bi >= 0 ? resolve(args.splice(bi, 2)[1]) : null;
const homes = args;
const baseline = baselineDist ? await import(pathToFileURL(join(baselineDist, 'vfs/vectorfs.js')).href) : null;
const embedder = await glove();
const BEFORE = { fusion: 'alpha', stemming: false, expansion: { count: 0, weight: 0 } };
const out = [];
for (const home of homes) {
  const db = openDatabase({ file: join(home, 'nlsh.db') });
  const vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [], indexDir: home });
  const qs = nameLineQueries(db).map((n) => n.q).filter((_, i) => i % 20 === 0).slice(0, 400);
  const t0 = performance.now();
  await vfs.grepMeaning(qs[0], '/', { limit: 10 });
  const firstMs = performance.now() - t0;
  const ix = vfs.vectorIndex;
  const efNow = ix.params.ef;
  // the three, rotated per query: now; now with the earlier ef 128; before (alpha fusion, no stemming, ef 128)
  const RUN = {
    now: (q) => vfs.grepMeaning(q, '/', { limit: 10 }),
    nowEf128: async (q) => { ix.setEf(128); try { return await vfs.grepMeaning(q, '/', { limit: 10 }); } finally { ix.setEf(efNow); } },
    before: async (q) => { ix.setEf(128); try { return await vfs.searchChunks(q, { limit: 10, ...BEFORE }); } finally { ix.setEf(efNow); } },
  };
  let dbB = null;
  let vfsB = null;
  if (baseline) {
    dbB = openDatabase({ file: join(home, 'nlsh.db') });
    vfsB = await baseline.openVectorFS({ db: dbB, embedder, clock: { now: () => Date.now() }, allowedRoots: [], indexDir: home });
    await vfsB.grepMeaning(qs[0], '/', { limit: 10 });
    RUN.baseline = (q) => vfsB.grepMeaning(q, '/', { limit: 10 });
  }
  const names = Object.keys(RUN);
  for (const q of qs.slice(0, 20)) for (const k of names) await RUN[k](q);
  const lat = Object.fromEntries(names.map((k) => [k, []]));
  for (const [i, q] of qs.entries()) {
    for (let j = 0; j < names.length; j++) {
      const k = names[(i + j) % names.length];
      const s = performance.now();
      await RUN[k](q);
      lat[k].push(performance.now() - s);
    }
  }
  const ratio = (a, b) => +percentile(lat[a].map((v, i) => v / lat[b][i]), 50).toFixed(2);
  out.push({
    home, chunks: vfs.stats().chunks, queries: qs.length, ef: efNow, firstQueryMs: Math.round(firstMs),
    p50ms: Object.fromEntries(names.map((k) => [k, +percentile(lat[k], 50).toFixed(2)])),
    p99ms: Object.fromEntries(names.map((k) => [k, +percentile(lat[k], 99).toFixed(2)])),
    medianRatio: { nowOverBefore: ratio('now', 'before'), nowOverNowEf128: ratio('now', 'nowEf128'), ...(baseline ? { nowOverBaselineBuild: ratio('now', 'baseline') } : {}) },
    rssMb: rssMb(),
  });
  vfs.close();
  db.close();
  vfsB?.close();
  dbB?.close();
}
console.log(JSON.stringify({ bench: 'vfs-hybrid-scale', machine: machine(), ...(baselineDist ? { baseline: baselineDist } : {}), results: out }, null, 1));
