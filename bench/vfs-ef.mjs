// HNSW recall@10 against exact search on queries from OUTSIDE the corpus (issue 13), per ef, to
// choose the default ef: the smallest with recall@10 >= 0.97. Queries: the hand-written
// bench/eval/outside-queries.mjs plus a deterministic sample of lines from /usr/share/doc (not
// in a man-page home; pass --no-doc for a home that has /usr/share/doc mounted). Exact search
// = brute-force cosine over every stored vector; a returned chunk counts when it is in the exact
// top 10 or scores at least the exact 10th score (identical chunks tie). p50 per search (top 10,
// chunk ids included) alternates the ef values per query, so the machine's load moves all alike.
// Usage: node bench/vfs-ef.mjs HOME [--no-doc] [--docs 200] [--efs 32,64,...] [--M 16 --efc 100]
// (a copy of a home: it writes the index file; --M/--efc rebuild the graph with those parameters)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../dist/base/sqlite.js';
import { openVectorFS } from '../dist/vfs/vectorfs.js';
import { OUTSIDE_QUERIES } from './eval/outside-queries.mjs';
import { glove, machine, percentile } from './vfs-common.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : d);
const home = argv[0];
if (!home) throw new Error('usage: node bench/vfs-ef.mjs HOME');
const EFS = opt('--efs', '16,32,64,96,128,160,192,256,384').split(',').map(Number);
const DOC_LINES = argv.includes('--no-doc') ? 0 : Number(opt('--docs', '200'));

/** Every n-th prose line (40-160 characters, >= 6 words) of /usr/share/doc's text files, in path order. */
function docLines(want) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !/copyright$/.test(p) && statSync(p).size < 2e6) files.push(p);
    }
  };
  walk('/usr/share/doc');
  const lines = [];
  for (const f of files) {
    let text;
    try {
      text = f.endsWith('.gz') ? gunzipSync(readFileSync(f)).toString('utf8') : readFileSync(f, 'utf8');
    } catch { continue; }
    if (text.includes('\u0000')) continue;
    for (const l of text.split('\n')) {
      const t = l.trim();
      if (t.length >= 40 && t.length <= 160 && t.split(/\s+/).length >= 6 && /^[A-Za-z]/.test(t)) lines.push(t);
    }
  }
  const step = Math.max(1, Math.floor(lines.length / want));
  return lines.filter((_, i) => i % step === 0).slice(0, want);
}

const embedder = await glove();
const db = openDatabase({ file: join(home, 'nlsh.db') });
const M = opt('--M', undefined);
const hnsw = M ? { M: Number(M), efConstruction: Number(opt('--efc', '100')) } : undefined;
const tOpen = performance.now();
const vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [], indexDir: home, ...(hnsw ? { hnsw } : {}) });
const queries = [...OUTSIDE_QUERIES, ...(DOC_LINES ? docLines(DOC_LINES) : [])];
const qv = queries.map((q) => embedder.embedSync(q));
const ix = vfs.vectorIndex;
ix.approximate(qv[0], 10); // loads the index (rebuilds it when --M / --efc differ from its stamp)
const loadMs = Math.round(performance.now() - tOpen);

// exact top 10 by brute force over every stored vector
const D = embedder.dim;
const count = db.prepare('SELECT count(*) FROM vfs_chunks').pluck().get();
const ids = new Int32Array(count);
const mat = new Float32Array(count * D);
let n = 0;
for (const r of db.prepare('SELECT id, vector FROM vfs_chunks').iterate()) {
  ids[n] = r.id;
  mat.set(new Float32Array(r.vector.buffer, r.vector.byteOffset, D), n * D);
  n++;
}
const truth = qv.map((v) => {
  const best = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * D;
    for (let j = 0; j < D; j++) s += v[j] * mat[o + j];
    if (best.length < 10 || s > best[best.length - 1].s) {
      best.push({ id: ids[i], s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > 10) best.pop();
    }
  }
  return { ids: new Set(best.map((b) => b.id)), kth: best[best.length - 1].s };
});

const hits = new Map(EFS.map((ef) => [ef, 0]));
const handHits = new Map(EFS.map((ef) => [ef, 0]));
const times = new Map(EFS.map((ef) => [ef, []]));
qv.forEach((v, i) => {
  for (const ef of i % 2 ? [...EFS].reverse() : EFS) {
    ix.setEf(ef);
    const s = performance.now();
    const got = ix.approximate(v, 10);
    times.get(ef).push(performance.now() - s);
    const ok = got.filter((g) => truth[i].ids.has(g.label) || g.score >= truth[i].kth - 1e-6).length;
    hits.set(ef, hits.get(ef) + ok);
    if (i < OUTSIDE_QUERIES.length) handHits.set(ef, handHits.get(ef) + ok);
  }
});
const rows = EFS.map((ef) => ({
  ef,
  recallAt10: +(hits.get(ef) / (qv.length * 10)).toFixed(4),
  handWritten: +(handHits.get(ef) / (OUTSIDE_QUERIES.length * 10)).toFixed(4),
  docLines: qv.length > OUTSIDE_QUERIES.length ? +((hits.get(ef) - handHits.get(ef)) / ((qv.length - OUTSIDE_QUERIES.length) * 10)).toFixed(4) : null,
  p50ms: +percentile(times.get(ef), 50).toFixed(3),
}));
const chosen = rows.find((r) => r.recallAt10 >= 0.97);
console.log(JSON.stringify({ bench: 'vfs-ef', machine: machine(), home, hnsw: hnsw ?? 'as stored', indexLoadOrBuildMs: loadMs, chunks: n, queries: { handWritten: OUTSIDE_QUERIES.length, docLines: queries.length - OUTSIDE_QUERIES.length }, sweep: rows, smallestEfAt097: chosen?.ef ?? null }, null, 1));
vfs.close();
db.close();
