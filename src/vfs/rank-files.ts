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
//             the other heads), where a page says what it is for: the strongest signal;
//   topic:    then the best files are re-ranked by the cosine of the query's and the page's
//             topic vectors (page-topics.ts): word vectors trained on manuals, for paraphrases.
// Directories are scored in rank-dirs.ts; the query's word groups come from query-groups.ts.
// Weights are tuned on bench/vfs-eval.mjs's tuning sets only (bench/results/vfs.md).
import { cosine, type Embedder } from '../embed/types.js';
import type { CorpusAssociations } from './associations.js';
import type { WordNeighbours } from './expansion.js';
import type { FileBm25, FileScoreArrays, FileTerm } from './file-bm25.js';
import { feedbackWords, rocchio, type FeedbackSettings } from './feedback.js';
import { cover, DEFAULT_EXPANSION, metInChunks, nameStems, withoutFrame, wordGroups, type ExpansionSettings, type WordGroup } from './query-groups.js';
import { DIR_WEIGHTS, rankDirs, TOP_FILES } from './rank-dirs.js';
import type { PathScore, RankWeights } from './rank-types.js';
import { below, bestOf, byParent, dots, groupByParent, numbering } from './file-table.js';
import { RERANK, type PageTopics } from './page-topics.js';
import type { DirectoryVectors } from './semantic-path.js';
import { checkQuery, DEFAULT_MAX_OR_DOCS, embedQuery } from './search.js';
import type { VectorIndex } from './index-sync.js';
import type { ChunkRow, VfsStore } from './store.js';
import type { InodeKind } from './types.js';
import { parentOf } from './vpath.js';

export type { PathScore, RankWeights } from './rank-types.js';
export { withoutFrame } from './query-groups.js';

/** Tuned on the tuning sets of bench/vfs-eval.mjs (known items + tuning paraphrases) with bench/vfs-tune.mjs. */
export const DEFAULT_WEIGHTS: RankWeights = { coverage: 0.115, passage: 0.08, centroid: 0.08, name: 0.08, bm25: 0, file: 0.185, head: 0.46, topic: 0.3 };

/** Candidates (each side) a scoped query wants inside its scope before it searches the scope alone. */
const MIN_INSIDE = 10;
/** Chunks read from each side (lexical, vector) per query. */
const POOL = 100;
/**
 * The vector side's search breadth. The index's ef (512) is chosen for the recall of grep
 * meaning's nearest ten; here a hundred neighbours each weigh little (passage 0.08), and ef 256
 * gave the same figures on the tuning sets of bench/vfs-eval.mjs (ef 128 lost a tuning
 * paraphrase), for ~6 % less time at ~100k chunks (bench/results/vfs.md).
 */
const NEAREST_EF = 256;

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
  /** Only the best this many results (files and directories together); all when absent. */
  limit?: number;
  /** Give each file its best passage (PathScore.best: its line and text, read for the results alone); `search` shows them. */
  passages?: boolean;
}

/** What rankPaths reads: the store, its indexes and the embedder. */
export interface RankDeps {
  store: VfsStore;
  index: VectorIndex;
  dirs: DirectoryVectors;
  embedder: Embedder;
  neighbours?: WordNeighbours;
  /** The whole-file bm25, and the layout that says which file each chunk is of. */
  fileBm25: FileBm25;
  /** Page topics (re-ranks the best files when RankWeights.topic > 0). */
  topics?: PageTopics;
  /** Corpus word associations, used when RankOptions.expansion.assoc > 0 (measured in bench/vfs-tune.mjs). */
  associations?: CorpusAssociations;
}

interface FileEvidence {
  /** Degree each query word is met to in the file's candidate chunks. */
  met: Map<number, number>;
  passage: number;
  bm25: number;
  /** Its best chunk (by cosine and words held) and that chunk's local score; its text is read for the results alone. */
  best?: { id: number; score: number };
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
  // evidence is gathered for every file below dir (a child directory's score needs its files'),
  // results kept for those within (the direct children for ls)
  const under = (p: string): boolean => opts.dir === '/' || p.startsWith(opts.dir + '/');
  const within = (p: string): boolean => (opts.children ? parentOf(p) === opts.dir : under(p));
  const scope = opts.dir;
  // each chunk's file, from the whole-file layout: no candidate's row is read
  const pathOf = deps.fileBm25.fileOfChunk(dirs.generation);
  const inside = (id: number): boolean => {
    const path = pathOf(id);
    return path !== undefined && under(path);
  };

