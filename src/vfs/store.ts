// VectorFS store (vfs layer): typed access to the vfs tables in SQLite, the source of truth
// (inodes, chunks and their vectors, settings, mounts). It writes each chunk's FTS5 row beside
// the chunk (no insert trigger: schema v4); FTS5 reads are in lexical-index.ts, file contents
// (segments) in segments.ts.
// Only vfs modules call it; it never touches the HNSW index (index-sync.ts keeps that in
// step after each commit).
import type { Db, Statement } from '../base/sqlite.js';
import { migrate } from '../base/sqlite.js';
import { InLists } from './in-list.js';
import { subtreeWhere } from './sql-where.js';
import { LexicalIndex } from './lexical-index.js';
import { Segments } from './segments.js';
import { VFS_MIGRATIONS } from './schema.js';
import type { InodeKind } from './types.js';

export interface InodeRow {
  id: number;
  path: string;
  parent: string;
  name: string;
  kind: InodeKind;
  description: string | null;
  metadata: string | null;
  hash: string | null;
  size: number;
  mtime: number;
}

export interface ChunkInput {
  seq: number;
  startLine: number;
  endLine: number;
  text: string;
  hash: string;
  vector: Float32Array;
}

export interface ChunkRow {
  id: number;
  path: string;
  start_line: number;
  end_line: number;
  text: string;
}

const LIGHT = 'id, path, parent, name, kind, description, metadata, hash, size, mtime';

/** Serialises a vector for a BLOB column. */
export function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function sumBlob(v: Float64Array | null): Buffer | null {
  return v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : null;
}

