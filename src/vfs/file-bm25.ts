// Whole-file bm25 for the file ranking (vfs layer): the lexical signal of rank-files.ts scores
// a file as one document (its chunks' word counts summed, its length the sum of theirs), the way
// the plain-BM25 yardstick of bench/vfs-eval.mjs does, instead of by its best chunk only. A
// query word counts with all its indexed forms (stem.ts) as one term, and its word-vector
// neighbours (expansion.ts) count as weaker terms. A file's name is a field: a word of the name
// counts as NAME_TF occurrences. Per-word chunk counts come from the store's lexical index
// (its cached postings, shared with the OR side of grep meaning); the per-file counts are cached
// until the tree changes (DirectoryVectors.generation). Files are numbered in the layout
// (file-layout.ts, patched after a change to a few files) and scored in typed arrays: the
// per-query cost is a pass over the terms' files. A file's head (its first HEAD_CHUNKS chunks: the title, a
// synopsis, the first paragraph, where a page says what it is for) is also scored on its own, as
// a short document: a word there says more than the same word deep in a long page.
// Called by rank-files.ts and rank-chunks.ts.
import type { Db } from '../base/sqlite.js';
import { LayoutReader, type Layout } from './file-layout.js';
import type { LexicalIndex } from './lexical-index.js';

/** bm25 parameters (those of FTS5 and of the yardstick). */
const K1 = 1.2;
const B = 0.75;
/** In a tree of at least MIN_FILES_FOR_CAP files, words in more than this share of them tell little and cost a long scan: left out. */
const MAX_FILE_SHARE = 0.25;
const MIN_FILES_FOR_CAP = 100;
/** A word in a file's name counts as this many occurrences in its text (the name as a field). */
const NAME_TF = 2;
/** Cached word postings before the cache is emptied. */
const WORDS_CACHED = 5_000;

/** bm25's idf of a term held by `count` of `n` files. */
function idfOf(n: number, count: number): number {
  return Math.log(1 + (n - count + 0.5) / (count + 0.5));
}

/** One query term: the forms that count as it and its weight (1 for the query's own words). */
export interface FileTerm {
  forms: readonly string[];
  weight: number;
}

/** A word's counts per file (parallel arrays: file number, in the whole file, in its head). */
interface Counts {
  files: Int32Array;
  all: Int32Array;
  head: Int32Array;
}


/** Both fields' scores of a query by file number (FileBm25.byNumber): 0 where a file did not score. */
export interface FileScoreArrays {
  /** file number -> path (kept while the tree is unchanged) */
  paths: readonly string[];
  /** path -> file number (likewise) */
  number: ReadonlyMap<string, number>;
  file: Float64Array;
  head: Float64Array;
  /** The files with a score above 0 in either field. */
  touched: readonly number[];
}

export class FileBm25 {
  private layout: Layout | undefined;
  private readonly words = new Map<string, Counts>();
  /**
   * Per term (its forms): how many files hold it, and how many heads (0 when they were not
   * counted, which never counts as common); cleared with `words`.
   */
  private readonly spread = new Map<string, { files: number; inHeads: number }>();
  /** byNumber()'s sums and marks by file number, all 0 between calls. */
  private scratch = { sumAll: new Float64Array(0), sumHead: new Float64Array(0), tfAll: new Float64Array(0), tfHead: new Float64Array(0), seen: new Uint8Array(0) };
  /** counts()'s sums by file number, all 0 between calls. */
  private sumAll = new Int32Array(0);
  private sumHead = new Int32Array(0);
  private readonly layouts: LayoutReader;

  constructor(
    db: Db,
    /** The store's lexical index: a word's chunks and its occurrences in each. */
    private readonly lexical: Pick<LexicalIndex, 'chunkCounts'> & Partial<Pick<LexicalIndex, 'chunkLengths'>>,
    /** The files changed since a generation (DirectoryVectors.changedSince): their chunks are read again alone; undefined: the whole layout is. */
    private readonly changedSince?: (generation: number) => ReadonlySet<string> | undefined,
  ) {
    this.layouts = new LayoutReader(db, lexical.chunkLengths && ((ids) => lexical.chunkLengths!(ids)));
  }