  // Candidate chunks: the nearest by vector, and the best by bm25 over the query's forms.
  const cos = new Map<number, number>();
  // The whole index is searched first (a subtree search must first list the subtree's chunks);
  // only when few of the nearest are inside the scope is the scope searched on its own.
  let near = index.search(qv, POOL, '/', NEAREST_EF);
  if (scope !== '/' && near.filter((nb) => inside(nb.label)).length < MIN_INSIDE) near = index.search(qv, POOL, scope, NEAREST_EF);
  for (const nb of near) cos.set(nb.label, nb.score);
  const terms = new Set<string>();
  // the neighbours only weigh in coverage: OR-ed into bm25 they crowd out the query's own words
  for (const g of groups) for (const f of g.forms) terms.add(f);
  const docs = store.lexical.termDocs([...terms]);
  // words too common are left out of the OR (as in search.ts); they still count in coverage
  const orTerms = [...docs.entries()].filter(([, d]) => d <= DEFAULT_MAX_OR_DOCS).map(([t]) => t);
  const expr = orTerms.map((t) => `"${t}"`).join(' OR ');
  // likewise the whole FTS5 index first (a subtree query joins every match to its inode), scored
  // here from cached postings: FTS5 scanned every word's doclist twice per query (lexical-index.ts)
  let lex = expr ? store.lexical.ftsAny(orTerms, POOL) : [];
  if (expr && scope !== '/' && lex.filter((r) => inside(r.id)).length < MIN_INSIDE) lex = store.lexical.fts(expr, POOL, scope);
  const bestBm = lex.reduce((m, r) => Math.max(m, -r.bm25), 0);
  const bm = new Map(lex.map((r) => [r.id, bestBm > 0 ? -r.bm25 / bestBm : 0]));
  // the candidates in files below dir, ascending
  const ids = Int32Array.from(new Set([...cos.keys(), ...bm.keys()])).filter(inside).sort();
  const vectors = store.vectorsOf(Array.from(ids).filter((id) => !cos.has(id)));
  // the words each candidate holds, from the words' lists of chunks (the lexical index's, cached)
  const met = metInChunks(groups, ids, (word) => store.lexical.holders(word));

  const files = new Map<string, FileEvidence>();
  ids.forEach((id, k) => {
    const path = pathOf(id)!;
    const c = Math.max(0, cos.get(id) ?? (vectors.has(id) ? cosine(qv, vectors.get(id)!) : 0));
    let ev = files.get(path);
    if (!ev) files.set(path, (ev = { met: new Map(), passage: 0, bm25: 0 }));
    let metHere = 0;
    for (const [i, d] of met[k]!) {
      ev.met.set(i, Math.max(ev.met.get(i) ?? 0, d));
      metHere += d * groups[i]!.idf;
    }
    ev.passage = Math.max(ev.passage, c);
    ev.bm25 = Math.max(ev.bm25, bm.get(id) ?? 0); // the best chunk (summing over chunks favours long pages: bench/results/vfs.md)
    const local = c + metHere;
    if (!ev.best || local > ev.best.score) ev.best = { id, score: local };
  });

