// Chooses the file ranking's fusion (rank-files.ts) by measurement on the TUNING queries only:
// the sampled known items and the tuning paraphrases of bench/eval (never the held-out ones).
// Sweeps a few weight settings and weighted-sum vs reciprocal-rank fusion on one mount of the
// eval corpus, calling rankPaths directly with the store's own parts. Prints recall@10 and MRR.
// Round 2 (issue 10): the whole-file bm25 weight (file-bm25.ts), expansion settings, and
// pseudo-relevance feedback (feedback.ts). Round 3: the head field (a file's first chunks
// scored on their own) and the lexicon of everyday words (lexicon.ts). Round 4: page topics
// (page-topics.ts, topic.ts: word vectors trained on manuals). Settings are
// RankOptions; the defaults are in rank-files.ts and query-groups.ts. Scored on the sampled
// known items and both tuning sets (90 + 56 paraphrases).
// Usage: node bench/vfs-tune.mjs [--sample 4] [--only REGEX]
import { rankPaths } from '../dist/vfs/rank-files.js';
import { WordNeighbours } from '../dist/vfs/expansion.js';
import { FileBm25 } from '../dist/vfs/file-bm25.js';
import { CorpusAssociations } from '../dist/vfs/associations.js';
import { PageTopics } from '../dist/vfs/page-topics.js';
import { shippedTopics } from '../dist/vfs/topic.js';
import { prepareCorpus, HOST } from './eval/corpus.mjs';
import { glove, openHome, machine } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const { QUERIES, plainBm25, score } = prepareCorpus({ sample: Number(arg('--sample', '4')) });
const embedder = await glove();
const home = await openHome(embedder, [HOST]);
await home.vfs.mount(HOST, '/man');
const v = home.vfs; // its parts, as rankPaths reads them (private in TypeScript only)
const deps = { store: v.store, index: v.index, dirs: v.dirs, embedder, neighbours: new WordNeighbours(v.store.db, embedder), fileBm25: new FileBm25(v.store.db, v.store.lexical), associations: new CorpusAssociations(v.store.db, v.store), topics: new PageTopics(v.store, shippedTopics()) };
const nameOf = (p) => p.slice(p.lastIndexOf('/') + 1);

