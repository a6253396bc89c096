// One ranking for finding files and directories by meaning (vfs layer): ls similar-to, find
// similar-to, search and the semantic references of cd/cat/... all rank with rankPaths(). A
// file's score fuses chunk evidence with the file itself:
//   coverage: the share of the query's words (idf-weighted; a word counts when any of its forms,
//             stem.ts, is in one of the file's best chunks or in its name) -- absolute, in [0,1];
//   passage:  the best cosine between the query and one of the file's chunks;
//   centroid: the cosine with the file's own vector (its whole text);
//   name:     the share of the query's words in the file's name (field weight);
//   bm25:     the file's best chunk bm25, relative to the best of the query (breaks ties);
//   file:     the whole file's bm25 (file-bm25.ts: stemmed forms, neighbours as weaker terms),
//             relative to the best file of the query.
// A directory scores by its own name/description and vector, and by its best file below.
// Weights are tuned on bench/vfs-eval.mjs's tuning sets only (bench/results/vfs.md).
import { cosine, type Embedder } from '../embed/types.js';
import type { WordNeighbours } from './expansion.js';
import type { FileBm25, FileTerm } from './file-bm25.js';
import type { DirectoryVectors } from './semantic-path.js';
import { checkQuery, DEFAULT_MAX_OR_DOCS, embedQuery, queryWords } from './search.js';
import { stem } from './stem.js';
import type { VectorIndex } from './index-sync.js';
import type { ChunkRow, VfsStore } from './store.js';
import type { InodeKind } from './types.js';
import { baseName, parentOf } from './vpath.js';

export interface RankWeights {
  coverage: number;
  passage: number;
  centroid: number;
  name: number;
  bm25: number;
  file: number;
}

/** Tuned on the tuning sets of bench/vfs-eval.mjs (known items + tuning paraphrases). */
/** Nearest store words added per query word, and the weight of one (times its similarity) against the word itself. */
export const EXPANSIONS = 3;
export const EXPANSION_WEIGHT = 0.5;

export const DEFAULT_WEIGHTS: RankWeights = { coverage: 0.4, passage: 0.15, centroid: 0.1, name: 0.2, bm25: 0.15, file: 0 };

/** Query expansion settings: neighbours per query word, their weight (times similarity) in coverage and in the file bm25. */
export interface ExpansionSettings {
  count: number;
  weight: number;
  fileWeight: number;
}
export const DEFAULT_EXPANSION: ExpansionSettings = { count: EXPANSIONS, weight: EXPANSION_WEIGHT, fileWeight: 0 };

/** How much of a file's score a directory two levels up gets, relative to its parent directory. */
const BELOW_DECAY = 0.9;
/** Candidates (each side) a scoped query wants inside its scope before it searches the scope alone. */
const MIN_INSIDE = 10;
/** Chunks read from each side (lexical, vector) per query. */
const POOL = 100;

export interface PathScore {
  path: string;
  kind: InodeKind;
  score: number;
  /** The chunk that best supports a file (id, first line), when one was a candidate. */
  best?: { id: number; line: number; text: string };
}

export interface RankOptions {
  /** Rank inodes below this directory. */
  dir: string;
  kind?: InodeKind;
  /** Only the direct children of dir (ls). */
  children?: boolean;
  weights?: RankWeights;
  /**
   * How the file signals are fused: 'weighted' (the default; the weighted sum, an absolute score
   * that the reference threshold can use) or 'rrf' (reciprocal-rank fusion of the five signals'
   * rankings, weighted; compared in bench/vfs-tune.mjs — scores are then ranks, not confidences).
   */
  fusion?: 'weighted' | 'rrf';
  /** Query expansion (DEFAULT_EXPANSION unless given; compared in bench/vfs-tune.mjs). */
  expansion?: ExpansionSettings;
}

interface WordGroup {
  /** The word's own forms (weight 1). */
  forms: Set<string>;
  /** Neighbour words from the word vectors, with their weight (< 1). */
  near: Map<string, number>;
  stem: string;
  idf: number;
}

/** What rankPaths reads: the store, its indexes and the embedder. */
export interface RankDeps {
  store: VfsStore;
  index: VectorIndex;
  dirs: DirectoryVectors;
  embedder: Embedder;
  neighbours?: WordNeighbours;
  fileBm25?: FileBm25;
}

