// Lexical scoring (vfs layer): SQLite FTS5's bm25 recomputed in JavaScript for a few chunks,
// from their text, FTS5's stored token counts and the store's cached document frequencies.
// FTS5's own bm25() counts the documents of every query word on each query, scanning the
// whole doclist of a common word (tens of thousands of rows); scoring the handful of chunks
// that hold ALL the query's words here costs microseconds instead. Also the postings of words
// (their chunks, ascending, with occurrences and bm25 parts) and the OR query scored from them.
// Called by search.ts and lexical-index.ts.

/** bm25 parameters, as FTS5 fixes them. */
const K1 = 1.2;
const B = 0.75;

/** FTS5's idf of a word held by n of `rows` chunks (as fts5Bm25Function: never below 1e-6). */
export function ftsIdf(rows: number, n: number): number {
  const v = Math.log((rows - n + 0.5) / (n + 0.5));
  return v <= 0 ? 1e-6 : v;
}

export interface Bm25Doc {
  id: number;
  text: string;
  /** The chunk's length in tokens as FTS5 stored it (its docsize). */
  tokens: number;
}

export interface FtsTotals {
  /** Rows in the FTS5 index. */
  rows: number;
  /** Tokens in all of them. */
  tokens: number;
}

/** True when FTS5's tokenizer reads the query word as exactly this one token (so it can be counted here). */
export function isPlainWord(word: string): boolean {
  return /^[a-z0-9]+$/.test(word);
}

/** The tokens of a text as FTS5's unicode61 tokenizer (remove_diacritics 2) makes them: exact for ASCII text, close otherwise. */
export function ftsTokens(text: string): string[] {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return (text.match(/[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{Mn}]*/gu) ?? []).map((t) =>
    t.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase(),
  );
}

/**
 * FTS5's bm25() (negative; lower is better) of each document for a query of plain words that
 * every document contains, with the words' document counts `df`; undefined when this
 * tokenizer disagrees with FTS5's on a document (a different token count, or a word not found),
 * so the caller can ask FTS5 instead.
 */
export function bm25Scores(
  docs: readonly Bm25Doc[],
  words: readonly string[],
  df: ReadonlyMap<string, number>,
  totals: FtsTotals,
): { id: number; bm25: number }[] | undefined {
  const avgdl = totals.tokens / totals.rows;
  const idf = words.map((w) => ftsIdf(totals.rows, df.get(w) ?? 0));
  const slot = new Map(words.map((w, i) => [w, i]));
  const out: { id: number; bm25: number }[] = [];
  const freq = new Array<number>(words.length);
  for (const d of docs) {
    const tokens = ftsTokens(d.text);
    if (tokens.length !== d.tokens) return undefined;
    freq.fill(0);
    for (const t of tokens) {
      const i = slot.get(t);
      if (i !== undefined) freq[i]!++;
    }
    let score = 0;
    for (let i = 0; i < words.length; i++) {
      const f = freq[i]!;
      if (f === 0) return undefined;
      // The same expression, in the same order, as fts5Bm25Function in SQLite's fts5_aux.c.
      score += idf[i]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * d.tokens) / avgdl)));
    }
    out.push({ id: d.id, bm25: -1.0 * score });
  }
  return out;
}

/** A word's postings for bm25Any: its chunks, and each one's term-frequency part of bm25 (all but the idf). */
export interface Bm25Postings {
  /** The chunks holding the word, ascending. */
  ids: Int32Array;
  /** Occurrences of the word in each chunk. */
  counts: Int32Array;
  /** Each chunk's length in tokens. */
  lengths: Int32Array;
  parts: Float64Array;
  /** The average chunk length the parts were computed with (FTS5's totals then). */
  avgdl: number;
}

/**
 * A word's postings (chunk -> occurrences) with each chunk's term-frequency part of FTS5's bm25,
 * (f (k1 + 1)) / (f + k1 (1 - b + b dl / avgdl)), from the chunks' token counts.
 */
export function bm25Postings(postings: ReadonlyMap<number, number>, lengths: ReadonlyMap<number, number>, totals: FtsTotals): Bm25Postings {
  const ids = new Int32Array(postings.size);
  const counts = new Int32Array(postings.size);
  const dls = new Int32Array(postings.size);
  let k = 0;
  for (const id of [...postings.keys()].sort((a, b) => a - b)) {
    ids[k] = id;
    counts[k] = postings.get(id)!;
    dls[k++] = lengths.get(id) ?? 0;
  }
  return withTotals({ ids, counts, lengths: dls, parts: new Float64Array(0), avgdl: NaN }, totals);
}

