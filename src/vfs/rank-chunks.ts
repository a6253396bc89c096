// The hybrid ranking of chunks behind grep meaning (vfs layer). Candidates come from the vector
// index and from bm25 over the query's words and their forms (stemming, query-groups.ts); each
// candidate is scored on four signals, fused by a weighted sum (or, for comparison, by
// reciprocal ranks or the old fixed alpha blend):
//   cos:      cosine between the query and the chunk;
//   coverage: idf-weighted share of the query's words the chunk meets (a word counts when one of
//             its forms is in the chunk or in its file's name, a word-vector neighbour counts
//             partly) -- absolute, in [0,1];
//   bm25:     the chunk's bm25 relative to the best of the query;
//   name:     the share of the query's words in the chunk's file name (field weight);
//   file:     the coverage of all the candidate chunks of the chunk's file together (evidence
//             spread over a page: a paraphrase rarely has all its words in one passage);
//   page:     how well the head of the chunk's file matches (file-bm25.ts, as the file ranking
//             scores heads); the heads of the best pages are candidates too, so a page
//             found by its words is shown by its opening passage although no passage matches alone;
//   topic:    the cosine of the query's and the chunk's page's topic vectors (page-topics.ts),
//             for the pages of the best passages by the other signals.
// Weights were chosen on the tuning queries only (bench/vfs-tune-grep.mjs; bench/results/vfs.md).
// Called by search.ts.
import { cosine } from '../embed/types.js';
import type { WordNeighbours } from './expansion.js';
import type { VectorIndex } from './index-sync.js';
import type { FileBm25, FileTerm } from './file-bm25.js';
import { cover, groupsOfWords, metInChunks, LEXICON_FILE_WEIGHT, LEXICON_WEIGHT, nameStems, type ExpansionOptions, type WordGroup } from './query-groups.js';
import { RERANK, type PageTopics } from './page-topics.js';
import type { VfsStore } from './store.js';
import { stem } from './stem.js';
import { baseName } from './vpath.js';

export interface ChunkWeights {
  cos: number;
  coverage: number;
  bm25: number;
  name: number;
  /** Coverage of the query by all the candidate chunks of the chunk's file together. */
  file: number;
  /** The chunk's file as a page: its head's bm25 (needs ChunkRankOptions.pages). */
  page?: number;
  /** The chunk's file's topic (needs PageEvidence.topics). */
  topic?: number;
}

/** What the page signals read: the file bm25 (its head field) and page topics, of the tree's current generation. */
export interface PageEvidence {
  bm25: FileBm25;
  generation: number;
  topics?: PageTopics;
}

/** 'weighted': the weighted sum (default); 'rrf': reciprocal-rank fusion of the signals; 'alpha': alpha * cos + (1 - alpha) * bm25 (the earlier ranking). */
export type ChunkFusion = 'weighted' | 'rrf' | 'alpha';

/** Chosen on the tuning sets (bench/vfs-tune-grep.mjs, bench/results/vfs.md): round 3's weights
 * x 0.7 and the page topic 0.3 (tuning paraphrases +0.02 / +0.035, known items -0.02, still well
 * above BM25); the neighbours of word-vector expansion did not change a figure there (they cost
 * ~1 ms a new word), so are off. */
export const DEFAULT_CHUNK_WEIGHTS: ChunkWeights = { cos: 0.175, coverage: 0.112, bm25: 0.084, name: 0.042, file: 0.021, page: 0.266, topic: 0.3 };
export const DEFAULT_CHUNK_EXPANSION: ExpansionOptions = { count: 0, weight: 0.5, lexicon: LEXICON_WEIGHT, lexiconFile: LEXICON_FILE_WEIGHT };

export interface ChunkRankOptions {
  dir: string;
  /** Candidates read from each side. */
  pool: number;
  /** Candidates wanted inside dir from the whole-store search before dir is searched on its own. */
  minInside: number;
  /** Words in more chunks than this are left out of the OR-ed bm25 (search.ts's DEFAULT_MAX_OR_DOCS). */
  maxOrDocs: number;
  fusion: ChunkFusion;
  weights: ChunkWeights;
  alpha: number;
  expansion: ExpansionOptions;
  /** Match the forms of the query's words (stemming); false: the words only. */
  stemming: boolean;
  /** Score every form of a word with the document count of all its forms (else its own). */
  groupIdf: boolean;
  neighbours?: WordNeighbours;
  /** The file bm25 (whose layout also says which file each chunk is of) and the page topics. */
  pages: PageEvidence;
}

/** The head chunks of this many best pages become candidates. */
const PAGE_CANDIDATES = 10;

/** A ranked chunk: its file, not its row (search.ts reads the rows of the best alone). */
export interface RankedChunk {
  id: number;
  score: number;
  cos: number;
  lex: number;
  path: string;
}

