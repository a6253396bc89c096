// Lexical scoring (vfs layer): SQLite FTS5's bm25 recomputed in JavaScript for a few chunks,
// from their text, FTS5's stored token counts and the store's cached document frequencies.
// FTS5's own bm25() counts the documents of every query word on each query, scanning the
// whole doclist of a common word (tens of thousands of rows); scoring the handful of chunks
// that hold ALL the query's words here costs microseconds instead. Called by search.ts only.

/** bm25 parameters, as FTS5 fixes them. */
const K1 = 1.2;
const B = 0.75;

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
  const idf = words.map((w) => {
    const n = df.get(w) ?? 0;
    const v = Math.log((totals.rows - n + 0.5) / (n + 0.5));
    return v <= 0 ? 1e-6 : v;
  });
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
