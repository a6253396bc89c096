// The layout of the whole-file bm25 (vfs layer): the tree's files numbered, each with its chunks,
// its length in tokens and its head's (its first HEAD_CHUNKS chunks), and which file each chunk
// id belongs to. Read from SQLite's indexes in three passes (~20 ms at ~100k chunks), or
// patched after a change to a few files (their chunks read again alone). Used by file-bm25.ts,
// and by the rankings (rank-files.ts, rank-chunks.ts) to know each candidate chunk's file.
import type { Db, Statement } from '../base/sqlite.js';
import { varints } from './chunk-lengths.js';

/** The chunks of a file that are its head (schema v5's partial index vfs_chunks_head holds seq < 2: keep them equal). */
export const HEAD_CHUNKS = 2;
/** An inode and a chunk id packed in one number: inode x INODE_SLOT + id (exact while inode < 2^21). */
const INODE_SLOT = 2 ** 32;

export interface Layout {
  generation: number;
  /** false: only the heads were read (fileOf, length and avg then describe the heads alone). */
  full: boolean;
  /** file number -> path ('' for a file removed since the layout was read: its number is not reused) */
  paths: string[];
  /** How many files there are (paths without the removed ones). */
  files: number;
  /** file number -> its chunks read (all, or the heads alone) */
  chunks: number[][];
  /** path -> file number */
  number: Map<string, number>;
  /** chunk id -> file number + 1 (0: not a file's chunk) */
  fileOf: Int32Array;
  /** chunk id -> 1 when it is a file's head */
  isHead: Uint8Array;
  /** file number -> its head chunks */
  headOf: number[][];
  /** file number -> its length in tokens (sum of its chunks'), and of its head */
  length: Float64Array;
  headLength: Float64Array;
  avg: number;
  headAvg: number;
  /** name word -> the files (numbers) whose name holds it */
  named: Map<string, number[]>;
}

/** Reads layouts: every file's chunks afresh, or a patch of the files changed. */
export class LayoutReader {
  private readonly st: {
    layout: Statement;
    heads: Statement;
    layoutOf: Statement;
    headsOf: Statement;
    packed: Statement;
    headIds: Statement;
    paths: Statement;
    maxInode: Statement;
    maxChunk: Statement;
  };

  constructor(
    db: Db,
    /** Every chunk's token count by id with those of `ids` known (LexicalIndex.chunkLengths, read once and shared with the postings); undefined: the sizes are joined here. */
    private readonly lengths?: (ids: readonly number[]) => Int32Array | undefined,
  ) {
    this.st = {
      // When `lengths` has the sizes, three reads of covering indexes and no join: each chunk's
      // inode and id packed in one number (the index on inode), the heads (schema v5's partial
      // index), every inode's path (the unique index on path). ~20 ms at ~100k chunks, where the
      // join below of every chunk row with its file's took ~150 ms.
      packed: db.prepare(`SELECT inode * ${INODE_SLOT} + id FROM vfs_chunks ORDER BY inode`).pluck(),
      headIds: db.prepare('SELECT id FROM vfs_chunks WHERE seq < 2').pluck(),
      paths: db.prepare('SELECT id, path FROM vfs_inodes').raw(),
      // two statements: SQLite answers one max() from an index's end, not two in one query (a scan)
      maxInode: db.prepare('SELECT max(inode) FROM vfs_chunks').pluck(),
      maxChunk: db.prepare('SELECT max(id) FROM vfs_chunks').pluck(),
      layout: db
        .prepare(
          "SELECT c.id AS id, c.seq AS seq, i.path AS path, d.sz AS sz FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode JOIN vfs_fts_docsize d ON d.id = c.id WHERE i.kind = 'file' ORDER BY c.inode",
        )
        .raw(),
      // the heads alone, through the partial index (schema v5): what grep meaning's page signal reads
      heads: db
        .prepare(
          "SELECT c.id AS id, c.seq AS seq, i.path AS path, d.sz AS sz FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode JOIN vfs_fts_docsize d ON d.id = c.id WHERE c.seq < 2 AND i.kind = 'file' ORDER BY c.inode",
        )
        .raw(),
      // one file's, when a layout is patched after a change
      layoutOf: db
        .prepare("SELECT c.id, c.seq, i.path, d.sz FROM vfs_inodes i JOIN vfs_chunks c ON c.inode = i.id JOIN vfs_fts_docsize d ON d.id = c.id WHERE i.path = ? AND i.kind = 'file' ORDER BY c.id")
        .raw(),
      headsOf: db
        .prepare("SELECT c.id, c.seq, i.path, d.sz FROM vfs_inodes i JOIN vfs_chunks c ON c.inode = i.id JOIN vfs_fts_docsize d ON d.id = c.id WHERE i.path = ? AND i.kind = 'file' AND c.seq < 2 ORDER BY c.id")
        .raw(),
    };
  }

