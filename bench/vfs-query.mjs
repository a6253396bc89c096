// VectorFS at ~100k chunks (the man1 section of /usr/share/man, mounted once into a cached
// home): query latency p50/p99 (embedding included), HNSW recall@10 against exact search
// (ef sweep), known-item retrieval recall@10 of hybrid vs bm25-only vs vector-only, RSS.
// Usage: node bench/vfs-query.mjs [corpus=/usr/share/man/man1] [home=/tmp/nlsh-bench-vfs-man1]
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../dist/base/sqlite.js';
import { openVectorFS } from '../dist/vfs/vectorfs.js';
import { glove, machine, nameLineQueries, percentile, rssMb } from './vfs-common.mjs';
import { PARAPHRASES } from './vfs-paraphrases.mjs';

const corpus = process.argv[2] ?? '/usr/share/man/man1';
const home = process.argv[3] ?? '/tmp/nlsh-bench-vfs-man1';
const embedder = await glove();
const rssBefore = rssMb();
mkdirSync(home, { recursive: true });
const fresh = !existsSync(join(home, 'nlsh.db'));
let mounted;
let db = openDatabase({ file: join(home, 'nlsh.db') });
let vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [corpus], indexDir: home });
if (fresh || vfs.pendingMounts().length) {
  console.error(`mounting ${corpus} into ${home} (once) ...`);
  const tm = performance.now();
  const rep = await vfs.mount(corpus, '/corpus', { progress: (d, t) => d % 2000 === 0 && console.error(`  ${d}/${t}`) });
  const s = (performance.now() - tm) / 1000;
  mounted = { seconds: +s.toFixed(1), files: rep.files, lines: rep.lines, chunks: rep.chunks, linesPerSec: Math.round(rep.lines / s), chunksPerSec: Math.round(rep.chunks / s) };
  vfs.close();
  db.close();
  db = openDatabase({ file: join(home, 'nlsh.db') });
}
const t0 = performance.now();
vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [corpus], indexDir: home });
const openMs = performance.now() - t0;
const rssOpen = rssMb();
const stats = vfs.stats();

// Known-item queries that share words with their target: each page's NAME line description.
const named = nameLineQueries(db, '/corpus');
// every 20th page with a usable description (a deterministic sample of a few hundred)
const wordy = named.filter((_, i) => i % 20 === 0).slice(0, 400);

async function rank(q, mode, maxDocFraction) {
  const hits = await vfs.searchChunks(q, { limit: 40, mode, fullLexical: mode === 'lexical', ...(maxDocFraction ? { maxDocFraction } : {}) });
  return [...new Set(hits.map((h) => h.path))].slice(0, 10);
}
async function recallAt10(set, mode, maxDocFraction) {
  let ok = 0;
  for (const { q, target } of set) if ((await rank(q, mode, maxDocFraction)).includes(target)) ok++;
  return +(ok / set.length).toFixed(3);
}

// Latency (after a warm-up), grep meaning over the whole tree with the default limit.
for (const { q } of wordy.slice(0, 20)) await vfs.grepMeaning(q, '/');
const lat = { hybrid: [], hybridFullBm25: [], vector: [], bm25: [] };
for (const { q } of wordy) {
  for (const mode of Object.keys(lat)) {
    const s = performance.now();
    if (mode === 'hybrid') await vfs.grepMeaning(q, '/', { limit: 10 });
    else if (mode === 'hybridFullBm25') await vfs.searchChunks(q, { limit: 10, mode: 'hybrid', maxDocFraction: 1 });
    else await vfs.searchChunks(q, { limit: 10, mode: mode === 'bm25' ? 'lexical' : mode, fullLexical: true });
    lat[mode].push(performance.now() - s);
  }
}
const latency = Object.fromEntries(Object.entries(lat).map(([k, v]) => [k, { p50: +percentile(v, 50).toFixed(2), p99: +percentile(v, 99).toFixed(2) }]));

// HNSW recall@10 against exact search, over an ef sweep.
const ix = vfs.vectorIndex;
const qv = wordy.slice(0, 200).map(({ q }) => embedder.embedSync(q));
// Exact top-10 by brute force over every stored vector (loaded once).
const D = embedder.dim;
const rows = db.prepare('SELECT id, vector FROM vfs_chunks').all();
const ids = new Int32Array(rows.length);
const mat = new Float32Array(rows.length * D);
rows.forEach((r, i) => {
  ids[i] = r.id;
  mat.set(new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength)), i * D);
});
function exact(v, k) {
  const best = [];
  for (let i = 0; i < ids.length; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += v[j] * mat[i * D + j];
    if (best.length < k || s > best[best.length - 1].s) {
      best.push({ id: ids[i], s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > k) best.pop();
    }
  }
  return best;
}
const truth = qv.map((v) => {
  const best = exact(v, 10);
  return { ids: new Set(best.map((b) => b.id)), kth: best[best.length - 1].s };
});
const sweep = [];
for (const ef of [16, 32, 64, 128, 256]) {
  ix.setEf(ef);
  let hit = 0;
  let strict = 0;
  const times = [];
  qv.forEach((v, i) => {
    const s = performance.now();
    const got = ix.approximate(v, 10);
    times.push(performance.now() - s);
    // Ties: many man pages share identical chunks (same vector); a neighbour scoring at least
    // the exact 10th score is a correct answer whichever of the tied labels it is.
    hit += got.filter((n) => truth[i].ids.has(n.label) || n.score >= truth[i].kth - 1e-6).length;
    strict += got.filter((n) => truth[i].ids.has(n.label)).length;
  });
  sweep.push({ ef, recallAt10: +(hit / (qv.length * 10)).toFixed(4), labelRecallAt10: +(strict / (qv.length * 10)).toFixed(4), p50ms: +percentile(times, 50).toFixed(3) });
}
ix.setEf(JSON.parse(db.prepare("SELECT value FROM vfs_meta WHERE key = 'hnsw'").get().value).ef);

// Known-item retrieval: word-sharing (NAME lines) and paraphrases that share none of them.
const para = PARAPHRASES.map(([name, q]) => ({ q, target: `/corpus/${name}` })).filter((x) => vfs.stat(x.target));
const retrieval = {};
for (const [label, set] of [['nameLine', wordy], ['paraphrase', para]]) {
  retrieval[label] = { queries: set.length };
  for (const mode of ['hybrid', 'lexical', 'vector']) retrieval[label][mode === 'lexical' ? 'bm25' : mode] = await recallAt10(set, mode);
  retrieval[label].hybridFullBm25 = await recallAt10(set, 'hybrid', 1);
}

console.log(JSON.stringify({
  bench: 'vfs-query', machine: machine(), corpus, embedder: embedder.id,
  inodes: stats.inodes, chunks: stats.chunks, vectorsInIndex: stats.vectorsInIndex,
  mounted, openMs: Math.round(openMs), rssMb: { beforeOpen: rssBefore, afterOpen: rssOpen, afterQueries: rssMb() },
  queries: wordy.length, latencyMs: latency, hnswRecall: sweep, retrievalRecallAt10: retrieval,
}, null, 1));
vfs.close();
db.close();
