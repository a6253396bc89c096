// Chunk search (vfs layer): checks a query, finds its lexical candidates (SQLite FTS5: the
// chunks holding all its words, and bm25 over the words that are not too common) and hands the
// hybrid ranking to rank-chunks.ts (vectors + stemmed, expanded lexical evidence); the vector-only
// and bm25-only modes are the benchmarks' baselines. Called by vectorfs.ts (grep meaning) and by
// the benchmarks (mode comparisons).
import { NlshError } from '../base/errors.js';
import type { Embedder } from '../embed/types.js';
import { bm25Scores, isPlainWord } from './bm25.js';
import type { WordNeighbours } from './expansion.js';
import type { VectorIndex } from './index-sync.js';
import type { ExpansionOptions } from './query-groups.js';
import { DEFAULT_CHUNK_EXPANSION, DEFAULT_CHUNK_WEIGHTS, rankChunks, type ChunkFusion, type ChunkWeights, type PageEvidence } from './rank-chunks.js';
import type { VfsStore } from './store.js';
import { queryWords } from './query-words.js';

export { queryWords } from './query-words.js';

/** Longest accepted query, in characters. */
export const MAX_QUERY = 8192;

export type SearchMode = 'hybrid' | 'vector' | 'lexical';

export interface ChunkHit {
  id: number;
  path: string;
  line: number;
  endLine: number;
  text: string;
  /** Fused score in [0,1] with the weighted or alpha fusion (or the single side's score in vector/lexical mode). */
  score: number;
  cos: number;
  lex: number;
}

export interface SearchOptions {
  limit: number;
  dir?: string;
  mode?: SearchMode;
  /** Weight of the vector side in the 'alpha' fusion (the lexical side gets 1 - alpha). */
  alpha?: number;
  /** How hybrid mode fuses its signals (rank-chunks.ts); default 'weighted'. */
  fusion?: ChunkFusion;
  weights?: ChunkWeights;
  /** Expansion of the query's words: word-vector neighbours (needs `neighbours`) and lexicon words; default DEFAULT_CHUNK_EXPANSION. */
  expansion?: ExpansionOptions;
  neighbours?: WordNeighbours;
  /** Match the forms of the query's words (default true). */
  stemming?: boolean;
  /** Score every form of a word with the document count of all its forms (default true). */
  groupIdf?: boolean;
  /** Hybrid: also take the chunks holding every query word (an FTS5 AND query; default true). */
  allWords?: boolean;
  /** OR every query word in FTS5, however common (the plain-bm25 baseline of the benchmarks). */
  fullLexical?: boolean;
  /** Words found in more than this fraction of chunks are left out of the OR-ed lexical query (1 = none); default: a fixed count, DEFAULT_MAX_OR_DOCS. */
  maxDocFraction?: number;
}

/**
 * Words in more chunks than this are left out of the OR-ed bm25 query (chunks holding all the
 * words are still found by an AND query). Matching very common words is what makes bm25 slow on
 * big stores, and they carry almost no weight. A fixed count (issue 13), not a fraction of the
 * store, so the OR side's cost does not grow with the store: 2,000 is what the earlier 2 % was at
 * ~100k chunks (bench/vfs-query.mjs), so the figures measured there are unchanged.
 */
export const DEFAULT_MAX_OR_DOCS = 2000;

/**
 * The all-words (AND) query is scored here (bm25.ts) when it matches at most this many chunks;
 * beyond that FTS5 ranks them itself (p99 of the benchmark's queries match ~360).
 */
const AND_SCORED_HERE = 256;

/** Default vector weight; tuned on bench/vfs-retrieval.mjs (see bench/results/vfs.md). */
export const DEFAULT_ALPHA = 0.5;

