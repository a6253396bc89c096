// One ranking for finding files and directories by meaning (vfs layer): ls similar-to, find
// similar-to, search and the semantic references of cd/cat/... all rank with rankPaths(). A
// file's score fuses chunk evidence with the file itself:
//   coverage: the share of the query's words (idf-weighted; a word counts when any of its forms,
//             stem.ts, is in one of the file's best chunks or in its name) -- absolute, in [0,1];
//   passage:  the best cosine between the query and one of the file's chunks;
//   centroid: the cosine with the file's own vector (its whole text);
//   name:     the share of the query's words in the file's name (field weight);
//   bm25:     the file's best chunk bm25, relative to the best of the query (breaks ties);
//   file:     the whole file's bm25 (file-bm25.ts: stemmed forms, lexicon words as weaker terms),
//             as a share of an ideal match (absolute, so the reference threshold can use it);
//   head:     the same bm25 of the file's head alone (its first chunks and name, scored against
//             the other heads), where a page says what it is for: the strongest signal.
// Directories are scored in rank-dirs.ts; the query's word groups come from query-groups.ts.
// Weights are tuned on bench/vfs-eval.mjs's tuning sets only (bench/results/vfs.md).
import { cosine, type Embedder } from '../embed/types.js';
import type { CorpusAssociations } from './associations.js';
import type { WordNeighbours } from './expansion.js';
import type { FileBm25, FileTerm } from './file-bm25.js';
import { feedbackWords, rocchio, type FeedbackSettings } from './feedback.js';
import { cover, DEFAULT_EXPANSION, groupMatcher, nameStems, withoutFrame, wordGroups, type ExpansionSettings, type WordGroup } from './query-groups.js';
import { DIR_WEIGHTS, rankDirs } from './rank-dirs.js';
import type { PathScore, RankWeights } from './rank-types.js';
import type { DirectoryVectors } from './semantic-path.js';
import { checkQuery, DEFAULT_MAX_OR_DOCS, embedQuery } from './search.js';
import type { VectorIndex } from './index-sync.js';
import type { ChunkRow, VfsStore } from './store.js';
import type { InodeKind } from './types.js';
import { parentOf } from './vpath.js';

export type { PathScore, RankWeights } from './rank-types.js';
export { withoutFrame } from './query-groups.js';

/** Tuned on the tuning sets of bench/vfs-eval.mjs (known items + tuning paraphrases) with bench/vfs-tune.mjs. */
export const DEFAULT_WEIGHTS: RankWeights = { coverage: 0.115, passage: 0.08, centroid: 0.08, name: 0.08, bm25: 0, file: 0.185, head: 0.46 };

/** Candidates (each side) a scoped query wants inside its scope before it searches the scope alone. */
const MIN_INSIDE = 10;
/** Chunks read from each side (lexical, vector) per query. */
const POOL = 100;

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
  /** Pseudo-relevance feedback (none unless given; compared in bench/vfs-tune.mjs). */
  feedback?: FeedbackSettings;
}

