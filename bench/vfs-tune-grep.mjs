// Chooses grep meaning's chunk ranking (src/vfs/rank-chunks.ts) by measurement on the TUNING
// queries only: every n-th known item and the tuning paraphrases of bench/eval (never the
// held-out ones). One mount of the eval corpus; each setting ranks the chunks below /man and
// is scored on the files of its top 40 passages (first 10 distinct), as bench/vfs-eval.mjs does.
// Prints recall@10 / MRR per setting and query set, with plain BM25 over whole files.
// Round 3 (issue 10): the page signal (the chunk's file's head bm25, rank-chunks.ts; the heads
// of the best pages as candidates) and the lexicon of everyday words (lexicon.ts). Rows run on
// the current code: a row's settings replace the defaults they name, the rest are today's.
// Usage: node bench/vfs-tune-grep.mjs [--sample 4] [--only name,name]
import { WordNeighbours } from '../dist/vfs/expansion.js';
import { prepareCorpus, HOST } from './eval/corpus.mjs';
import { glove, openHome, machine } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const { QUERIES, plainBm25, score } = prepareCorpus({ sample: Number(arg('--sample', '4')) });
const embedder = await glove();
const home = await openHome(embedder, [HOST]);
await home.vfs.mount(HOST, '/man');
const neighbours = new WordNeighbours(home.vfs.store.db, embedder);
const nameOf = (p) => p.slice(p.lastIndexOf('/') + 1);
const sets = ['known', 'tuning', 'tuning2'];