/** Returns the query after checking it; fails fs.emptyQuery or fs.queryTooLong. */
export function checkQuery(query: string): string {
  const q = query.trim();
  if (!q) throw new NlshError('fs.emptyQuery', 'the query is empty', { hint: 'say what you are looking for, e.g. grep meaning "neural networks"' });
  if (q.length > MAX_QUERY) {
    throw new NlshError('fs.queryTooLong', `the query is too long (${q.length} characters, at most ${MAX_QUERY})`, {
      hint: 'use a shorter description, or store the text with write and use find similar-to on it',
    });
  }
  return q;
}

/** The FTS5 match expression OR-ing every content word of a query (plain bm25), or '' when none. */
export function ftsExpression(query: string): string {
  return queryWords(query).map((w) => `"${w}"`).join(' OR ');
}

/**
 * The FTS5 expression for the lexical side of hybrid search: the query's words, leaving out
 * (when maxDocFraction < 1) words so common that matching them costs more than they tell.
 */
export function prunedExpression(store: VfsStore, query: string, maxDocFraction?: number): string {
  if (maxDocFraction !== undefined && maxDocFraction >= 1) return ftsExpression(query);
  const limit = maxDocFraction === undefined ? DEFAULT_MAX_OR_DOCS : Math.max(500, maxDocFraction * store.chunkCount);
  return [...store.lexical.termDocs(queryWords(query)).entries()]
    .filter(([, d]) => d <= limit)
    .map(([w]) => `"${w}"`)
    .join(' OR ');
}

/**
 * The lexical candidates: plain bm25 over every word (fullLexical or maxDocFraction >= 1), or,
 * with pruning, the chunks holding ALL the query's words (cheap: an intersection) followed by
 * bm25 over the words that are not too common.
 */
function lexicalRows(store: VfsStore, q: string, pool: number, dir: string, opts: SearchOptions): { id: number; bm25: number }[] {
  const fraction = opts.maxDocFraction;
  if (opts.fullLexical || (fraction !== undefined && fraction >= 1)) {
    const expr = ftsExpression(q);
    return expr ? store.lexical.fts(expr, pool, dir) : [];
  }
  const words = queryWords(q);
  const all = words.length > 1 ? allWordsRows(store, words, pool, dir) : [];
  const expr = prunedExpression(store, q, fraction);
  return [...all, ...(expr ? store.lexical.fts(expr, pool, dir) : [])];
}

/**
 * The best `pool` chunks holding every word, by bm25. FTS5's bm25() would count the documents
 * of each word (scanning the doclists of common ones) on every query; when the words are plain
 * and few chunks match, the same scores are computed here from the store's cached counts.
 */
function allWordsRows(store: VfsStore, words: string[], pool: number, dir: string): { id: number; bm25: number }[] {
  const expr = words.map((w) => `"${w}"`).join(' AND ');
  if (words.every(isPlainWord)) {
    // from the words' cached postings (an intersection; no FTS5 query, no text read), kept to
    // those below dir; when more chunks than that hold them all, below as before
    const all = store.lexical.allOf(words, AND_SCORED_HERE);
    if (all) {
      const inside = dir === '/' ? all : below(store, all, dir);
      return inside.sort((a, b) => a.bm25 - b.bm25 || a.id - b.id).slice(0, pool);
    }
    const ids = store.lexical.ftsIds(expr, AND_SCORED_HERE, dir);
    if (ids && !ids.length) return [];
    const scored = ids && bm25Scores(store.lexical.ftsDocs(ids), words, store.lexical.termDocs(words), store.lexical.ftsTotals());
    if (scored) return scored.sort((a, b) => a.bm25 - b.bm25 || a.id - b.id).slice(0, pool);
  }
  return store.lexical.fts(expr, pool, dir);
}

/** The rows whose chunks lie below dir. */
function below<T extends { id: number }>(store: VfsStore, rows: T[], dir: string): T[] {
  const found = store.chunksOf(rows.map((r) => r.id));
  return rows.filter((r) => {
    const p = found.get(r.id)?.path;
    return p !== undefined && p.startsWith(dir + '/');
  });
}

