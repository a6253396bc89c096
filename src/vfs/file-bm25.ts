// Whole-file bm25 for the file ranking (vfs layer): the lexical signal of rank-files.ts scores
// a file as one document (its chunks' word counts summed, its length the sum of theirs), the way
// the plain-BM25 yardstick of bench/vfs-eval.mjs does, instead of by its best chunk only. A
// query word counts with all its indexed forms (stem.ts) as one term, and its word-vector
// neighbours (expansion.ts) count as weaker terms. A file's name is a field: a word of the name
// counts as NAME_TF occurrences. Per-word file counts come from FTS5's
// instance vocabulary (temp schema, nothing stored) and are cached until the tree changes
// (DirectoryVectors.generation). A file's head (its first HEAD_CHUNKS chunks: the title, a
// synopsis, the first paragraph, where a page says what it is for) is also scored on its own, as
// a short document (headScores): a word there says more than the same word deep in a long page.
// Called by rank-files.ts only.
import type { Db, Statement } from '../base/sqlite.js';

/** bm25 parameters (those of FTS5 and of the yardstick). */
const K1 = 1.2;
const B = 0.75;
/** In a tree of at least MIN_FILES_FOR_CAP files, words in more than this share of them tell little and cost a long scan: left out. */
const MAX_FILE_SHARE = 0.25;
const MIN_FILES_FOR_CAP = 100;
/** A word in a file's name counts as this many occurrences in its text (the name as a field). */
const NAME_TF = 2;
/** The chunks of a file that are its head. */
export const HEAD_CHUNKS = 2;
/** Cached word postings before the cache is emptied. */
const WORDS_CACHED = 5_000;

/** One query term: the forms that count as it and its weight (1 for the query's own words). */
export interface FileTerm {
  forms: readonly string[];
  weight: number;
}

/** A word's count per file, in the whole file and in its head. */
interface Counts {
  all: Map<string, number>;
  head: Map<string, number>;
}

/** The lengths (in tokens) of one field of every file, and their mean. */
interface Field {
  length: Map<string, number>;
  avg: number;
}

interface Layout {
  generation: number;
  /** chunk id -> file path */
  fileOf: Map<number, string>;
  /** the chunks that are a file's head */
  head: Set<number>;
  /** file path -> its length in tokens (sum of its chunks') */
  length: Map<string, number>;
  avg: number;
  /** the same, of the heads */
  heads: Field;
  /** name word -> the files whose name holds it */
  named: Map<string, string[]>;
}

export class FileBm25 {
  private layout: Layout | undefined;
  private readonly words = new Map<string, Counts>();
  private readonly st: { layout: Statement; instances: Statement };

  constructor(db: Db) {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.vfs_fts_instance USING fts5vocab(main, vfs_fts, instance)');
    this.st = {
      layout: db.prepare(
        "SELECT c.id AS id, c.seq AS seq, i.path AS path, d.sz AS sz FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode JOIN vfs_fts_docsize d ON d.id = c.id WHERE i.kind = 'file'",
      ),
      instances: db.prepare('SELECT doc FROM temp.vfs_fts_instance WHERE term = ?').pluck(),
    };
  }

  /**
   * Each file's bm25 for the terms (idf over files), those scoring above 0 only, against
   * `ideal`: the score of a file of average length holding each of the query's own terms (weight
   * 1) once; 1 - e^(-bm25/ideal), absolute, comparable across queries (0.63 for an ideal match).
   * The tree's generation says when the cached counts are stale. Never fails on an empty store.
   */
  scores(terms: readonly FileTerm[], generation: number): Map<string, number> {
    const layout = this.read(generation);
    return this.score(terms, layout, 'all', layout);
  }

  /** The same score of each file's head alone (its first HEAD_CHUNKS chunks, with the name), as a short document. */
  headScores(terms: readonly FileTerm[], generation: number): Map<string, number> {
    const layout = this.read(generation);
    return this.score(terms, layout, 'head', layout.heads);
  }