/** The query's word groups (each word with its indexed forms and neighbours) and their idf. */
function wordGroups(store: VfsStore, query: string, neighbours: WordNeighbours | undefined, x: ExpansionSettings): WordGroup[] {
  const n = Math.max(1, store.lexical.ftsTotals().rows);
  return queryWords(query).map((w) => {
    const forms = store.lexical.forms(w);
    const docs = store.lexical.termDocs(forms);
    const df = Math.max(0, ...docs.values());
    const near = new Map((neighbours?.nearest(w, x.count, n) ?? []).map((nb) => [nb.word, x.weight * nb.similarity]));
    return { forms: new Set([w, ...forms]), near, stem: stem(w), idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
  });
}

/** Idf-weighted share of the groups met (each group met to a degree in [0,1]). */
function cover(groups: readonly WordGroup[], degree: (g: WordGroup, i: number) => number): number {
  let all = 0;
  let met = 0;
  groups.forEach((g, i) => {
    all += g.idf;
    met += g.idf * Math.min(1, degree(g, i));
  });
  return all > 0 ? met / all : 0;
}

/** The stems of the words of a name (file or directory name, description). */
function nameStems(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
}

/** A matcher of every form and neighbour of every group in a text: the degree each group is met to. */
function groupMatcher(groups: readonly WordGroup[]): (text: string) => Map<number, number> {
  const byWord = new Map<string, { group: number; weight: number }>();
  groups.forEach((g, i) => {
    for (const f of g.forms) byWord.set(f, { group: i, weight: 1 });
    for (const [f, weight] of g.near) if (!byWord.has(f)) byWord.set(f, { group: i, weight });
  });
  const alternatives = [...byWord.keys()].filter((f) => /^[\p{L}\p{N}_]+$/u.test(f)).sort((a, b) => b.length - a.length);
  if (!alternatives.length) return () => new Map();
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return (text) => {
    const met = new Map<number, number>();
    for (const m of text.toLowerCase().matchAll(re)) {
      const { group, weight } = byWord.get(m[0])!;
      met.set(group, Math.max(met.get(group) ?? 0, weight));
    }
    return met;
  };
}

interface FileEvidence {
  /** Degree each query word is met to in the file's candidate chunks. */
  met: Map<number, number>;
  passage: number;
  bm25: number;
  best?: { id: number; line: number; text: string; score: number };
}

/** Ranks files and directories for a query, best first; fails fs.emptyQuery / fs.queryTooLong. */
export async function rankPaths(deps: RankDeps, query: string, opts: RankOptions): Promise<PathScore[]> {
  const { store, index, dirs, embedder } = deps;
  const q = checkQuery(query);
  const w = opts.weights ?? DEFAULT_WEIGHTS;
  const qv = await embedQuery(embedder, q);
  const x = opts.expansion ?? DEFAULT_EXPANSION;
  const groups = wordGroups(store, q, deps.neighbours, x);
  const match = groupMatcher(groups);
  const within = (p: string): boolean => (opts.children ? parentOf(p) === opts.dir : opts.dir === '/' || p.startsWith(opts.dir + '/'));
  const scope = opts.dir;

  // Candidate chunks: the nearest by vector, and the best by bm25 over the query's forms.
  const cos = new Map<number, number>();
  // The whole index is searched first (a subtree search must first list the subtree's chunks);
  // only when few of the nearest are inside the scope is the scope searched on its own.
  // chunk rows read once per query (the scope checks below and the evidence share them)
  const rows = new Map<number, ChunkRow>();
  const read = (ids: readonly number[]): Map<number, ChunkRow> => {
    const missing = ids.filter((id) => !rows.has(id));
    for (const [id, row] of store.chunksOf(missing)) rows.set(id, row);
    return rows;
  };
  let near = index.search(qv, POOL, '/');
  if (scope !== '/') {
    const found = read(near.map((nb) => nb.label));
    const inside = near.filter((nb) => within(found.get(nb.label)?.path ?? '')).length;
    if (inside < MIN_INSIDE) near = index.search(qv, POOL, scope);
  }
  for (const nb of near) cos.set(nb.label, nb.score);
  const terms = new Set<string>();
  // the neighbours only weigh in coverage: OR-ed into bm25 they crowd out the query's own words
  for (const g of groups) for (const f of g.forms) terms.add(f);
  const docs = store.lexical.termDocs([...terms]);
  // words too common are left out of the OR (as in search.ts); they still count in coverage
  const kept = [...docs.entries()].filter(([, d]) => d <= DEFAULT_MAX_OR_DOCS).map(([t]) => t);
  const expr = kept.map((t) => `"${t}"`).join(' OR ');
  // likewise the whole FTS5 index first (a subtree query joins every match to its inode), scored
  // here from cached postings: FTS5 scanned every word's doclist twice per query (lexical-index.ts)
  let lex = expr ? store.lexical.ftsAny(kept, POOL) : [];
  if (expr && scope !== '/') {
    const found = read(lex.map((r) => r.id));
    if (lex.filter((r) => within(found.get(r.id)?.path ?? '')).length < MIN_INSIDE) lex = store.lexical.fts(expr, POOL, scope);
  }
  const bestBm = lex.reduce((m, r) => Math.max(m, -r.bm25), 0);
  const bm = new Map(lex.map((r) => [r.id, bestBm > 0 ? -r.bm25 / bestBm : 0]));
  const ids = [...new Set([...cos.keys(), ...bm.keys()])];
  read(ids);
  const vectors = store.vectorsOf(ids.filter((id) => !cos.has(id)));

  const files = new Map<string, FileEvidence>();
  for (const id of ids) {
    const row = rows.get(id);
    if (!row || !within(row.path)) continue;
    const c = Math.max(0, cos.get(id) ?? (vectors.has(id) ? cosine(qv, vectors.get(id)!) : 0));
    const metGroups = match(row.text);
    let ev = files.get(row.path);
    if (!ev) files.set(row.path, (ev = { met: new Map(), passage: 0, bm25: 0 }));
    let metHere = 0;
    for (const [i, d] of metGroups) {
      ev.met.set(i, Math.max(ev.met.get(i) ?? 0, d));
      metHere += d * groups[i]!.idf;
    }
    ev.passage = Math.max(ev.passage, c);
    ev.bm25 = Math.max(ev.bm25, bm.get(id) ?? 0); // the best chunk (summing over chunks favours long pages: bench/results/vfs.md)
    const local = c + metHere;
    if (!ev.best || local > ev.best.score) ev.best = { id, line: row.start_line, text: row.text, score: local };
  }

  const out: PathScore[] = [];
  const fileScores = new Map<string, number>();
  const whole = wholeFile(deps, groups, x, w);
  const rrfSignals = new Map<PathScore, readonly number[]>();
  {
    // every file below dir is scored (a directory's score needs its files'), those in scope kept
    for (const { path, vector } of dirs.files()) {
      if (opts.dir !== '/' && !path.startsWith(opts.dir + '/')) continue;
      const ev = files.get(path);
      const names = dirs.nameStems(path, nameStems);
      const coverage = cover(groups, (g, i) => (names.has(g.stem) ? 1 : ev?.met.get(i) ?? 0));
      const signals = [
        coverage, ev?.passage ?? 0, Math.max(0, cosine(qv, vector)), cover(groups, (g) => (names.has(g.stem) ? 1 : 0)), ev?.bm25 ?? 0,
        whole.get(path) ?? 0,
      ] as const;
      const score =
        w.coverage * signals[0] + w.passage * signals[1] + w.centroid * signals[2] + w.name * signals[3] + w.bm25 * signals[4] + w.file * signals[5];
      fileScores.set(path, score);
      if (within(path) && opts.kind !== 'dir') {
        const hit: PathScore = { path, kind: 'file', score };
        if (opts.fusion === 'rrf') rrfSignals.set(hit, signals);
        if (ev?.best) hit.best = { id: ev.best.id, line: ev.best.line, text: ev.best.text };
        out.push(hit);
      }
    }
  }
  if (rrfSignals.size) reciprocalRanks(rrfSignals, w);
  if (opts.kind !== 'file') out.push(...rankDirs(dirs, qv, groups, fileScores, within, w));
  return out.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
}

/** Each file's whole-file bm25 relative to the best file's (in [0,1]); empty when unweighted or unavailable. */
function wholeFile(deps: RankDeps, groups: readonly WordGroup[], x: ExpansionSettings, w: RankWeights): Map<string, number> {
  if (!deps.fileBm25 || w.file <= 0) return new Map();
  const terms: FileTerm[] = [];
  for (const g of groups) {
    terms.push({ forms: [...g.forms], weight: 1 });
    if (x.fileWeight > 0) for (const [f, weight] of g.near) terms.push({ forms: [f], weight: (x.fileWeight * weight) / Math.max(x.weight, 1e-9) });
  }
  const raw = deps.fileBm25.scores(terms, deps.dirs.generation);
  const best = Math.max(0, ...raw.values());
  return best > 0 ? new Map([...raw].map(([p, s]) => [p, s / best])) : new Map();
}

/** Directories: their own name/description and vector, and the best file below them. */
function rankDirs(
  dirs: DirectoryVectors,
  qv: Float32Array,
  groups: readonly WordGroup[],
  fileScores: Map<string, number>,
  within: (p: string) => boolean,
  w: RankWeights,
): PathScore[] {
  // a file's evidence counts fully for its own directory and 10 % less for each level above
  const below = new Map<string, number>();
  for (const [path, s] of fileScores) {
    let k = 1;
    for (let d = parentOf(path); d !== '/'; d = parentOf(d), k *= BELOW_DECAY) below.set(d, Math.max(below.get(d) ?? 0, s * k));
  }
  const described = dirs.described();
  const out: PathScore[] = [];
  for (const [path, v] of dirs.vectors()) {
    if (!within(path)) continue;
    const names = nameStems(described.get(path) ?? baseName(path));
    const named = cover(groups, (g) => (names.has(g.stem) ? 1 : 0));
    const own = (w.coverage + w.name) * named + (w.passage + w.centroid + w.bm25 + w.file) * Math.max(0, cosine(qv, v));
    out.push({ path, kind: 'dir', score: 0.5 * own + 0.5 * Math.max(own, below.get(path) ?? 0) });
  }
  return out;
}

/** Reciprocal-rank fusion: each file's score becomes sum over signals of weight / (60 + rank). */
function reciprocalRanks(signals: Map<PathScore, readonly number[]>, w: RankWeights): void {
  const weights = [w.coverage, w.passage, w.centroid, w.name, w.bm25, w.file];
  const hits = [...signals.keys()];
  for (const h of hits) h.score = 0;
  weights.forEach((weight, s) => {
    const sorted = [...hits].sort((a, b) => signals.get(b)![s]! - signals.get(a)![s]!);
    sorted.forEach((h, rank) => {
      if (signals.get(h)![s]! > 0) h.score += weight / (60 + rank);
    });
  });
}