type LexRow = { id: number; bm25: number };

/**
 * Ranks the candidate chunks of a query, best first. `qv` is the query's vector, `words` its
 * content words, `allWords` the chunks (below dir) holding every word, by bm25 (search.ts).
 */
export function rankChunks(
  store: VfsStore,
  index: VectorIndex,
  qv: Float32Array,
  words: readonly string[],
  allWords: readonly LexRow[],
  opts: ChunkRankOptions,
): RankedChunk[] {
  const { dir, pool } = opts;
  const within = (p: string): boolean => dir === '/' || p === dir || p.startsWith(dir + '/');
  // each chunk's file, from the whole-file layout: no candidate's row is read
  const pathOf = opts.pages.bm25.fileOfChunk(opts.pages.generation);
  // a chunk of a file within the scope (a chunk deleted meanwhile is of none)
  const held = (id: number): boolean => {
    const path = pathOf(id);
    return path !== undefined && within(path);
  };
  const inside = (ids: readonly number[]): number => ids.filter(held).length;

  // vector side: the whole index first; the scope alone when too few of the nearest are in it
  let near = index.search(qv, pool, '/');
  if (dir !== '/' && inside(near.map((n) => n.label)) < opts.minInside) near = index.search(qv, pool, dir);
  const cos = new Map(near.map((n) => [n.label, n.score]));

  // lexical side: the all-words chunks, then bm25 over the words' forms that are not too common
  const groups = groupsOfWords(store, words, opts.neighbours, opts.expansion);
  // every form of a word is scored with the document count of all its forms (a rare form is no
  // bonus); a form in too many chunks is left out (reading its postings is what costs)
  const rowsTotal = store.lexical.ftsTotals().rows;
  const kept: string[] = [];
  const keptDocs: number[] = [];
  for (const g of groups) {
    const forms = opts.stemming ? [...g.forms] : [...g.forms].slice(0, 1);
    const df = store.lexical.termDocs(forms);
    const all = Math.min(rowsTotal, [...df.values()].reduce((a, b) => a + b, 0));
    for (const [f, d] of df) {
      if (d > opts.maxOrDocs || kept.includes(f)) continue;
      kept.push(f);
      keptDocs.push(opts.groupIdf ? all : d);
    }
  }
  let any: LexRow[] = kept.length ? store.lexical.ftsAny(kept, pool, keptDocs) : [];
  if (kept.length && dir !== '/' && inside(any.map((r) => r.id)) < opts.minInside) {
    any = store.lexical.fts(kept.map((t) => `"${t}"`).join(' OR '), pool, dir);
  }
  const lexRows = [...allWords, ...any];
  const best = lexRows.reduce((m, r) => Math.max(m, -r.bm25), 0);
  const bm = new Map<number, number>();
  for (const r of lexRows) bm.set(r.id, Math.max(bm.get(r.id) ?? 0, best > 0 ? -r.bm25 / best : 0));

  const w = opts.weights;
  // the page signal (not in the alpha fusion, which does not read it)
  const pages = w.page && opts.fusion !== 'alpha' ? opts.pages : undefined;
  const page = pages ? pageScores(store, pages, groups, opts.expansion, opts.maxOrDocs, within) : undefined;
  const pageHeads = pages && page ? page.top.flatMap((path) => pages.bm25.headChunks(path, pages.generation)) : [];
  // the candidates in files within the scope, ascending
  const ids = Int32Array.from(new Set([...cos.keys(), ...bm.keys(), ...pageHeads])).filter(held).sort();
  const vectors = store.vectorsOf(Array.from(ids).filter((id) => !cos.has(id)));
  // the words each candidate holds, from the words' lists of chunks (the lexical index's, cached)
  const metIn = metInChunks(groups, ids, (word) => store.lexical.holders(word));
  const out: (RankedChunk & { signals: number[] })[] = [];
  const metByFile = new Map<string, Map<number, number>>();
  const mets = new Map<number, Map<number, number>>();
  ids.forEach((id, k) => {
    const path = pathOf(id)!;
    const v = vectors.get(id);
    let c = cos.get(id);
    if (c === undefined) {
      if (!v) return; // its vector is gone: deleted meanwhile
      c = cosine(qv, v);
    }
    const met = metIn[k]!;
    mets.set(id, met);
    let fileMet = metByFile.get(path);
    if (!fileMet) metByFile.set(path, (fileMet = new Map()));
    for (const [i, d] of met) fileMet.set(i, Math.max(fileMet.get(i) ?? 0, d));
    out.push({ id, score: 0, cos: Math.max(0, c), lex: bm.get(id) ?? 0, path, signals: [] });
  });
  const namesOf = new Map<string, Set<string>>();
  for (const h of out) {
    const met = mets.get(h.id)!;
    const fileMet = metByFile.get(h.path)!;
    let names = namesOf.get(h.path);
    if (!names) namesOf.set(h.path, (names = nameStems(baseName(h.path), stem)));
    const cov = cover(groups, (g, i) => (names.has(g.stem) ? 1 : met.get(i) ?? 0));
    const named = cover(groups, (g) => (names.has(g.stem) ? 1 : 0));
    const file = cover(groups, (g, i) => (names.has(g.stem) ? 1 : fileMet.get(i) ?? 0));
    const pg = page?.get(h.path) ?? 0;
    h.signals = [h.cos, cov, h.lex, named, file, pg, 0];
    h.score =
      opts.fusion === 'alpha'
        ? opts.alpha * h.cos + (1 - opts.alpha) * h.lex
        : w.cos * h.cos + w.coverage * cov + w.bm25 * h.lex + w.name * named + w.file * file + (w.page ?? 0) * pg;
  }
  // the topic of the pages of the best passages so far (as the file ranking re-ranks its best:
  // a page read for its topic costs), added to each of their passages
  const topics = w.topic && opts.fusion !== 'alpha' ? opts.pages.topics : undefined;
  const qt = topics?.space.query(words.join(' '));
  if (topics && qt) {
    const paths: string[] = [];
    for (const h of [...out].sort((a, b) => b.score - a.score || a.id - b.id)) {
      if (paths.length === RERANK) break;
      if (!paths.includes(h.path)) paths.push(h.path);
    }
    const topicOf = new Map<string, number>();
    for (const [path, v] of topics.of(paths, opts.pages.generation)) {
      let c = 0;
      for (let d = 0; d < qt.length; d++) c += qt[d]! * v[d]!;
      topicOf.set(path, Math.max(0, c));
    }
    for (const h of out) {
      const tp = topicOf.get(h.path) ?? 0;
      h.signals[6] = tp;
      h.score += w.topic! * tp;
    }
  }
  if (opts.fusion === 'rrf') reciprocalRanks(out, opts.weights);
  return out.sort((a, b) => b.score - a.score || a.id - b.id).map(({ id, score, cos: c, lex, path }) => ({ id, score, cos: c, lex, path }));
}