  private score(terms: readonly FileTerm[], layout: Layout, field: keyof Counts, lengths: Field): Map<string, number> {
    const n = layout.length.size;
    const out = new Map<string, number>();
    if (!n) return out;
    let ideal = 0;
    for (const t of terms) {
      // a term's count in a file: the sum over its forms
      const tf = new Map<string, number>();
      for (const f of t.forms) for (const [path, c] of this.counts(f, layout)[field]) tf.set(path, (tf.get(path) ?? 0) + c);
      const idf = Math.log(1 + (n - tf.size + 0.5) / (tf.size + 0.5));
      if (t.weight >= 1) ideal += idf;
      if (!tf.size || (n >= MIN_FILES_FOR_CAP && tf.size > MAX_FILE_SHARE * n)) continue;
      for (const [path, f] of tf) {
        const dl = lengths.length.get(path) ?? lengths.avg;
        const part = (f * (K1 + 1)) / (f + K1 * (1 - B + (B * dl) / lengths.avg));
        out.set(path, (out.get(path) ?? 0) + t.weight * idf * part);
      }
    }
    // 1 - e^-x: monotone (no ties at the top, unlike a cap) and in [0,1); an ideal match is 0.63
    if (ideal > 0) for (const [path, v] of out) out.set(path, 1 - Math.exp(-v / ideal));
    return out;
  }

  /** A word's count per file, and in each file's head (cached). */
  private counts(word: string, layout: Layout): Counts {
    const hit = this.words.get(word);
    if (hit) return hit;
    const all = new Map<string, number>();
    const head = new Map<string, number>();
    for (const id of this.st.instances.all(word) as number[]) {
      const path = layout.fileOf.get(id);
      if (path === undefined) continue;
      all.set(path, (all.get(path) ?? 0) + 1);
      if (layout.head.has(id)) head.set(path, (head.get(path) ?? 0) + 1);
    }
    for (const path of layout.named.get(word) ?? []) {
      all.set(path, (all.get(path) ?? 0) + NAME_TF);
      head.set(path, (head.get(path) ?? 0) + NAME_TF);
    }
    if (this.words.size >= WORDS_CACHED) this.words.clear();
    const m = { all, head };
    this.words.set(word, m);
    return m;
  }

  private read(generation: number): Layout {
    if (this.layout?.generation === generation) return this.layout;
    this.words.clear();
    const fileOf = new Map<number, string>();
    const head = new Set<number>();
    const length = new Map<string, number>();
    const headLength = new Map<string, number>();
    let total = 0;
    let headTotal = 0;
    for (const r of this.st.layout.iterate() as Iterable<{ id: number; seq: number; path: string; sz: Buffer }>) {
      const tokens = firstVarint(r.sz);
      fileOf.set(r.id, r.path);
      length.set(r.path, (length.get(r.path) ?? 0) + tokens);
      total += tokens;
      if (r.seq < HEAD_CHUNKS) {
        head.add(r.id);
        headLength.set(r.path, (headLength.get(r.path) ?? 0) + tokens);
        headTotal += tokens;
      }
    }
    const named = new Map<string, string[]>();
    for (const path of length.keys()) {
      for (const w of new Set(path.slice(path.lastIndexOf('/') + 1).toLowerCase().match(/[a-z0-9]+/g) ?? [])) {
        const list = named.get(w);
        if (list) list.push(path);
        else named.set(w, [path]);
      }
    }
    const avg = (sum: number, m: Map<string, number>) => (m.size ? Math.max(1, sum / m.size) : 1);
    this.layout = { generation, fileOf, head, length, avg: avg(total, length), heads: { length: headLength, avg: avg(headTotal, headLength) }, named };
    return this.layout;
  }
}

/** The first varint of an FTS5 docsize blob (the row's token count). */
function firstVarint(b: Buffer): number {
  let v = 0;
  for (let i = 0; i < b.length && i < 9; i++) {
    const byte = b[i]!;
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) break;
  }
  return v;
}
