// Each chunk's token count (vfs layer), the length bm25 needs: FTS5 keeps it in a size record
// per chunk (vfs_fts_docsize). Read for every chunk in one pass the first time it is needed, the
// varint decoded in SQL into one packed number per row (a Buffer per row made the pass three
// times as long), then by id for chunks written since. A chunk's text never changes under its id
// (a rewrite inserts new rows; ids are never reused), so a length once read stays true. Owned by
// lexical-index.ts (its postings, and through it the layout of file-layout.ts).
import type { Db, Statement } from '../base/sqlite.js';
import type { InLists } from './in-list.js';

const SIZES = 'SELECT id, sz FROM vfs_fts_docsize WHERE id';

/** A chunk length packed with its id: id x LENGTH_SLOTS + length (lengths of up to three varint bytes are below it). */
const LENGTH_SLOTS = 2 ** 21;
/** Byte i (1-based) of FTS5's size blob `sz` as a number, in SQL: its place in a blob of every byte value. */
const byteOf = (i: number): string => `(instr(X'${Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0')).join('')}', substr(sz, ${i}, 1)) - 1)`;
/** The first varint of `sz` (a chunk's token count) in SQL, when it has at most three bytes; else -1. */
const FIRST_VARINT = `(CASE WHEN ${byteOf(1)} < 128 THEN ${byteOf(1)} WHEN ${byteOf(2)} < 128 THEN (${byteOf(1)} - 128) * 128 + ${byteOf(2)} WHEN ${byteOf(3)} < 128 THEN ((${byteOf(1)} - 128) * 128 + ${byteOf(2)} - 128) * 128 + ${byteOf(3)} ELSE -1 END)`;

/** Chunk lengths not known yet, beyond which every chunk's is read again in one pass instead of by id. */
const READ_ALL_LENGTHS_AT = 4096;
/** Chunk ids beyond this many times the chunk count (plus a margin) are too sparse for a length array: the caller then joins FTS5's sizes. */
const SPARSE_IDS = 8;

/** The first n SQLite varints of a blob (the encoding of FTS5's records). */
export function varints(b: Buffer, n: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (out.length < n && i < b.length) {
    let v = 0;
    for (let k = 0; i < b.length; k++) {
      const byte = b[i++]!;
      if (k === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    out.push(v);
  }
  return out;
}

export class ChunkLengths {
  /** By chunk id; -1: not read (or no such chunk). */
  private lengths: Int32Array | undefined;
  private readonly st: { sizes: Statement; maxId: Statement };

  constructor(
    db: Db,
    private readonly inLists: InLists,
    /** How many chunks the store holds (FTS5's row total). */
    private readonly rows: () => number,
  ) {
    this.st = {
      sizes: db.prepare(`SELECT CASE WHEN n >= 0 THEN id * ${LENGTH_SLOTS} + n ELSE -id END FROM (SELECT id, ${FIRST_VARINT} AS n FROM vfs_fts_docsize)`).pluck(),
      maxId: db.prepare('SELECT max(id) FROM vfs_fts_docsize').pluck(),
    };
  }

  /**
   * Every chunk's token count by id, with those of `ids` known (each id a chunk that exists);
   * undefined when the ids are too sparse for an array (the caller then joins FTS5's sizes).
   */
  of(ids: readonly number[] = []): Int32Array | undefined {
    let a = this.lengths;
    let missing = a ? ids.filter((id) => id >= a!.length || a![id]! < 0) : ids;
    if (!a || missing.length > READ_ALL_LENGTHS_AT) {
      const maxId = (this.st.maxId.get() as number | null) ?? 0;
      if (maxId > SPARSE_IDS * this.rows() + 100_000) return (this.lengths = undefined);
      a = new Int32Array(maxId + 1).fill(-1);
      // one number per chunk: its id and length packed (-id: a length of four bytes or more, read below)
      for (const v of this.st.sizes.all() as number[]) {
        const id = Math.floor(v / LENGTH_SLOTS);
        if (v >= 0 && id <= maxId) a[id] = v % LENGTH_SLOTS;
      }
      this.lengths = a;
      missing = ids.filter((id) => id >= a!.length || a![id]! < 0);
    }
    if (missing.length) {
      const rows = this.inLists.all(SIZES, missing) as { id: number; sz: Buffer }[];
      const top = rows.reduce((m, r) => Math.max(m, r.id), 0);
      if (top >= a.length) {
        const grown = new Int32Array(Math.max(top + 1, Math.ceil(a.length * 1.25))).fill(-1);
        grown.set(a);
        this.lengths = a = grown;
      }
      for (const r of rows) a[r.id] = varints(r.sz, 1)[0]!;
    }
    return a;
  }
}