  /** The files and their chunks: every chunk (full, or when that costs no more), or the heads alone (the lengths then are the heads'). */
  read(generation: number, full: boolean): Layout {
    const indexed = this.readIndexed(generation);
    if (indexed) return indexed;
    const b = new LayoutBuilder();
    for (const [id, seq, path, sz] of (full ? this.st.layout : this.st.heads).iterate() as Iterable<[number, number, string, Buffer]>) {
      b.add(b.file(path), id, varints(sz, 1)[0]!, seq < HEAD_CHUNKS);
    }
    return b.done(generation, full);
  }

  /**
   * The whole layout from the indexes and the lexical index's chunk lengths, in file (inode)
   * order: undefined when there are no lengths or the numbers are too large to pack. Each
   * file's chunks are consecutive, so a path is looked up once per file, not per chunk.
   */
  private readIndexed(generation: number): Layout | undefined {
    if (!this.lengths) return undefined;
    const maxChunk = (this.st.maxChunk.get() as number | null) ?? 0;
    if (((this.st.maxInode.get() as number | null) ?? 0) >= 2 ** 53 / INODE_SLOT || maxChunk >= INODE_SLOT) return undefined;
    const packed = this.st.packed.all() as number[];
    const ids = packed.map((x) => x % INODE_SLOT);
    const known = this.lengths(ids);
    if (!known) return undefined;
    const pathOf = new Map(this.st.paths.all() as [number, string][]);
    const head = new Uint8Array(maxChunk + 1);
    for (const id of this.st.headIds.all() as number[]) head[id] = 1;
    const b = new LayoutBuilder();
    let inode = -1;
    let path: string | undefined;
    let f = -1;
    for (let k = 0; k < packed.length; k++) {
      const id = ids[k]!;
      const ino = Math.floor(packed[k]! / INODE_SLOT);
      if (ino !== inode) {
        inode = ino;
        path = pathOf.get(ino);
        f = -1;
      }
      // a chunk without a size (none in practice), or of no file (none: chunks are files'), is left out, as the join leaves it
      const tokens = known[id]!;
      if (path === undefined || !(tokens >= 0)) continue;
      if (f < 0) f = b.file(path);
      b.add(f, id, tokens, head[id] === 1);
    }
    return b.done(generation, true);
  }

  /** The layout after a change to the files `changed` only (see patchLayout). */
  patch(old: Layout, generation: number, changed: ReadonlySet<string>): Layout {
    const st = old.full ? this.st.layoutOf : this.st.headsOf;
    return patchLayout(old, generation, changed, (p) => st.all(p) as [number, number, string, Buffer][]);
  }
}

/**
 * The layout after a change to some files only: their old chunks are dropped and their chunks
 * read again (a file now gone keeps its number, with no chunks and no path). The same scores as
 * a layout read afresh: lengths and totals are sums of whole token counts, the file count leaves
 * the removed ones out, and file numbers only name files.
 */
function patchLayout(old: Layout, generation: number, changed: ReadonlySet<string>, rowsOf: (path: string) => [number, number, string, Buffer][]): Layout {
  const paths = old.paths.slice();
  const number = new Map(old.number);
  const length = Array.from(old.length);
  const headLength = Array.from(old.headLength);
  const headOf = old.headOf.slice();
  const chunks = old.chunks.slice();
  const named = new Map(old.named);
  const fresh = new Map<string, [number, number, string, Buffer][]>();
  let maxId = old.fileOf.length - 1;
  for (const p of changed) {
    const rows = rowsOf(p);
    fresh.set(p, rows);
    for (const [id] of rows) if (id > maxId) maxId = id;
  }
  const fileOf = new Int32Array(maxId + 1);
  fileOf.set(old.fileOf);
  const isHead = new Uint8Array(maxId + 1);
  isHead.set(old.isHead);
  const unname = (path: string, f: number): void => {
    for (const w of nameWords(path)) {
      const list = named.get(w)?.filter((x) => x !== f);
      if (list?.length) named.set(w, list);
      else named.delete(w);
    }
  };
  for (const [p, rows] of fresh) {
    let f = number.get(p);
    if (f !== undefined) {
      for (const id of chunks[f]!) (fileOf[id] = 0), (isHead[id] = 0);
      length[f] = 0;
      headLength[f] = 0;
      headOf[f] = [];
      chunks[f] = [];
      if (!rows.length) {
        // gone (or empty: a file without chunks is not in a layout read afresh either)
        number.delete(p);
        paths[f] = '';
        unname(p, f);
        continue;
      }
    } else {
      if (!rows.length) continue;
      f = appendFile(p, { paths, number, length, headLength, headOf, chunks });
      for (const w of nameWords(p)) named.set(w, [...(named.get(w) ?? []), f]); // the old layout's lists stay as they were
    }
    for (const [id, seq, , sz] of rows) {
      const tokens = varints(sz, 1)[0]!;
      fileOf[id] = f + 1;
      chunks[f]!.push(id);
      length[f] = length[f]! + tokens;
      if (seq < HEAD_CHUNKS) {
        isHead[id] = 1;
        headOf[f]!.push(id);
        headLength[f] = headLength[f]! + tokens;
      }
    }
  }
  let total = 0;
  let headTotal = 0;
  for (let f = 0; f < paths.length; f++) (total += length[f]!), (headTotal += headLength[f]!);
  return finish({ generation, full: old.full, paths, files: number.size, chunks, number, fileOf, isHead, headOf, named }, length, headLength, total, headTotal);
}