/** What rankPaths reads: the store, its indexes and the embedder. */
export interface RankDeps {
  store: VfsStore;
  index: VectorIndex;
  dirs: DirectoryVectors;
  embedder: Embedder;
  neighbours?: WordNeighbours;
  fileBm25?: FileBm25;
  /** Corpus word associations, used when RankOptions.expansion.assoc > 0 (measured in bench/vfs-tune.mjs). */
  associations?: CorpusAssociations;
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
  const q = withoutFrame(checkQuery(query));
  const w = opts.weights ?? DEFAULT_WEIGHTS;
  const qv = await embedQuery(embedder, q);
  const x = opts.expansion ?? DEFAULT_EXPANSION;
  const assoc = deps.associations;
  const groups = wordGroups(store, q, deps.neighbours, x, assoc && ((word, k) => assoc.associated(word, k, dirs.generation)));
  const match = groupMatcher(groups);
  // evidence is gathered for every file below dir (a child directory's score needs its files'),
  // results kept for those within (the direct children for ls)
  const under = (p: string): boolean => opts.dir === '/' || p.startsWith(opts.dir + '/');
  const within = (p: string): boolean => (opts.children ? parentOf(p) === opts.dir : under(p));
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
    const inside = near.filter((nb) => under(found.get(nb.label)?.path ?? '')).length;
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
    if (lex.filter((r) => under(found.get(r.id)?.path ?? '')).length < MIN_INSIDE) lex = store.lexical.fts(expr, POOL, scope);
  }
  const bestBm = lex.reduce((m, r) => Math.max(m, -r.bm25), 0);
  const bm = new Map(lex.map((r) => [r.id, bestBm > 0 ? -r.bm25 / bestBm : 0]));
  const ids = [...new Set([...cos.keys(), ...bm.keys()])];
  read(ids);
  const vectors = store.vectorsOf(ids.filter((id) => !cos.has(id)));

  const files = new Map<string, FileEvidence>();
  for (const id of ids) {
    const row = rows.get(id);
    if (!row || !under(row.path)) continue;
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

  // every file below dir is scored (a directory's score needs its files'), those in scope kept
  const scored: { path: string; vector: Float32Array; ev: FileEvidence | undefined; signals: number[]; score: number }[] = [];
  // both fields in one pass; without a file weight only the heads are read
  const first = deps.fileBm25 && (w.file > 0 || w.head) ? deps.fileBm25.both(fileTerms(store, groups, [], x), dirs.generation, !!w.head, w.file > 0) : undefined;
  let whole = first?.file ?? new Map<string, number>();
  const heads = first?.head ?? new Map<string, number>();
  for (const { path, vector } of dirs.files()) {
    if (opts.dir !== '/' && !path.startsWith(opts.dir + '/')) continue;
    const ev = files.get(path);
    const names = dirs.nameStems(path, nameStems);
    const coverage = cover(groups, (g, i) => (names.has(g.key) ? 1 : ev?.met.get(i) ?? 0));
    const named = cover(groups, (g) => (names.has(g.key) ? 1 : 0));
    const signals = [coverage, ev?.passage ?? 0, Math.max(0, cosine(qv, vector)), named, ev?.bm25 ?? 0, whole.get(path) ?? 0, heads.get(path) ?? 0];
    scored.push({ path, vector, ev, signals, score: fuse(signals, w) });
  }
  const fb = opts.feedback;
  if (fb && fb.files > 0) {
    // pseudo-relevance feedback (feedback.ts) from the first pass's best files in scope
    const top = scored.filter((f) => within(f.path)).sort((a, b) => b.score - a.score).slice(0, fb.files);
    const qv2 = rocchio(qv, top.map((f) => f.vector), fb.beta);
    const extra = feedbackWords(
      top.flatMap((f) => (f.ev?.best ? [{ text: f.ev.best.text, weight: f.score }] : [])),
      fb.terms,
      new Set(groups.map((g) => g.stem)),
      new Set(groups.flatMap((g) => [...g.forms, ...g.near.keys()])),
      (ws) => store.lexical.termDocs(ws),
      Math.max(1, store.lexical.ftsTotals().rows),
    ).map((t) => ({ forms: [t.word], weight: fb.termWeight * t.weight }));
    if (extra.length) whole = wholeFile(deps, groups, extra, x, w);
    for (const f of scored) {
      if (fb.beta > 0) f.signals[2] = Math.max(0, cosine(qv2, f.vector));
      if (extra.length) f.signals[5] = whole.get(f.path) ?? 0;
      f.score = fuse(f.signals, w);
    }
  }
  const out: PathScore[] = [];
  const fileScores = new Map<string, number>();
  const rrfSignals = new Map<PathScore, readonly number[]>();
  for (const { path, ev, signals, score } of scored) {
    fileScores.set(path, score);
    if (within(path) && opts.kind !== 'dir') {
      const hit: PathScore = { path, kind: 'file', score };
      if (opts.fusion === 'rrf') rrfSignals.set(hit, signals);
      if (ev?.best) hit.best = { id: ev.best.id, line: ev.best.line, text: ev.best.text };
      out.push(hit);
    }
  }
  if (rrfSignals.size) reciprocalRanks(rrfSignals, w);
  if (opts.kind !== 'file') {
    // directories read their files' scores under DIR_WEIGHTS (see there)
    const forDirs = opts.weights ? fileScores : new Map(scored.map((f) => [f.path, fuse(f.signals, DIR_WEIGHTS)]));
    out.push(...rankDirs(dirs, qv, groups, forDirs, within, opts.weights ?? DIR_WEIGHTS));
  }
  return out.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
}

/** A file's score: the weighted sum of its signals (coverage, passage, centroid, name, bm25, file, head). */
function fuse(s: readonly number[], w: RankWeights): number {
  return w.coverage * s[0]! + w.passage * s[1]! + w.centroid * s[2]! + w.name * s[3]! + w.bm25 * s[4]! + w.file * s[5]! + (w.head ?? 0) * s[6]!;
}

/** Each file's whole-file bm25 as a share of an ideal match (in [0,1], file-bm25.ts); empty when unweighted or unavailable. */
function wholeFile(deps: RankDeps, groups: readonly WordGroup[], extra: readonly FileTerm[], x: ExpansionSettings, w: RankWeights): Map<string, number> {
  if (!deps.fileBm25 || w.file <= 0) return new Map();
  return deps.fileBm25.scores(fileTerms(deps.store, groups, extra, x), deps.dirs.generation);
}

/** The query's terms for file-bm25.ts: each word with its forms, its neighbours (if weighted), its lexicon words and extra terms. */
function fileTerms(store: VfsStore, groups: readonly WordGroup[], extra: readonly FileTerm[], x: ExpansionSettings): FileTerm[] {
  const terms: FileTerm[] = [...extra];
  for (const g of groups) {
    terms.push({ forms: [...g.forms], weight: 1 });
    if (x.fileWeight > 0) for (const [f, weight] of g.near) if (!g.assoc.has(f)) terms.push({ forms: [f], weight: (x.fileWeight * weight) / Math.max(x.weight, 1e-9) });
    for (const [f, weight] of g.assoc) terms.push({ forms: [f], weight });
    // a lexicon word's common forms are left out, as from the OR query: reading them is what costs
    if (x.lexiconFile) {
      for (const forms of g.related) {
        const rare = store.lexical.rare(forms, DEFAULT_MAX_OR_DOCS);
        if (rare.length) terms.push({ forms: rare, weight: x.lexiconFile });
      }
    }
  }
  return terms;
}

/** Reciprocal-rank fusion: each file's score becomes sum over signals of weight / (60 + rank). */
function reciprocalRanks(signals: Map<PathScore, readonly number[]>, w: RankWeights): void {
  const weights = [w.coverage, w.passage, w.centroid, w.name, w.bm25, w.file, w.head ?? 0];
  const hits = [...signals.keys()];
  for (const h of hits) h.score = 0;
  weights.forEach((weight, s) => {
    const sorted = [...hits].sort((a, b) => signals.get(b)![s]! - signals.get(a)![s]!);
    sorted.forEach((h, rank) => {
      if (signals.get(h)![s]! > 0) h.score += weight / (60 + rank);
    });
  });
}