const W = (cos, coverage, bm25, name, file = 0) => ({ cos, coverage, bm25, name, file });
const E = (count, weight) => ({ count, weight });
const R3 = { cos: 0.25, coverage: 0.16, bm25: 0.12, name: 0.06, file: 0.03, page: 0.38 };
/** Round 3's weights x (1 - t), and t for the page topic. */
const T = (t) => ({ ...Object.fromEntries(Object.entries(R3).map(([k, v]) => [k, v * (1 - t)])), topic: t });
const SETTINGS = {
  'before: alpha 0.5, no stemming, no expansion': { fusion: 'alpha', stemming: false, expansion: E(0, 0) },
  'vector only': { mode: 'vector' },
  'alpha 0.5 + stemming (own idf per form)': { fusion: 'alpha', expansion: E(0, 0), groupIdf: false },
  'alpha 0.5 + stemming (group idf)': { fusion: 'alpha', expansion: E(0, 0) },
  'w 0.4/0.3/0.2/0.1/0': { weights: W(0.4, 0.3, 0.2, 0.1) },
  'w 0.4/0.3/0.2/0.1/0, no stemming': { weights: W(0.4, 0.3, 0.2, 0.1), stemming: false },
  'w 0.4/0.3/0.2/0.1/0, no expansion': { weights: W(0.4, 0.3, 0.2, 0.1), expansion: E(0, 0) },
  'w 0.5/0.3/0.1/0.1/0, no expansion': { weights: W(0.5, 0.3, 0.1, 0.1), expansion: E(0, 0) },
  'w 0.4/0.4/0.1/0.1/0, no expansion': { weights: W(0.4, 0.4, 0.1, 0.1), expansion: E(0, 0) },
  'w 0.4/0.3/0.3/0/0, no expansion': { weights: W(0.4, 0.3, 0.3, 0), expansion: E(0, 0) },
  'w 0.35/0.3/0.2/0.15/0, no expansion': { weights: W(0.35, 0.3, 0.2, 0.15), expansion: E(0, 0) },
  'w 0.4/0.25/0.2/0.1/0.05, no expansion': { weights: W(0.4, 0.25, 0.2, 0.1, 0.05), expansion: E(0, 0) },
  'w 0.3/0.2/0.2/0.1/0.2': { weights: W(0.3, 0.2, 0.2, 0.1, 0.2) },
  'w 0.25/0.15/0.15/0.05/0.4': { weights: W(0.25, 0.15, 0.15, 0.05, 0.4) },
  'w 0.4/0.3/0.2/0.1/0, expansion 3 x 0.3': { weights: W(0.4, 0.3, 0.2, 0.1), expansion: E(3, 0.3) },
  'w 0.4/0.3/0.2/0.1/0, expansion 5 x 0.5': { weights: W(0.4, 0.3, 0.2, 0.1), expansion: E(5, 0.5) },
  'round 2 (0.4/0.25/0.2/0.1/0.05, no expansion)': { weights: W(0.4, 0.25, 0.2, 0.1, 0.05), expansion: E(0, 0.5) },
  'round 2, without the all-words AND query': { weights: W(0.4, 0.25, 0.2, 0.1, 0.05), expansion: E(0, 0.5), allWords: false },
  'rrf, equal weights': { fusion: 'rrf', weights: W(1, 1, 1, 1, 1) },
  'rrf, 0.4/0.3/0.2/0.1/0': { fusion: 'rrf', weights: W(0.4, 0.3, 0.2, 0.1) },
  // round 3 (issue 10): the page signal (the chunk's file by whole-file and head bm25, with the
  // heads of the best pages as candidates) and the lexicon of everyday words (lexicon.ts)
  'page 0.1': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 0.1 }, expansion: E(0, 0.5) },
  'page 0.3': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 0.3 }, expansion: E(0, 0.5) },
  'page 0.6': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 0.6 }, expansion: E(0, 0.5) },
  'page 1': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 1 }, expansion: E(0, 0.5) },
  'lexicon 0.5/0.3': { weights: W(0.4, 0.25, 0.2, 0.1, 0.05), expansion: { ...E(0, 0.5), lexicon: 0.5, lexiconFile: 0.3 } },
  'page 0.3 + lexicon 0.5/0.3': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 0.3 }, expansion: { ...E(0, 0.5), lexicon: 0.5, lexiconFile: 0.3 } },
  'page 0.6 + lexicon 0.5/0.3': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 0.6 }, expansion: { ...E(0, 0.5), lexicon: 0.5, lexiconFile: 0.3 } },
  'round 3 default (page 0.38 of the head, lexicon 0.5/0.3)': { weights: R3 },
  'round 3 default, lexicon in coverage only': { weights: R3, expansion: { ...E(0, 0.5), lexicon: 0.5, lexiconFile: 0 } },
  'round 3 default, no lexicon': { weights: R3, expansion: E(0, 0.5) },
  'page 1 + lexicon 0.5/0.3': { weights: { ...W(0.4, 0.25, 0.2, 0.1, 0.05), page: 1 }, expansion: { ...E(0, 0.5), lexicon: 0.5, lexiconFile: 0.3 } },
  // round 4: page topics (page-topics.ts), the round-3 weights scaled to leave the topic its share
  'round 3 + topic 0.1': { weights: T(0.1) },
  'round 3 + topic 0.2': { weights: T(0.2) },
  'round 3 + topic 0.3 (the default now)': {},
  'round 3 + topic 0.45': { weights: T(0.45) },
};
const only = arg('--only', '');
console.log(`# ${machine()}; known items: ${QUERIES.known.length}, tuning paraphrases: ${QUERIES.tuning.length} + ${QUERIES.tuning2.length}`);
console.log('| setting | known recall@10 / MRR | tuning paraphrases recall@10 / MRR | tuning paraphrases 2 |\n|---|---|---|---|');
const base = [];
for (const set of sets) base.push(await score(set, async (q) => plainBm25(q)));
console.log(`| plain BM25 (yardstick) | ${base.join(' | ')} |`);
for (const [name, o] of Object.entries(SETTINGS)) {
  if (only && !only.split(',').some((s) => name.startsWith(s))) continue;
  const top = async (q) => [...new Set((await home.vfs.searchChunks(q, { limit: 40, dir: '/man', neighbours, ...o })).map((h) => nameOf(h.path)))].slice(0, 10);
  const cells = [];
  for (const set of sets) cells.push(await score(set, top));
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
home.cleanup();