/** A layout being read: files numbered as first met, each chunk added to its file with its token count and whether it is a head. */
class LayoutBuilder {
  readonly paths: string[] = [];
  readonly number = new Map<string, number>();
  readonly length: number[] = [];
  readonly headLength: number[] = [];
  readonly headOf: number[][] = [];
  readonly chunks: number[][] = [];
  private readonly ids: number[] = [];
  private readonly owners: number[] = [];
  private readonly heads: number[] = [];
  private total = 0;
  private headTotal = 0;
  private maxId = 0;

  /** The number of the file at path (the next one when it is new). */
  file(path: string): number {
    return this.number.get(path) ?? appendFile(path, this);
  }

  add(f: number, id: number, tokens: number, head: boolean): void {
    this.chunks[f]!.push(id);
    this.ids.push(id);
    this.owners.push(f);
    if (id > this.maxId) this.maxId = id;
    this.length[f] = this.length[f]! + tokens;
    this.total += tokens;
    if (head) {
      this.heads.push(id);
      this.headOf[f]!.push(id);
      this.headLength[f] = this.headLength[f]! + tokens;
      this.headTotal += tokens;
    }
  }

  done(generation: number, full: boolean): Layout {
    const fileOf = new Int32Array(this.maxId + 1);
    this.ids.forEach((id, k) => (fileOf[id] = this.owners[k]! + 1));
    const isHead = new Uint8Array(this.maxId + 1);
    for (const id of this.heads) isHead[id] = 1;
    const named = new Map<string, number[]>();
    this.paths.forEach((path, f) => addName(named, path, f));
    const { paths, number, chunks, headOf } = this;
    return finish({ generation, full, paths, files: paths.length, chunks, number, fileOf, isHead, headOf, named }, this.length, this.headLength, this.total, this.headTotal);
  }
}

/** Gives a file the next number in a layout being made (no chunks yet); returns it. */
function appendFile(path: string, l: { paths: string[]; number: Map<string, number>; length: number[]; headLength: number[]; headOf: number[][]; chunks: number[][] }): number {
  const f = l.paths.length;
  l.number.set(path, f);
  l.paths.push(path);
  l.length.push(0);
  l.headLength.push(0);
  l.headOf.push([]);
  l.chunks.push([]);
  return f;
}

/** A layout from its parts, the lengths (in tokens, by file number) and their totals. */
function finish(l: Omit<Layout, 'length' | 'headLength' | 'avg' | 'headAvg'>, length: number[], headLength: number[], total: number, headTotal: number): Layout {
  const n = l.files;
  return {
    ...l,
    length: Float64Array.from(length),
    headLength: Float64Array.from(headLength),
    avg: n ? Math.max(1, total / n) : 1,
    headAvg: n ? Math.max(1, headTotal / n) : 1,
  };
}

/** The words of a file's name, each listing file number f (Layout.named). */
function nameWords(path: string): Set<string> {
  return new Set(path.slice(path.lastIndexOf('/') + 1).toLowerCase().match(/[a-z0-9]+/g) ?? []);
}
function addName(named: Map<string, number[]>, path: string, f: number): void {
  for (const w of nameWords(path)) {
    const list = named.get(w);
    if (list) list.push(f);
    else named.set(w, [f]);
  }
}