/** Reads a BLOB column back into a (copied, aligned) vector. */
export function fromBlob(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/** A removed subtree of at most this many chunks has their text read, so the lexical index forgets only their words' counts. */
const MAX_TEXTS_READ = 2_000;

/** Queries of chunks by id (or content hash), and of files by path, completed with an `IN (...)` list (in-list.ts). */
const BY_IDS = {
  hashes: 'SELECT id, hash FROM vfs_chunks WHERE hash',
  vectors: 'SELECT id, vector FROM vfs_chunks WHERE id',
  chunks: 'SELECT c.id, i.path, c.start_line, c.end_line, c.text FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode WHERE c.id',
  fileVectors: "SELECT path, vector FROM vfs_inodes WHERE kind = 'file' AND vector IS NOT NULL AND path",
  // the first three chunks of files (a page's topic, topic.ts: ~200 words)
  heads: "SELECT i.path, c.seq, c.text FROM vfs_inodes i JOIN vfs_chunks c ON c.inode = i.id AND c.seq < 3 WHERE i.kind = 'file' AND i.path",
} as const;

export class VfsStore {
  readonly db: Db;
  /** FTS5 matching and the statistics of the lexical side of search. */
  readonly lexical: LexicalIndex;
  private readonly st: Record<string, Statement>;
  private readonly inLists: InLists;
  /** File contents, stored as segments. */
  private readonly segments: Segments;

  constructor(db: Db) {
    this.db = db;
    migrate(db, 'vfs', VFS_MIGRATIONS);
    this.st = {
      get: db.prepare(`SELECT ${LIGHT} FROM vfs_inodes WHERE path = ?`),
      appendFile: db.prepare('UPDATE vfs_inodes SET hash = @hash, size = @size, mtime = @mtime, vector = @vector, chunk_sum = @chunkSum WHERE id = @id'),
      chunkSum: db.prepare('SELECT chunk_sum AS s FROM vfs_inodes WHERE id = ?'),
      children: db.prepare(`SELECT ${LIGHT} FROM vfs_inodes WHERE parent = ? AND path <> '/' ORDER BY name`),
      childPaths: db.prepare(`SELECT path FROM vfs_inodes WHERE parent = ? AND path <> '/' ORDER BY name`).pluck(),
      insert: db.prepare(
        `INSERT INTO vfs_inodes (path, parent, name, kind, content, description, metadata, hash, size, mtime, vector, chunk_sum)
         VALUES (@path, @parent, @name, @kind, NULL, @description, @metadata, @hash, @size, @mtime, @vector, @chunkSum)`,
      ),
      updateFile: db.prepare(
        `UPDATE vfs_inodes SET content = NULL, description = coalesce(@description, description),
         metadata = coalesce(@metadata, metadata), hash = @hash, size = @size, mtime = @mtime, vector = @vector, chunk_sum = @chunkSum WHERE id = @id`,
      ),
      setVector: db.prepare('UPDATE vfs_inodes SET vector = ? WHERE id = ?'),
      chunkIdsOf: db.prepare('SELECT id FROM vfs_chunks WHERE inode = ?'),
      chunkTextsOf: db.prepare('SELECT id, text FROM vfs_chunks WHERE inode = ?'),
      chunkHashesOf: db.prepare('SELECT hash, vector FROM vfs_chunks WHERE inode = ?'),
      deleteChunksOf: db.prepare('DELETE FROM vfs_chunks WHERE inode = ?'),
      insertChunk: db.prepare(
        'INSERT INTO vfs_chunks (inode, seq, start_line, end_line, text, hash, vector) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      // a chunk's row in the text index, written beside it (schema v4: no trigger)
      indexText: db.prepare('INSERT INTO vfs_fts (rowid, text) VALUES (?, ?)'),
      vectorByHash: db.prepare('SELECT vector FROM vfs_chunks WHERE hash = ? LIMIT 1'),
      idsWithHash: db.prepare('SELECT id FROM vfs_chunks WHERE hash = ? ORDER BY id'),
      allChunkIds: db.prepare('SELECT id FROM vfs_chunks ORDER BY id'),
      chunkVector: db.prepare('SELECT vector FROM vfs_chunks WHERE id = ?'),
      metaGet: db.prepare('SELECT value FROM vfs_meta WHERE key = ?'),
      metaSet: db.prepare(
        'INSERT INTO vfs_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      counts: db.prepare('SELECT (SELECT count(*) FROM vfs_inodes) AS inodes, (SELECT count(*) FROM vfs_chunks) AS chunks'),
    };
    this.inLists = new InLists(db);
    this.lexical = new LexicalIndex(db, this.inLists);
    this.segments = new Segments(db);
  }

  /** The inode at path (without its content), or undefined. */
  get(path: string): InodeRow | undefined {
    return this.st.get!.get(path) as InodeRow | undefined;
  }

  /** A file's content, or undefined when there is no such inode (segments.ts). */
  content(path: string): string | undefined {
    return this.segments.content(path);
  }

  /**
   * Appends text to a file's content without rewriting it (segments.ts); the file's own fields
   * are set from f (hash, size, mtime, vector, chunk sum).
   */
  appendContent(
    inode: number,
    text: string,
    f: { hash: string; size: number; mtime: number; vector: Float32Array | null; chunkSum: Float64Array | null },
  ): void {
    this.segments.append(inode, text);
    this.st.appendFile!.run({ ...f, id: inode, vector: f.vector ? toBlob(f.vector) : null, chunkSum: sumBlob(f.chunkSum) });
  }

  /** A file's content from the start of line `line` (1-based) to its end, reading only the segments from there on. */
  contentFromLine(inode: number, line: number): string {
    return this.segments.fromLine(inode, line);
  }

  /** The stored sum of a file's chunk vectors, or undefined when it is not stored (older rows, after re-embedding). */
  chunkSum(inode: number): Float64Array | undefined {
    const r = this.st.chunkSum!.get(inode) as { s: Buffer | null } | undefined;
    if (!r?.s) return undefined;
    const out = new Float64Array(r.s.byteLength / 8);
    new Uint8Array(out.buffer).set(r.s);
    return out;
  }

  /** The direct children of a directory, by name. */
  children(dir: string): InodeRow[] {
    return this.st.children!.all(dir) as InodeRow[];
  }

  /** The paths of a directory's children, in the order of children() (only the paths: cheaper). */
  childPaths(dir: string): string[] {
    return this.st.childPaths!.all(dir) as string[];
  }

  /** The inode at dir and every inode below it, in path order. */
  subtree(dir: string): InodeRow[] {
    const [where, params] = subtreeWhere('path', dir);
    return this.db.prepare(`SELECT ${LIGHT} FROM vfs_inodes WHERE ${where} ORDER BY path`).all(...params) as InodeRow[];
  }

  /** Inserts an inode row (a file's content as segments) and returns its id. */
  insert(row: Omit<InodeRow, 'id'> & { content: string | null; vector: Float32Array | null; chunkSum?: Float64Array | null }): number {
    const { content, ...rest } = row;
    const r = this.st.insert!.run({ ...rest, vector: row.vector ? toBlob(row.vector) : null, chunkSum: sumBlob(row.chunkSum ?? null) });
    const id = Number(r.lastInsertRowid);
    if (content !== null) this.segments.set(id, content);
    return id;
  }

  /** Replaces a file's content fields (description/metadata kept when null). */
  updateFile(
    id: number,
    f: {
      content: string; description: string | null; metadata: string | null; hash: string; size: number; mtime: number;
      vector: Float32Array | null; chunkSum?: Float64Array | null;
    },
  ): void {
    const { content, ...rest } = f;
    this.st.updateFile!.run({ ...rest, id, vector: f.vector ? toBlob(f.vector) : null, chunkSum: sumBlob(f.chunkSum ?? null) });
    this.segments.set(id, content);
  }

  /** Sets an inode's own vector (file centroid, or a directory's name+description vector). */
  setVector(id: number, v: Float32Array | null): void {
    this.st.setVector!.run(v ? toBlob(v) : null, id);
  }

  /** Vectors of an inode's current chunks, keyed by content hash (for re-use on rewrite). */
  chunkVectorsByHash(inode: number): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const r of this.st.chunkHashesOf!.all(inode) as { hash: string; vector: Buffer }[]) out.set(r.hash, fromBlob(r.vector));
    return out;
  }

  /** Replaces an inode's chunks; returns the removed and the added chunk ids. */
  replaceChunks(inode: number, chunks: readonly ChunkInput[]): { removed: number[]; added: number[] } {
    return this.atomically(() => {
      // the removed chunks' text too, when the lexical index has word counts to forget (lexical-index.ts)
      const texts = this.lexical.wantsTexts();
      const rows = (texts ? this.st.chunkTextsOf! : this.st.chunkIdsOf!).all(inode) as { id: number; text?: string }[];
      // a DELETE runs its trigger under a savepoint, which flushes FTS5 (schema v4): only when there is something to delete
      if (rows.length) this.st.deleteChunksOf!.run(inode);
      return { removed: rows.map((r) => r.id), added: this.insertChunks(inode, chunks, texts ? rows.map((r) => r.text!) : undefined) };
    });
  }

  /** Replaces the chunks of an inode that start at or after line fromLine (earlier ones stay); returns removed and added ids. */
  replaceChunksFrom(inode: number, fromLine: number, chunks: readonly ChunkInput[]): { removed: number[]; added: number[] } {
    return this.atomically(() => {
      const texts = this.lexical.wantsTexts();
      const rows = this.db.prepare(`SELECT id${texts ? ', text' : ''} FROM vfs_chunks WHERE inode = ? AND start_line >= ?`).all(inode, fromLine) as { id: number; text?: string }[];
      if (rows.length) this.db.prepare('DELETE FROM vfs_chunks WHERE inode = ? AND start_line >= ?').run(inode, fromLine);
      return { removed: rows.map((r) => r.id), added: this.insertChunks(inode, chunks, texts ? rows.map((r) => r.text!) : undefined) };
    });
  }

  // Runs fn in the caller's transaction, or in a new one when there is none: never in a nested
  // one, whose savepoint would make FTS5 flush its pending terms (see schema v4).
  private atomically<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.tx(fn);
  }

  // Inserts an inode's chunks and their text index (the caller removed the ones they replace, in
  // the same transaction); returns their ids.
  private insertChunks(inode: number, chunks: readonly ChunkInput[], removedTexts: readonly string[] | undefined): number[] {
    const added: number[] = [];
    for (const c of chunks) {
      const id = Number(this.st.insertChunk!.run(inode, c.seq, c.startLine, c.endLine, c.text, c.hash, toBlob(c.vector)).lastInsertRowid);
      this.st.indexText!.run(id, c.text);
      added.push(id);
    }
    // the words of the text removed and added (all words when the removed text was not read)
    this.lexical.changed(removedTexts && [...removedTexts, ...chunks.map((c) => c.text)]);
    return added;
  }

  /** The first line and seq of an inode's last chunk (where an append restarts the chunker), or undefined when it has none. */
  lastChunkStart(inode: number): { startLine: number; seq: number } | undefined {
    const r = this.db.prepare('SELECT start_line AS startLine, min(seq) AS seq FROM vfs_chunks WHERE inode = ? AND start_line = (SELECT max(start_line) FROM vfs_chunks WHERE inode = ?)').get(inode, inode) as
      { startLine: number | null; seq: number | null } | undefined;
    return r && r.startLine !== null && r.seq !== null ? { startLine: r.startLine, seq: r.seq } : undefined;
  }

  /** The sum of the vectors of an inode's chunks that start before line beforeLine (or, with from, at or after it). */
  chunkVectorSum(inode: number, line: number, dim: number, from = false): Float64Array {
    const sum = new Float64Array(dim);
    const q = this.db.prepare(`SELECT vector FROM vfs_chunks WHERE inode = ? AND start_line ${from ? '>=' : '<'} ?`);
    for (const r of q.iterate(inode, line) as IterableIterator<{ vector: Buffer }>) {
      const v = fromBlob(r.vector);
      for (let i = 0; i < dim; i++) sum[i] = sum[i]! + v[i]!;
    }
    return sum;
  }

  /** A stored vector for a chunk with this content hash (the embedding cache), or undefined. */
  vectorByHash(hash: string): Float32Array | undefined {
    const r = this.st.vectorByHash!.get(hash) as { vector: Buffer } | undefined;
    return r ? fromBlob(r.vector) : undefined;
  }

  /** Deletes dir and everything below it; returns the removed inode count and chunk ids. */
  deleteSubtree(dir: string): { inodes: number; chunks: number[] } {
    const [where, params] = subtreeWhere('i.path', dir);
    const chunks = (
      this.db.prepare(`SELECT c.id FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode WHERE ${where}`).all(...params) as {
        id: number;
      }[]
    ).map((r) => r.id);
    // the removed text, so that only its words' counts are forgotten (a big subtree: all are)
    const texts = this.lexical.wantsTexts() && chunks.length <= MAX_TEXTS_READ ? [...this.chunksOf(chunks).values()].map((c) => c.text) : undefined;
    const [w2, p2] = subtreeWhere('path', dir);
    const r = this.db.prepare(`DELETE FROM vfs_inodes WHERE ${w2}`).run(...p2);
    this.lexical.changed(texts);
    return { inodes: r.changes, chunks };
  }

  /** Renames dir (and everything below it) to `to`; names and parents follow. */
  moveSubtree(from: string, to: string, toParent: string, toName: string, mtime: number): void {
    const [where, params] = subtreeWhere('path', from);
    const n = from.length;
    this.db
      .prepare(
        `UPDATE vfs_inodes SET path = ? || substr(path, ?), parent = CASE WHEN path = ? THEN ? ELSE ? || substr(parent, ?) END
         WHERE ${where}`,
      )
      .run(to, n + 1, from, toParent, to, n + 1, ...params);
    this.db.prepare('UPDATE vfs_inodes SET name = ?, mtime = ? WHERE path = ?').run(toName, mtime, to);
  }

  /** Every chunk id, ascending. */
  allChunkIds(): number[] {
    return (this.st.allChunkIds!.all() as { id: number }[]).map((r) => r.id);
  }

  /** The highest chunk id ever committed that still exists, and the number of chunks: with ids never reused and
   * chunks never rewritten in place, an equal pair means the same set of chunks (the index stamp keeps it). */
  chunkExtent(): { maxId: number; count: number } {
    return this.db.prepare('SELECT coalesce(max(id), 0) AS maxId, count(*) AS count FROM vfs_chunks').get() as { maxId: number; count: number };
  }

  /** Iterates (id, hash, vector) of the chunks with ids above after, by id (a stale index's catch-up). */
  *chunkVectorsAfter(after: number): Generator<{ id: number; hash: string; vector: Float32Array }> {
    const q = this.db.prepare('SELECT id, hash, vector FROM vfs_chunks WHERE id > ? ORDER BY id');
    for (const r of q.iterate(after) as Iterable<{ id: number; hash: string; vector: Buffer }>) {
      yield { id: r.id, hash: r.hash, vector: fromBlob(r.vector) };
    }
  }

  /** Chunk ids of the files at or below dir. */
  chunkIdsUnder(dir: string): number[] {
    const [where, params] = subtreeWhere('i.path', dir);
    return (
      this.db.prepare(`SELECT c.id FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode WHERE ${where}`).all(...params) as {
        id: number;
      }[]
    ).map((r) => r.id);
  }

  /** Iterates (id, vector) of every chunk, or of the chunks below dir. */
  *chunkVectors(dir = '/'): Generator<{ id: number; hash: string; vector: Float32Array }> {
    const [where, params] = subtreeWhere('i.path', dir);
    const q = this.db.prepare(`SELECT c.id, c.hash, c.vector FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode WHERE ${where} ORDER BY c.id`);
    for (const r of q.iterate(...params) as Iterable<{ id: number; hash: string; vector: Buffer }>) {
      yield { id: r.id, hash: r.hash, vector: fromBlob(r.vector) };
    }
  }

  /** (id, content hash) of every chunk, or of the chunks below dir, by id. */
  chunkHashes(dir = '/'): { id: number; hash: string }[] {
    const [where, params] = subtreeWhere('i.path', dir);
    return this.db
      .prepare(`SELECT c.id, c.hash FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode WHERE ${where} ORDER BY c.id`)
      .all(...params) as { id: number; hash: string }[];
  }

  /** Ids of the chunks with this content hash, ascending. */
  idsWithHash(hash: string): number[] {
    return (this.st.idsWithHash!.all(hash) as { id: number }[]).map((r) => r.id);
  }

  /** Ids of the chunks with each of these content hashes, ascending, in one query (hashes without chunks are left out). */
  idsWithHashes(hashes: readonly string[]): Map<string, number[]> {
    const out = new Map<string, number[]>();
    if (!hashes.length) return out;
    const rows = this.byIds('hashes', hashes) as { id: number; hash: string }[];
    rows.sort((a, b) => a.id - b.id);
    for (const r of rows) {
      const ids = out.get(r.hash);
      if (ids) ids.push(r.id);
      else out.set(r.hash, [r.id]);
    }
    return out;
  }

  /** One chunk's vector, or undefined when it no longer exists. */
  chunkVector(id: number): Float32Array | undefined {
    const r = this.st.chunkVector!.get(id) as { vector: Buffer } | undefined;
    return r ? fromBlob(r.vector) : undefined;
  }

  /** File vectors (centroids) of every file, with paths; for directory vectors. */
  fileVectors(): { path: string; vector: Float32Array }[] {
    const rows = this.db.prepare("SELECT path, vector FROM vfs_inodes WHERE kind = 'file' AND vector IS NOT NULL").all() as {
      path: string;
      vector: Buffer;
    }[];
    return rows.map((r) => ({ path: r.path, vector: fromBlob(r.vector) }));
  }

  /** The vectors of the given files that exist and have one, with their paths (in any order). */
  fileVectorsOf(paths: readonly string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    if (paths.length) for (const r of this.byIds('fileVectors', paths) as { path: string; vector: Buffer }[]) out.set(r.path, fromBlob(r.vector));
    return out;
  }

  /** Every directory's path, name and description (the tree's other rows are not read), by path. */
  dirRows(): { path: string; name: string; description: string | null }[] {
    return this.db.prepare("SELECT path, name, description FROM vfs_inodes WHERE kind = 'dir' ORDER BY path").all() as { path: string; name: string; description: string | null }[];
  }

  /** Own vectors of inodes of a kind (optionally below dir), with paths. */
  inodeVectors(kind: InodeKind, dir = '/'): { path: string; vector: Float32Array }[] {
    const [where, params] = subtreeWhere('path', dir);
    const rows = this.db
      .prepare(`SELECT path, vector FROM vfs_inodes WHERE kind = ? AND vector IS NOT NULL AND ${where}`)
      .all(kind, ...params) as { path: string; vector: Buffer }[];
    return rows.map((r) => ({ path: r.path, vector: fromBlob(r.vector) }));
  }

  /** Vectors of the given chunks that still exist, by id. */
  vectorsOf(ids: readonly number[]): Map<number, Float32Array> {
    const out = new Map<number, Float32Array>();
    if (!ids.length) return out;
    for (const r of this.byIds('vectors', ids) as { id: number; vector: Buffer }[]) out.set(r.id, fromBlob(r.vector));
    return out;
  }

  /** The given chunks that still exist, with their files' paths, by id. */
  chunksOf(ids: readonly number[]): Map<number, ChunkRow> {
    const out = new Map<number, ChunkRow>();
    if (!ids.length) return out;
    for (const r of this.byIds('chunks', ids) as ChunkRow[]) out.set(r.id, r);
    return out;
  }

  /** The text of the first three chunks of each of the files that exist (by path; a page's topic, topic.ts). */
  headTexts(paths: readonly string[]): Map<string, string> {
    const parts = new Map<string, string[]>();
    for (const r of this.byIds('heads', paths) as { path: string; seq: number; text: string }[]) {
      let p = parts.get(r.path);
      if (!p) parts.set(r.path, (p = []));
      p[r.seq] = r.text; // an IN list is padded with a repeated item: the same row again
    }
    return new Map([...parts].map(([path, p]) => [path, p.filter((x) => x !== undefined).join('\n')]));
  }

  private byIds(kind: keyof typeof BY_IDS, ids: readonly (number | string)[]): unknown[] {
    return this.inLists.all(BY_IDS[kind], ids);
  }

  /** The number of chunks (FTS5 keeps one row per chunk and its count in one record). */
  get chunkCount(): number {
    return this.lexical.ftsTotals().rows;
  }

  /** A setting, or undefined. */
  meta(key: string): string | undefined {
    return (this.st.metaGet!.get(key) as { value: string } | undefined)?.value;
  }

  /** Stores a setting. */
  setMeta(key: string, value: string): void {
    this.st.metaSet!.run(key, value);
  }

  /** Numbers of inodes and chunks. */
  counts(): { inodes: number; chunks: number } {
    return this.st.counts!.get() as { inodes: number; chunks: number };
  }

  /** Runs fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