  // Every file below dir that can change the result is scored (a directory's score needs its
  // files'), those in scope kept. The per-file work is array reads and one dot product (file-table.ts).
  // both fields in one pass; without a file weight only the heads are read
  const first = deps.fileBm25 && (w.file > 0 || w.head) ? deps.fileBm25.byNumber(fileTerms(store, groups, [], x), dirs.generation, !!w.head, w.file > 0) : undefined;
  const t = dirs.fileTable(nameStems);
  const n = t.paths.length;
  // file-bm25.ts numbers the files its own way: its scores are moved to this table's numbers
  const renumber = (s: FileScoreArrays | undefined, field: 'file' | 'head'): Float64Array => {
    const out = new Float64Array(n);
    if (!s) return out;
    const to = numbering(t, s.paths);
    for (const i of s.touched) if (to[i]! >= 0) out[to[i]!] = s[field][i]!;
    return out;
  };
  let whole = renumber(first, 'file');
  const heads = renumber(first, 'head');
  const evs: (FileEvidence | undefined)[] = new Array(n);
  for (const [p, ev] of files) {
    const i = t.index.get(p);
    if (i !== undefined) evs[i] = ev;
  }
  /** The rows of the best passages of files (by table number). */
  const passages = (list: readonly number[]): Map<number, ChunkRow> => store.chunksOf(list.flatMap((i) => (evs[i]?.best ? [evs[i]!.best!.id] : [])));
  // the share of the query's words each file's name holds, from the names' index
  const idfSum = groups.reduce((s, g) => s + g.idf, 0);
  const named = new Float64Array(n);
  if (idfSum > 0) for (const g of groups) for (const i of t.byName.get(g.key) ?? []) named[i] = named[i]! + g.idf / idfSum;
  const idx = below(t, opts.dir);
  // a file number in scope: every one of idx (below dir), or for ls those directly in dir
  const inScope = (i: number): boolean => !opts.children || t.parents[i] === opts.dir;
  const fb = opts.feedback;
  // every file's signals are kept only when something reads them again (rrf, feedback); else
  // each file's are written over the last one's
  const keep = opts.fusion === 'rrf' || !!(fb && fb.files > 0);
  const sig = new Float64Array(keep ? n * SIGNALS : SIGNALS);
  const score = new Float64Array(n);
  // directories read their files' scores under DIR_WEIGHTS (see there), worked out here unless
  // the signals are kept (then after feedback, below)
  const dirScores = opts.kind !== 'file' && !opts.weights ? new Float64Array(n) : undefined;
  const centroid = new Float64Array(n);
  // withCentroid false: every signal but the centroid cosine (a lower bound of the score, which
  // that cosine raises by at most its weight)
  const scoreFiles = (list: readonly number[], withCentroid = true): void => {
    if (withCentroid) dots(t, qv, list, centroid);
    for (const i of list) {
      const ev = evs[i];
      const names = t.names[i]!;
      const o = keep ? i * SIGNALS : 0;
      sig[o] = ev ? cover(groups, (g, j) => (names.has(g.key) ? 1 : ev.met.get(j) ?? 0)) : named[i]!;
      sig[o + 1] = ev?.passage ?? 0;
      sig[o + 2] = withCentroid ? Math.max(0, centroid[i]!) : 0;
      sig[o + 3] = named[i]!;
      sig[o + 4] = ev?.bm25 ?? 0;
      sig[o + 5] = whole[i]!;
      sig[o + 6] = heads[i]!;
      score[i] = fuse(sig, o, w);
      if (dirScores && !keep) dirScores[i] = fuse(sig, o, DIR_WEIGHTS);
    }
  };
  // The files scored: all below dir, or (pruned()) only those that can change the result
  const scored = !keep && !opts.weights && opts.limit !== undefined ? pruned() : undefined;
  if (!scored) scoreFiles(idx);
  const inTree = scored ?? idx;