/** The same postings with their parts for other totals (after a write elsewhere changed the average chunk length). */
export function withTotals(p: Bm25Postings, totals: FtsTotals): Bm25Postings {
  const avgdl = totals.tokens / totals.rows;
  const parts = new Float64Array(p.ids.length);
  for (let k = 0; k < parts.length; k++) {
    const f = p.counts[k]!;
    parts[k] = (f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * p.lengths[k]!) / avgdl));
  }
  return { ...p, parts, avgdl };
}

/** Where id is in ids (ascending), or -1. */
export function indexOf(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Chunk ids (one per occurrence of a word) as distinct ids in ascending order and each one's count. */
export function occurrences(docs: readonly number[]): [number[], number[]] {
  const ids: number[] = [];
  const counts: number[] = [];
  let sorted = true;
  for (const d of docs) {
    const k = ids.length - 1;
    if (k >= 0 && ids[k] === d) counts[k]!++;
    else {
      if (k >= 0 && d < ids[k]!) sorted = false;
      ids.push(d);
      counts.push(1);
    }
  }
  if (sorted) return [ids, counts];
  // FTS5 gives a word's instances in chunk order; should it not, the runs are merged
  const byDoc = new Map<number, number>();
  ids.forEach((d, k) => byDoc.set(d, (byDoc.get(d) ?? 0) + counts[k]!));
  const order = [...byDoc.keys()].sort((a, b) => a - b);
  return [order, order.map((d) => byDoc.get(d)!)];
}

/** Chunk ids below this are summed in bm25Any's array (8 bytes per id: 32 MB at most). */
const DENSE_IDS = 1 << 22;
/** bm25Any's sums by chunk id, NaN where unused (kept between calls: allocating it per query cost more than the sums). */
let scratch = new Float64Array(0);

/**
 * FTS5's bm25() (negative; lower is better) of the best `limit` chunks holding at least one of a
 * query's words (an OR of them), from each word's postings and document count; summed in the
 * query's word order, as fts5Bm25Function does (a word a chunk lacks adds exactly 0 there).
 * Ties are broken by chunk id (SQLite's sorter keeps FTS5's rowid order). Called by lexical-index.ts.
 */
export function bm25Any(postings: readonly Bm25Postings[], df: readonly number[], rows: number, limit: number): { id: number; bm25: number }[] {
  const idfs = df.map((n) => ftsIdf(rows, n));
  let maxId = 0;
  for (const p of postings) for (let k = 0; k < p.ids.length; k++) if (p.ids[k]! > maxId) maxId = p.ids[k]!;
  // summed in an array by chunk id (a Map cost most of this function), reset afterwards; a Map
  // only when the ids are too large for one
  const touched: number[] = [];
  let sumOf: (id: number) => number;
  if (maxId < DENSE_IDS) {
    if (scratch.length <= maxId) scratch = new Float64Array(Math.max(maxId + 1, scratch.length * 2)).fill(NaN);
    const sums = scratch;
    postings.forEach((p, i) => {
      const idf = idfs[i]!;
      for (let k = 0; k < p.ids.length; k++) {
        const id = p.ids[k]!;
        // NaN: a chunk not met yet (a sum can be 0)
        if (Number.isNaN(sums[id]!)) (sums[id] = idf * p.parts[k]!), touched.push(id);
        else sums[id] = sums[id]! + idf * p.parts[k]!;
      }
    });
    sumOf = (id) => sums[id]!;
  } else {
    const sums = new Map<number, number>();
    postings.forEach((p, i) => {
      const idf = idfs[i]!;
      for (let k = 0; k < p.ids.length; k++) {
        const id = p.ids[k]!;
        const prev = sums.get(id);
        if (prev === undefined) (sums.set(id, idf * p.parts[k]!), touched.push(id));
        else sums.set(id, prev + idf * p.parts[k]!);
      }
    });
    sumOf = (id) => sums.get(id)!;
  }
  const out: { id: number; bm25: number }[] = [];
  if (touched.length && limit > 0) {
    // the limit-th best score (a numeric sort of the scores alone: keeping the best `limit` in an
    // array, with a shift per insertion, cost most of this function at ~4k chunks), then only the
    // chunks at least as good are sorted
    const scores = new Float64Array(touched.length);
    for (let j = 0; j < touched.length; j++) scores[j] = sumOf(touched[j]!);
    scores.sort();
    const cut = scores[Math.max(0, scores.length - limit)]!;
    for (const id of touched) if (sumOf(id) >= cut) out.push({ id, bm25: -1.0 * sumOf(id) });
  }
  if (maxId < DENSE_IDS) for (const id of touched) scratch[id] = NaN;
  return out.sort((a, b) => a.bm25 - b.bm25 || a.id - b.id).slice(0, limit);
}