const W = (coverage, passage, centroid, name, bm25, file = 0) => ({ coverage, passage, centroid, name, bm25, file });
const F = (files, beta, terms, termWeight) => ({ files, beta, terms, termWeight });
const FB = W(0.3, 0.15, 0.1, 0.1, 0.05, 0.3);
const X = (count, weight, fileWeight = 0, assoc = 0, assocWeight = 0, lexicon = 0, lexiconFile = 0) => ({ count, weight, fileWeight, assoc, assocWeight, lexicon, lexiconFile });
const H = (coverage, passage, centroid, name, file, head) => ({ coverage, passage, centroid, name, bm25: 0, file, head });
const LEX = (lexicon, lexiconFile) => X(3, 0.5, 0, 0, 0, lexicon, lexiconFile);
const DEF = W(0.15, 0.1, 0.1, 0.1, 0, 0.55);
const R3 = H(0.115, 0.08, 0.08, 0.08, 0.185, 0.46);
const pick = arg('--only', ''); // a regular expression: run only the matching settings
const SETTINGS = {
  'previous default, chunk evidence only (0.4/0.15/0.1/0.2/0.15)': { weights: W(0.4, 0.15, 0.1, 0.2, 0.15) },
  'weighted, more coverage (0.5/0.1/0.1/0.2/0.1)': { weights: W(0.5, 0.1, 0.1, 0.2, 0.1) },
  'weighted, more vectors (0.3/0.25/0.15/0.15/0.15)': { weights: W(0.3, 0.25, 0.15, 0.15, 0.15) },
  'weighted, more bm25 (0.35/0.1/0.1/0.15/0.3)': { weights: W(0.35, 0.1, 0.1, 0.15, 0.3) },
  'weighted, first try (0.35/0.25/0.15/0.15/0.1)': { weights: W(0.35, 0.25, 0.15, 0.15, 0.1) },
  'rrf, equal weights': { weights: W(1, 1, 1, 1, 1), fusion: 'rrf' },
  'rrf, default weights': { weights: W(0.4, 0.15, 0.1, 0.2, 0.15), fusion: 'rrf' },
  // round 2 (issue 10): the whole-file bm25 signal (file-bm25.ts) and expansion settings
  'file bm25 0.2 (0.35/0.15/0.1/0.15/0.05/0.2)': { weights: W(0.35, 0.15, 0.1, 0.15, 0.05, 0.2) },
  'file bm25 0.3 (0.3/0.15/0.1/0.1/0.05/0.3)': { weights: W(0.3, 0.15, 0.1, 0.1, 0.05, 0.3) },
  'file bm25 0.45 (0.2/0.15/0.1/0.1/0/0.45)': { weights: W(0.2, 0.15, 0.1, 0.1, 0, 0.45) },
  'file bm25 0.3, neighbours in it 0.3': { weights: W(0.3, 0.15, 0.1, 0.1, 0.05, 0.3), expansion: X(3, 0.5, 0.3) },
  'file bm25 0.3, neighbours in it 0.6': { weights: W(0.3, 0.15, 0.1, 0.1, 0.05, 0.3), expansion: X(3, 0.5, 0.6) },
  'file bm25 0.3, 6 neighbours, in it 0.3': { weights: W(0.3, 0.15, 0.1, 0.1, 0.05, 0.3), expansion: X(6, 0.5, 0.3) },
  'previous default, 6 neighbours at 0.5': { weights: W(0.4, 0.15, 0.1, 0.2, 0.15), expansion: X(6, 0.5) },
  'previous default, 3 neighbours at 0.7': { weights: W(0.4, 0.15, 0.1, 0.2, 0.15), expansion: X(3, 0.7) },
  'previous default, no expansion': { weights: W(0.4, 0.15, 0.1, 0.2, 0.15), expansion: X(0, 0) },
  // pseudo-relevance feedback (feedback.ts) on top of the file bm25 0.3 setting
  'fb0.3 + rocchio 3 files beta 0.5': { weights: FB, feedback: F(3, 0.5, 0, 0) },
  'fb0.3 + rocchio 5 files beta 1': { weights: FB, feedback: F(5, 1, 0, 0) },
  'fb0.3 + rocchio 5 files beta 1, centroid 0.2': { weights: W(0.25, 0.15, 0.2, 0.1, 0, 0.3), feedback: F(5, 1, 0, 0) },
  'fb0.3 + rm3 5 files 10 words 0.3': { weights: FB, feedback: F(5, 0, 10, 0.3) },
  'fb0.3 + rm3 5 files 20 words 0.5': { weights: FB, feedback: F(5, 0, 20, 0.5) },
  'fb0.3 + rm3 3 files 10 words 0.3': { weights: FB, feedback: F(3, 0, 10, 0.3) },
  'fb0.3 + both 5 files beta 1, 10 words 0.3': { weights: FB, feedback: F(5, 1, 10, 0.3) },
  'more vectors with file bm25 (0.2/0.25/0.2/0.1/0/0.25)': { weights: W(0.2, 0.25, 0.2, 0.1, 0, 0.25) },
  'file bm25 0.65 (0.1/0.1/0.05/0.1/0/0.65)': { weights: W(0.1, 0.1, 0.05, 0.1, 0, 0.65) },
  'file bm25 0.45, neighbours in it 0.15': { weights: W(0.2, 0.15, 0.1, 0.1, 0, 0.45), expansion: X(3, 0.5, 0.15) },
  'file bm25 0.45, passage 0.25 (0.15/0.25/0.05/0.1/0/0.45)': { weights: W(0.15, 0.25, 0.05, 0.1, 0, 0.45) },
  'file bm25 0.45, 5 neighbours at 0.5': { weights: W(0.2, 0.15, 0.1, 0.1, 0, 0.45), expansion: X(5, 0.5) },
  'file bm25 0.55 (0.15/0.1/0.1/0.1/0/0.55), the default now': { weights: W(0.15, 0.1, 0.1, 0.1, 0, 0.55) },
  // corpus associations (associations.ts: co-occurrence x PMI over chunks) on top of the default
  'default + 3 corpus associations at 0.2': { weights: DEF, expansion: X(3, 0.5, 0, 3, 0.2) },
  'default + 5 corpus associations at 0.3': { weights: DEF, expansion: X(3, 0.5, 0, 5, 0.3) },
  'default + 10 corpus associations at 0.15': { weights: DEF, expansion: X(3, 0.5, 0, 10, 0.15) },
  // round 3: the head field (file-bm25.ts), on the round-2 default, without the lexicon
  'round 2 + head 0.2': { weights: { ...DEF, head: 0.2 }, expansion: X(3, 0.5) },
  'round 2 + head 0.4': { weights: { ...DEF, head: 0.4 }, expansion: X(3, 0.5) },
  'round 2 + head 0.6': { weights: { ...DEF, head: 0.6 }, expansion: X(3, 0.5) },
  'head 0.4, file 0.35': { weights: H(0.15, 0.1, 0.1, 0.1, 0.35, 0.4), expansion: X(3, 0.5) },
  'head 0.5, file 0.25': { weights: H(0.15, 0.1, 0.1, 0.1, 0.25, 0.5), expansion: X(3, 0.5) },
  // the lexicon (coverage weight / file and head bm25 weight), on head 0.33 / file 0.29
  'head 0.33, lexicon 0.5 / 0.3': { weights: H(0.125, 0.085, 0.085, 0.085, 0.29, 0.33), expansion: LEX(0.5, 0.3) },
  'head 0.33, lexicon 0.7 / 0.5': { weights: H(0.125, 0.085, 0.085, 0.085, 0.29, 0.33), expansion: LEX(0.7, 0.5) },
  'head 0.33, lexicon 0.5 / 0 (coverage only)': { weights: H(0.125, 0.085, 0.085, 0.085, 0.29, 0.33), expansion: LEX(0.5, 0) },
  'head 0.33, lexicon 0.3 / 0.5': { weights: H(0.125, 0.085, 0.085, 0.085, 0.29, 0.33), expansion: LEX(0.3, 0.5) },
  'head 0.45, file 0.15, lexicon 0.5 / 0.3': { weights: H(0.125, 0.085, 0.085, 0.085, 0.15, 0.45), expansion: LEX(0.5, 0.3) },
  // round 3b: closer to grep meaning's mix (best-chunk bm25 and passage cosine up, whole file down)
  'sweep A: bm25 0.1, file 0.05': { weights: { ...H(0.15, 0.1, 0.05, 0.08, 0.05, 0.47), bm25: 0.1 }, expansion: LEX(0.5, 0.3) },
  'sweep B: bm25 0.15, passage 0.15, file 0': { weights: { ...H(0.15, 0.15, 0.05, 0.08, 0, 0.42), bm25: 0.15 }, expansion: LEX(0.5, 0.3) },
  'sweep C: passage 0.2, file 0.1': { weights: H(0.12, 0.2, 0.05, 0.08, 0.1, 0.45), expansion: LEX(0.5, 0.3) },
  'sweep D: coverage 0.2, bm25 0.1, file 0.1': { weights: { ...H(0.2, 0.08, 0.05, 0.07, 0.1, 0.4), bm25: 0.1 }, expansion: LEX(0.5, 0.3) },
  'head 0.46, file 0.185, lexicon 0.5 / 0.3 (round 3)': { weights: H(0.115, 0.08, 0.08, 0.08, 0.185, 0.46), expansion: LEX(0.5, 0.3) },
  // round 4: page topics (page-topics.ts: the best 100 re-ranked by topic cosine), on round 3
  'round 3 + topic 0.2': { weights: { ...R3, topic: 0.2 }, expansion: LEX(0.5, 0.3) },
  'round 3 + topic 0.3 (the default now)': { weights: { ...R3, topic: 0.3 }, expansion: LEX(0.5, 0.3) },
  'round 3 + topic 0.4': { weights: { ...R3, topic: 0.4 }, expansion: LEX(0.5, 0.3) },
  'round 3 + topic 0.6': { weights: { ...R3, topic: 0.6 }, expansion: LEX(0.5, 0.3) },
  'topic 0.3, head 0.4, file 0.245': { weights: { ...H(0.115, 0.08, 0.08, 0.08, 0.245, 0.4), topic: 0.3 }, expansion: LEX(0.5, 0.3) },
  'topic 0.3, centroid 0, passage 0.16': { weights: { ...H(0.115, 0.16, 0, 0.08, 0.185, 0.46), topic: 0.3 }, expansion: LEX(0.5, 0.3) },
};
console.log(`# ${machine()}; known items: ${QUERIES.known.length}, tuning paraphrases: ${QUERIES.tuning.length} + ${QUERIES.tuning2.length}`);
console.log('| setting | known recall@10 / MRR | tuning paraphrases recall@10 / MRR | tuning paraphrases 2 |\n|---|---|---|---|');
console.log(`| plain BM25 (yardstick) | ${await score('known', async (q) => plainBm25(q))} | ${await score('tuning', async (q) => plainBm25(q))} | ${await score('tuning2', async (q) => plainBm25(q))} |`);
for (const [name, o] of Object.entries(SETTINGS)) {
  if (pick && !new RegExp(pick).test(name)) continue;
  const top = async (q) => (await rankPaths(deps, q, { dir: '/man', kind: 'file', ...o })).slice(0, 10).map((h) => nameOf(h.path));
  console.log(`| ${name} | ${await score('known', top)} | ${await score('tuning', top)} | ${await score('tuning2', top)} |`);
}
home.cleanup();