  /**
   * Only the files that can change the result are scored in full. A file's signals but its
   * centroid cosine give a lower bound of its score; the cosine adds at most w.centroid (and
   * DIR_WEIGHTS.centroid for directories). So a file whose bound plus that weight is below the
   * bound of the results' last file (the limit, or the files the topic re-ranks), and below the
   * bound of the last of its directory's best few, changes nothing; nor does a file with no
   * evidence at all (no candidate chunk, no bm25, no query word in its name: its bound is 0),
   * once those bounds are above the weights. The same results, for a fraction of the files.
   * Undefined (nothing scored in full) when the bounds do not allow it.
   */
  function pruned(): number[] | undefined {
    const evident = idx.filter((i) => evs[i] || whole[i]! > 0 || heads[i]! > 0 || named[i]! > 0);
    scoreFiles(evident, false);
    const full = new Uint8Array(n);
    if (opts.kind !== 'dir') {
      const need = Math.max(opts.limit!, deps.topics && w.topic ? RERANK : 0);
      const inside = evident.filter(inScope);
      const top = bestOf(inside, score, t.paths, need);
      const bound = top.length === need ? score[top[need - 1]!]! : 0;
      if (!(bound > w.centroid)) return undefined;
      for (const i of inside) if (score[i]! + w.centroid >= bound) full[i] = 1;
    }
    if (dirScores) {
      const members = groupByParent(t, evident);
      // the directories whose files are below dir: dir and those under it
      const inDir = (d: string): boolean => opts.dir === '/' || d === opts.dir || d.startsWith(opts.dir + '/');
      for (const [parent, files] of byParent(t)) {
        if (!inDir(parent)) continue;
        const mine = members.get(parent) ?? [];
        const best = bestOf(mine, dirScores, t.paths, TOP_FILES);
        const bound = best.length === TOP_FILES ? dirScores[best[TOP_FILES - 1]!]! : 0;
        if (bound > DIR_WEIGHTS.centroid) {
          for (const i of mine) if (dirScores[i]! + DIR_WEIGHTS.centroid >= bound) full[i] = 1;
        } else for (const i of files) full[i] = 1; // every file of a directory without three clear ones
      }
    }
    const list: number[] = [];
    for (let i = 0; i < n; i++) if (full[i]) list.push(i);
    scoreFiles(list);
    return list;
  }
  if (fb && fb.files > 0) {
    // pseudo-relevance feedback (feedback.ts) from the first pass's best files in scope
    const top = idx.filter(inScope).sort((a, b) => score[b]! - score[a]!).slice(0, fb.files);
    const qv2 = rocchio(qv, top.map((i) => t.vectors[i]!), fb.beta);
    const texts = passages(top);
    const extra = feedbackWords(
      top.flatMap((i) => {
        const row = texts.get(evs[i]?.best?.id ?? -1);
        return row ? [{ text: row.text, weight: score[i]! }] : [];
      }),
      fb.terms,
      new Set(groups.map((g) => g.stem)),
      new Set(groups.flatMap((g) => [...g.forms, ...g.near.keys()])),
      (ws) => store.lexical.termDocs(ws),
      Math.max(1, store.lexical.ftsTotals().rows),
    ).map((tm) => ({ forms: [tm.word], weight: fb.termWeight * tm.weight }));
    if (extra.length) whole = renumber(wholeFile(deps, groups, extra, x, w), 'file');
    for (const i of idx) {
      const o = i * SIGNALS;
      if (fb.beta > 0) sig[o + 2] = Math.max(0, cosine(qv2, t.vectors[i]!));
      if (extra.length) sig[o + 5] = whole[i]!;
      score[i] = fuse(sig, o, w);
    }
  }
  const kept = opts.children ? inTree.filter(inScope) : inTree;
  if (deps.topics && w.topic && opts.kind !== 'dir' && opts.fusion !== 'rrf') {
    deps.topics.rerank(q, kept, t.paths, score, w.topic, dirs.generation, (k) => bestOf(kept, score, t.paths, k));
  }
  const out: PathScore[] = [];
  // the files' hits, with the text of each one's best passage when asked for (read for these files alone)
  const hitsOf = (list: readonly number[]): PathScore[] => {
    const texts = opts.passages ? passages(list) : new Map<number, ChunkRow>();
    return list.map((i) => {
      const hit: PathScore = { path: t.paths[i]!, kind: 'file', score: score[i]! };
      const row = texts.get(evs[i]?.best?.id ?? -1);
      if (row) hit.best = { id: row.id, line: row.start_line, text: row.text };
      return hit;
    });
  };
  if (opts.kind !== 'dir') {
    if (opts.fusion === 'rrf') {
      const hits = hitsOf(kept);
      const rrfSignals = new Map<PathScore, readonly number[]>(kept.map((i, k) => [hits[k]!, Array.from(sig.subarray(i * SIGNALS, (i + 1) * SIGNALS))]));
      reciprocalRanks(rrfSignals, w);
      out.push(...rrfSignals.keys());
    } else {
      // only the best `limit` files become results (a root-wide find has every file in scope)
      out.push(...hitsOf(opts.limit !== undefined ? bestOf(kept, score, t.paths, opts.limit) : kept));
    }
  }
  if (opts.kind !== 'file') {
    if (dirScores && keep) for (const i of idx) dirScores[i] = fuse(sig, i * SIGNALS, DIR_WEIGHTS);
    out.push(...rankDirs(dirs, qv, groups, { files: inTree, score: dirScores ?? score, parents: t.parents }, within, opts.weights ?? DIR_WEIGHTS));
  }
  out.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}

/** The signals of a file, in this order: coverage, passage, centroid, name, bm25, file, head. */
const SIGNALS = 7;

/** A file's score: the weighted sum of its signals (the SIGNALS numbers of s from offset o). */
function fuse(s: Float64Array, o: number, w: RankWeights): number {
  return w.coverage * s[o]! + w.passage * s[o + 1]! + w.centroid * s[o + 2]! + w.name * s[o + 3]! + w.bm25 * s[o + 4]! + w.file * s[o + 5]! + (w.head ?? 0) * s[o + 6]!;
}

/** Each file's whole-file bm25 as a share of an ideal match (in [0,1], file-bm25.ts); none when unweighted or unavailable. */
function wholeFile(deps: RankDeps, groups: readonly WordGroup[], extra: readonly FileTerm[], x: ExpansionSettings, w: RankWeights): FileScoreArrays | undefined {
  if (!deps.fileBm25 || w.file <= 0) return undefined;
  return deps.fileBm25.byNumber(fileTerms(deps.store, groups, extra, x), deps.dirs.generation, false, true);
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