/**
 * Each file's page score in [0,1): its head's bm25 (file-bm25.ts) for the query's words, their
 * forms and lexicon words. Forms in more chunks than the OR side's bound are left out, as there:
 * counting them per file is what costs, and they tell little.
 */
function pageScores(
  store: VfsStore,
  pages: PageEvidence,
  groups: readonly WordGroup[],
  x: ExpansionOptions,
  maxDocs: number,
  within: (p: string) => boolean,
): { get(path: string): number | undefined; top: string[] } {
  const rare = (forms: Iterable<string>): string[] => store.lexical.rare(forms, maxDocs);
  const terms: FileTerm[] = [];
  for (const g of groups) {
    const forms = rare(g.forms);
    if (forms.length) terms.push({ forms, weight: 1 });
    if (x.lexiconFile) for (const r of g.related) {
      const rf = rare(r);
      if (rf.length) terms.push({ forms: rf, weight: x.lexiconFile });
    }
  }
  // the head alone: mixed with the whole file's bm25 it did worse on the tuning sets
  const s = pages.bm25.byNumber(terms, pages.generation, true, false);
  // read by number (a Map of every page that scored, and a sort of it, cost a tenth of a query):
  // the best PAGE_CANDIDATES within scope, by score, equal scores in the order they were scored
  const top: number[] = [];
  for (const i of s.touched) {
    const v = s.head[i]!;
    if (!(v > 0) || (top.length === PAGE_CANDIDATES && v <= s.head[top[top.length - 1]!]!) || !within(s.paths[i]!)) continue;
    let at = top.length;
    while (at > 0 && s.head[top[at - 1]!]! < v) at--;
    top.splice(at, 0, i);
    if (top.length > PAGE_CANDIDATES) top.pop();
  }
  return {
    get: (path) => {
      const i = s.number.get(path);
      const v = i === undefined ? 0 : s.head[i]!;
      return v > 0 && within(path) ? v : undefined;
    },
    top: top.map((i) => s.paths[i]!),
  };
}

/** Reciprocal-rank fusion: score = sum over signals of weight / (60 + rank), counting only signals > 0. */
function reciprocalRanks(hits: { score: number; signals: number[] }[], w: ChunkWeights): void {
  const weights = [w.cos, w.coverage, w.bm25, w.name, w.file, w.page ?? 0, w.topic ?? 0];
  for (const h of hits) h.score = 0;
  weights.forEach((weight, s) => {
    const sorted = [...hits].sort((a, b) => b.signals[s]! - a.signals[s]!);
    sorted.forEach((h, rank) => {
      if (h.signals[s]! > 0) h.score += weight / (60 + rank);
    });
  });
}