  /**
   * Each file's bm25 for the terms (idf over files) against `ideal`: the score of a file of
   * average length holding each of the query's own terms (weight 1) once; 1 - e^(-bm25/ideal),
   * absolute, comparable across queries (0.63 for an ideal match). The same for each file's head
   * alone (its first HEAD_CHUNKS chunks, with the name) as a short document. The tree's generation
   * says when the cached counts are stale. Never fails on an empty store. The scores are in arrays
   * by file number over `paths` (the same array object for as long as the tree is unchanged, so a
   * caller can keep its own numbering of it), with the numbers of the files that scored: the file
   * ranking reads this, and a Map by path cost it ~2 ms at 18k files.
   */
  byNumber(terms: readonly FileTerm[], generation: number, heads = true, whole = true): FileScoreArrays {
    const layout = this.read(generation, whole);
    const size = layout.paths.length;
    const n = layout.files;
    const file = new Float64Array(size);
    const head = new Float64Array(size);
    const done: number[] = [];
    const result: FileScoreArrays = { paths: layout.paths, number: layout.number, file, head, touched: done };
    if (!n) return result;
    // sums by file number, kept between queries (all 0 between them): allocating them per query
    // was a good part of its garbage
    if (this.scratch.seen.length < size) this.scratch = { sumAll: new Float64Array(size), sumHead: new Float64Array(size), tfAll: new Float64Array(size), tfHead: new Float64Array(size), seen: new Uint8Array(size) };
    const { sumAll, tfAll, tfHead, seen } = this.scratch;
    const sumHead = heads ? this.scratch.sumHead : sumAll;
    const touched: number[] = [];
    let ideal = 0;
    let idealHead = 0;
    const common = (count: number): boolean => n >= MIN_FILES_FOR_CAP && count > MAX_FILE_SHARE * n;
    for (const t of terms) {
      // a term too common in every field read adds only its idf to the ideal: known from a
      // query before, its files are not visited again
      const key = t.forms.join(' ');
      const met = this.spread.get(key);
      if (met && (!whole || common(met.files)) && (!heads || common(met.inHeads))) {
        if (t.weight >= 1) (ideal += idfOf(n, met.files)), (idealHead += idfOf(n, met.inHeads));
        continue;
      }
      // a term's count in a file: the sum over its forms
      const files: number[] = [];
      let inHeads = 0;
      for (const f of t.forms) {
        const c = this.counts(f, layout);
        for (let k = 0; k < c.files.length; k++) {
          const i = c.files[k]!;
          if (tfAll[i] === 0 && tfHead[i] === 0) files.push(i);
          if (heads && c.head[k]! > 0 && tfHead[i] === 0) inHeads++;
          tfAll[i] = tfAll[i]! + c.all[k]!;
          tfHead[i] = tfHead[i]! + c.head[k]!;
        }
      }
      const idf = idfOf(n, files.length);
      const idfHead = idfOf(n, inHeads);
      if (t.weight >= 1) (ideal += idf), (idealHead += idfHead);
      if (this.spread.size >= WORDS_CACHED) this.spread.clear();
      this.spread.set(key, { files: files.length, inHeads });
      // words in too many files tell little (each field is capped on its own)
      const keepAll = whole && !common(files.length);
      const keepHead = heads && !common(inHeads);
      for (const i of files) {
        const f = tfAll[i]!;
        const h = tfHead[i]!;
        if (keepAll && f > 0) sumAll[i] = sumAll[i]! + t.weight * idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * layout.length[i]!) / layout.avg)));
        if (keepHead && h > 0) sumHead[i] = sumHead[i]! + t.weight * idfHead * ((h * (K1 + 1)) / (h + K1 * (1 - B + (B * layout.headLength[i]!) / layout.headAvg)));
        if ((keepAll || (keepHead && h > 0)) && !seen[i]) (seen[i] = 1), touched.push(i);
        tfAll[i] = 0;
        tfHead[i] = 0;
      }
    }
    // 1 - e^-x: monotone (no ties at the top, unlike a cap) and in [0,1); an ideal match is 0.63
    for (const i of touched) {
      if (ideal > 0 && sumAll[i]! > 0) file[i] = 1 - Math.exp(-sumAll[i]! / ideal);
      if (heads && idealHead > 0 && sumHead[i]! > 0) head[i] = 1 - Math.exp(-sumHead[i]! / idealHead);
      if (file[i]! > 0 || head[i]! > 0) done.push(i);
    }
    for (const i of touched) (sumAll[i] = 0), (sumHead[i] = 0), (seen[i] = 0);
    return result;
  }

  /** Which file each chunk is of, for the tree's generation: the file's path by chunk id (undefined: no file's chunk). */
  fileOfChunk(generation: number): (id: number) => string | undefined {
    const { fileOf, paths } = this.read(generation, true);
    return (id) => {
      const f = fileOf[id] ?? 0;
      return f > 0 ? paths[f - 1] : undefined;
    };
  }

  /** The head chunks of a file (none when it is not in the tree of this generation). */
  headChunks(path: string, generation: number): readonly number[] {
    const layout = this.read(generation, false);
    const i = layout.number.get(path);
    return i === undefined ? [] : layout.headOf[i]!;
  }

  /** A word's counts per file, and in each file's head (cached). */
  private counts(word: string, layout: Layout): Counts {
    const hit = this.words.get(word);
    if (hit) return hit;
    // summed in arrays by file number (Maps cost a third of a ranking that meets new words), reset after
    const size = layout.paths.length;
    if (this.sumAll.length < size) (this.sumAll = new Int32Array(size)), (this.sumHead = new Int32Array(size));
    const all = this.sumAll;
    const head = this.sumHead;
    const files: number[] = []; // in the order first met, as the Maps before kept them
    const { ids, counts } = this.lexical.chunkCounts(word);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const f = (layout.fileOf[id] ?? 0) - 1;
      if (f < 0) continue;
      if (all[f] === 0) files.push(f);
      all[f] = all[f]! + counts[k]!;
      if (layout.isHead[id]) head[f] = head[f]! + counts[k]!;
    }
    for (const f of layout.named.get(word) ?? []) {
      if (all[f] === 0) files.push(f);
      all[f] = all[f]! + NAME_TF;
      head[f] = head[f]! + NAME_TF;
    }
    const m: Counts = { files: Int32Array.from(files), all: new Int32Array(files.length), head: new Int32Array(files.length) };
    files.forEach((f, k) => {
      m.all[k] = all[f]!;
      m.head[k] = head[f]!;
      all[f] = 0;
      head[f] = 0;
    });
    if (this.words.size >= WORDS_CACHED) this.words.clear();
    this.words.set(word, m);
    return m;
  }

  /** The files and their chunks: every chunk (full), or the heads alone, which a full layout also serves. */
  private read(generation: number, full = true): Layout {
    const old = this.layout;
    if (old?.generation === generation && (old.full || !full)) return old;
    this.words.clear(); // counts are by file number, which is the layout's
    this.spread.clear();
    const changed = old && old.full === full && old.generation < generation ? this.changedSince?.(old.generation) : undefined;
    if (old && changed) return (this.layout = this.layouts.patch(old, generation, changed));
    return (this.layout = this.layouts.read(generation, full));
  }
}

