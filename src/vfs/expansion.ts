// Query expansion from word vectors (vfs layer): the nearest words of a query word among the
// store's own vocabulary, by the embedder's word vectors, so "pictures" also finds text that says
// "images". Only words the index holds can help a lexical match, so the candidates are the
// store's FTS5 vocabulary: its most frequent plain words (in at least 2 chunks), embedded once
// and kept as one matrix. The table is rebuilt when the number of chunks has changed by more than
// a quarter since it was built (the vocabulary drifts slowly; expansion is a hint, not a match),
// and kept in a file next to the database for the next process (expansion-cache.ts).
// Needs a synchronous embedder (glove); with others there is no expansion. Called by rank-files.ts.
import type { Db } from '../base/sqlite.js';
import type { Embedder } from '../embed/types.js';
import { readExpansionTable, writeExpansionTable } from './expansion-cache.js';
import { stem } from './stem.js';

/** How many of the store's words can be offered as expansions (the most frequent ones). */
export const EXPANSION_VOCAB = 12_000;
/** A neighbour must be at least this similar to the query word. */
export const MIN_SIMILARITY = 0.55;

export interface Neighbour {
  word: string;
  similarity: number;
}

export class WordNeighbours {
  private words: string[] = [];
  private matrix: Float32Array = new Float32Array(0);
  private builtAt = -1;
  private readonly cache = new Map<string, Neighbour[]>();

  constructor(
    private readonly db: Db,
    private readonly embedder: Embedder,
    /** Where the table is kept between processes (none: built in every process). */
    private readonly file?: string,
  ) {}

  /** Up to k words of the store nearest to a (lowercase) word, not its own forms, most similar first. */
  nearest(word: string, k: number, chunks: number): Neighbour[] {
    const embed = this.embedder.embedSync;
    if (!embed) return [];
    if (this.builtAt < 0 || Math.abs(chunks - this.builtAt) > this.builtAt / 4) this.build(chunks);
    const hit = this.cache.get(word);
    if (hit) return hit.slice(0, k);
    const q = embed.call(this.embedder, word);
    const dim = q.length;
    const s = stem(word);
    const found: number[] = [];
    const m = this.matrix;
    for (let r = 0, o = 0; r < this.words.length; r++, o += dim) {
      // four sums at once: a quarter faster than one (each word met first costs 12k dot products)
      let a = 0;
      let b = 0;
      let c = 0;
      let e = 0;
      let d = 0;
      for (; d + 3 < dim; d += 4) {
        a += q[d]! * m[o + d]!;
        b += q[d + 1]! * m[o + d + 1]!;
        c += q[d + 2]! * m[o + d + 2]!;
        e += q[d + 3]! * m[o + d + 3]!;
      }
      for (; d < dim; d++) a += q[d]! * m[o + d]!;
      const dot = a + b + (c + e);
      if (dot >= MIN_SIMILARITY) found.push(r, dot);
    }
    const best: Neighbour[] = [];
    for (let i = 0; i < found.length; i += 2) best.push({ word: this.words[found[i]!]!, similarity: found[i + 1]! });
    best.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
    const kept = best.filter((n) => n.word !== word && stem(n.word) !== s).slice(0, 8);
    this.cache.set(word, kept);
    return kept.slice(0, k);
  }

  private build(chunks: number): void {
    this.cache.clear();
    // another process's table, when it was built at about this size
    const kept = this.file ? readExpansionTable(this.file, this.embedder, EXPANSION_VOCAB) : undefined;
    if (kept && Math.abs(chunks - kept.chunks) <= kept.chunks / 4) {
      this.words = kept.words;
      this.matrix = kept.matrix;
      this.builtAt = kept.chunks; // drift is counted from when it was built
      return;
    }
    const embed = this.embedder.embedSync!;
    const rows = this.db
      .prepare("SELECT term FROM vfs_fts_vocab WHERE doc >= 2 AND length(term) >= 3 AND term GLOB '[a-z]*' AND NOT term GLOB '*[^a-z]*' ORDER BY doc DESC LIMIT ?")
      .pluck()
      .all(EXPANSION_VOCAB) as string[];
    const dim = this.embedder.dim;
    const words: string[] = [];
    const matrix = new Float32Array(rows.length * dim);
    for (const w of rows) {
      // a word the embedder does not know gets a hash vector, which is near no real word
      const v = embed.call(this.embedder, w);
      matrix.set(v, words.length * dim);
      words.push(w);
    }
    this.words = words;
    this.matrix = matrix.subarray(0, words.length * dim);
    this.builtAt = chunks;
    if (this.file) writeExpansionTable(this.file, this.embedder, { chunks, words, matrix: this.matrix });
  }
}