/** Embeds one query (synchronously when the embedder can), failing with the embedder's errors. */
export async function embedQuery(embedder: Embedder, q: string): Promise<Float32Array> {
  if (embedder.embedSync) return embedder.embedSync(q);
  const [v] = await embedder.embed([q]);
  return v!;
}

/** Returns the best chunks for a query, best first; fails fs.emptyQuery / fs.queryTooLong. */
export async function searchChunks(
  store: VfsStore,
  index: VectorIndex,
  embedder: Embedder,
  query: string,
  /** pages: the file bm25 (its head field, and its layout: which file each chunk is of) and the page topics (rank-chunks.ts). */
  opts: SearchOptions & { pages: PageEvidence },
): Promise<ChunkHit[]> {
  const q = checkQuery(query);
  const mode = opts.mode ?? 'hybrid';
  const dir = opts.dir ?? '/';
  const pool = Math.max(opts.limit * 4, 40);
  const scored: { id: number; score: number; cos: number; lex: number }[] = [];
  if (mode === 'hybrid') {
    const qv = await embedQuery(embedder, q);
    const words = queryWords(q);
    const fraction = opts.fullLexical ? 1 : opts.maxDocFraction;
    const maxOrDocs =
      fraction === undefined ? DEFAULT_MAX_OR_DOCS : fraction >= 1 ? Number.POSITIVE_INFINITY : Math.max(500, fraction * store.chunkCount);
    const allWords = (fraction === undefined || fraction < 1) && opts.allWords !== false && words.length > 1 ? allWordsRows(store, words, pool, dir) : [];
    scored.push(
      ...rankChunks(store, index, qv, words, allWords, {
        dir,
        pool,
        minInside: opts.limit,
        maxOrDocs,
        fusion: opts.fusion ?? 'weighted',
        weights: opts.weights ?? DEFAULT_CHUNK_WEIGHTS,
        alpha: opts.alpha ?? DEFAULT_ALPHA,
        expansion: opts.expansion ?? DEFAULT_CHUNK_EXPANSION,
        stemming: opts.stemming ?? true,
        groupIdf: opts.groupIdf ?? true,
        pages: opts.pages,
        ...(opts.neighbours ? { neighbours: opts.neighbours } : {}),
      }),
    );
  } else if (mode === 'vector') {
    // one side alone (the benchmarks' baselines): the vector index, or bm25
    const qv = await embedQuery(embedder, q);
    for (const n of index.search(qv, pool, dir)) scored.push({ id: n.label, score: Math.max(0, n.score), cos: Math.max(0, n.score), lex: 0 });
  } else {
    const rows = lexicalRows(store, q, pool, dir, opts);
    const best = rows.reduce((m, r) => Math.max(m, -r.bm25), 0);
    const seen = new Set<number>();
    for (const r of rows) if (!seen.has(r.id) && seen.add(r.id)) scored.push({ id: r.id, score: best > 0 ? -r.bm25 / best : 0, cos: 0, lex: best > 0 ? -r.bm25 / best : 0 });
  }
  // the hybrid ranking comes sorted; one side is sorted here
  if (mode !== 'hybrid') scored.sort((a, b) => b.score - a.score || a.id - b.id);
  // Rows (path, lines, text) only for the best, fetched together; a chunk deleted between the
  // index lookup and now is skipped and the next best takes its place.
  const hits: ChunkHit[] = [];
  let next = 0;
  while (hits.length < opts.limit && next < scored.length) {
    const batch = scored.slice(next, next + opts.limit - hits.length);
    next += batch.length;
    const rows = store.chunksOf(batch.map((s) => s.id));
    for (const s of batch) {
      const row = rows.get(s.id);
      if (row) hits.push({ id: s.id, score: s.score, cos: s.cos, lex: s.lex, path: row.path, line: row.start_line, endLine: row.end_line, text: row.text });
    }
  }
  return hits;
}
