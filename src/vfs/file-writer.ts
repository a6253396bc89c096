// File writer (vfs layer): turns text into stored files — checks it, chunks it, embeds only
// chunks whose content hash has no vector yet, commits inode + chunks in one SQLite
// transaction, and then updates the vector index. Used by vectorfs.ts and host-import.ts.
import { NlshError, panic } from '../base/errors.js';
import type { Clock } from '../base/clock.js';
import { normalize, type Embedder } from '../embed/types.js';
import { appendHash, chunkText, contentHash } from './chunker.js';
import type { VectorIndex } from './index-sync.js';
import type { DirectoryVectors } from './semantic-path.js';
import type { ChunkInput, VfsStore } from './store.js';
import { baseName, checkNewPath, parentOf, pathWords } from './vpath.js';

/** Largest file content VectorFS stores, in bytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface PreparedFile {
  path: string;
  content: string;
  hash: string;
  size: number;
  chunks: ChunkInput[];
  vector: Float32Array | null;
  embedded: number;
  lines: number;
  description: string | null;
  metadata: string | null;
  /** Set by prepareAppend: chunks starting before this line are kept as stored; `chunks` replace the rest. */
  fromLine?: number;
  /** Set by prepareAppend: `content` is only the appended text, added after the stored content. */
  append?: boolean;
  /** The sum of the file's chunk vectors (its vector without the name, before normalizing). */
  chunkSum: Float64Array;
}

/** The number of lines in text (a final newline does not start another line). */
export function countLines(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

export interface EmbedCounters {
  hits: number;
  misses: number;
}

/** Returns text unchanged when it is storable text; fails fs.binary, fs.badEncoding or fs.tooLarge. */
export function checkText(path: string, text: string): string {
  if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    throw new NlshError('fs.tooLarge', `${path}: content is larger than ${MAX_FILE_BYTES} bytes`, {
      hint: 'split it into smaller files',
    });
  }
  if (text.includes('\u0000')) throw new NlshError('fs.binary', `${path}: content contains NUL bytes (binary)`, { hint: 'VectorFS stores text only' });
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    throw new NlshError('fs.badEncoding', `${path}: content is not valid Unicode (lone surrogate)`, { hint: 'VectorFS stores UTF-8 text only' });
  }
  return text;
}

export class FileWriter {
  constructor(
    private readonly store: VfsStore,
    private readonly index: VectorIndex,
    private readonly embedder: Embedder,
    private readonly dirs: DirectoryVectors,
    private readonly clock: Clock,
    readonly counters: EmbedCounters,
  ) {}

  /** The embedding of a short text (a name or description). */
  async embedOne(text: string): Promise<Float32Array> {
    if (this.embedder.embedSync) return this.embedder.embedSync(text);
    const [v] = await this.embedder.embed([text]);
    return v ?? panic('embedder returned no vector');
  }

  /**
   * Chunks and embeds a file's text (re-using vectors by content hash: the file's old chunks,
   * `batch` — vectors of files prepared but not yet committed — and the store); each distinct
   * missing content is embedded once, and its vector is added to `batch`. Fails like checkText
   * or the embedder.
   */
  async prepare(
    path: string,
    content: string,
    opts: { description?: string; metadata?: string; signal?: AbortSignal; batch?: Map<string, Float32Array> } = {},
  ): Promise<PreparedFile> {
    checkNewPath(path);
    checkText(path, content);
    const chunks = chunkText(content);
    const existing = this.store.get(path);
    const reuse = existing ? this.store.chunkVectorsByHash(existing.id) : new Map<string, Float32Array>();
    const batch = opts.batch;
    const vectors: (Float32Array | undefined)[] = chunks.map((c) => reuse.get(c.hash) ?? batch?.get(c.hash) ?? this.store.vectorByHash(c.hash));
    // one embedding per distinct missing content (a file often repeats a line or a block)
    const slot = new Map<string, number>();
    const toEmbed: number[] = [];
    chunks.forEach((c, i) => {
      if (vectors[i] || slot.has(c.hash)) return;
      slot.set(c.hash, toEmbed.length);
      toEmbed.push(i);
    });
    this.counters.hits += chunks.length - toEmbed.length;
    this.counters.misses += toEmbed.length;
    if (toEmbed.length) {
      const fresh = await this.embedder.embed(toEmbed.map((i) => chunks[i]!.text), { signal: opts.signal });
      if (fresh.length < toEmbed.length) panic('embedder returned too few vectors');
      chunks.forEach((c, i) => (vectors[i] ??= fresh[slot.get(c.hash)!]!));
    }
    if (batch) chunks.forEach((c, i) => batch.set(c.hash, vectors[i]!));
    const dim = this.embedder.dim;
    const chunkSum = new Float64Array(dim);
    for (const v of vectors) for (let i = 0; i < dim; i++) chunkSum[i] = chunkSum[i]! + v![i]!;
    const name = await this.embedOne(pathWords(baseName(path)) + (opts.description ? ' ' + opts.description : ''));
    // The name counts like one chunk, so short files are found by their names too.
    const centroid = new Float32Array(dim);
    for (let i = 0; i < dim; i++) centroid[i] = chunkSum[i]! + name[i]!;
    return {
      chunkSum,
      path,
      content,
      hash: contentHash(content),
      size: Buffer.byteLength(content, 'utf8'),
      chunks: chunks.map((c, i) => ({ ...c, vector: vectors[i]! })),
      vector: normalize(centroid),
      embedded: toEmbed.length,
      lines: countLines(content),
      description: opts.description ?? null,
      metadata: opts.metadata ?? null,
    };
  }

  /**
   * Prepares `appended` as an addition to an existing file, doing work in proportion to what is
   * appended, not to the file: the chunker restarts at the last stored chunk's first line (every
   * chunk starts afresh, so the result equals chunking the whole text) reading only the content
   * from there (store.contentFromLine), only those chunks are re-made, only new chunk texts are
   * embedded, the file vector comes from the stored chunk-vector sum, and the content hash is
   * chained (appendHash). Fails like prepare.
   */
  async prepareAppend(path: string, appended: string, opts: { signal?: AbortSignal } = {}): Promise<PreparedFile> {
    const row = this.store.get(path);
    if (!row || row.kind !== 'file') panic(`prepareAppend: ${path} is not a stored file`);
    checkNewPath(path);
    const bytes = Buffer.byteLength(appended, 'utf8');
    if (row.size + bytes > MAX_FILE_BYTES) {
      throw new NlshError('fs.tooLarge', `${path}: content is larger than ${MAX_FILE_BYTES} bytes`, { hint: 'split it into smaller files' });
    }
    checkText(path, appended);
    const tail = this.store.lastChunkStart(row.id);
    const fromLine = tail?.startLine ?? 1;
    // The text from the restart line on (with no chunk yet, the whole file: it is blank).
    const tailText = this.store.contentFromLine(row.id, fromLine) + appended;
    const seq0 = tail?.seq ?? 0;
    const fresh = chunkText(tailText).map((c) => ({ ...c, seq: c.seq + seq0, startLine: c.startLine + fromLine - 1, endLine: c.endLine + fromLine - 1 }));
    const vectors: (Float32Array | undefined)[] = fresh.map((c) => this.store.vectorByHash(c.hash));
    const missing = fresh.map((c, i) => (vectors[i] ? -1 : i)).filter((i) => i >= 0);
    this.counters.hits += fresh.length - missing.length;
    this.counters.misses += missing.length;
    if (missing.length) {
      const got = await this.embedder.embed(missing.map((i) => fresh[i]!.text), { signal: opts.signal });
      missing.forEach((ci, j) => (vectors[ci] = got[j] ?? panic('embedder returned too few vectors')));
    }
    // The file's vector: stored chunk sum - replaced tail chunks + new chunks + name (no re-summing of kept chunks).
    const dim = this.embedder.dim;
    const chunkSum = this.store.chunkSum(row.id) ?? this.store.chunkVectorSum(row.id, Number.MAX_SAFE_INTEGER, dim);
    const replaced = this.store.chunkVectorSum(row.id, fromLine, dim, true);
    for (let i = 0; i < dim; i++) chunkSum[i] = chunkSum[i]! - replaced[i]!;
    for (const v of vectors) for (let i = 0; i < dim; i++) chunkSum[i] = chunkSum[i]! + v![i]!;
    const name = await this.embedOne(pathWords(baseName(path)) + (row.description ? ' ' + row.description : ''));
    const centroid = new Float32Array(dim);
    for (let i = 0; i < dim; i++) centroid[i] = chunkSum[i]! + name[i]!;
    return {
      path,
      content: appended,
      hash: appendHash(row.hash, appended),
      size: row.size + bytes,
      chunks: fresh.map((c, i) => ({ ...c, vector: vectors[i]! })),
      vector: normalize(centroid),
      chunkSum,
      embedded: missing.length,
      lines: fromLine - 1 + countLines(tailText),
      description: null,
      metadata: null,
      fromLine,
      append: true,
    };
  }

  /** Stores prepared files in one transaction (their parents must exist), then indexes their chunks. */
  commit(files: readonly PreparedFile[]): void {
    const now = this.clock.now();
    const changes = this.store.tx(() => {
      const all: { removed: number[]; added: { id: number; hash: string; v: Float32Array }[] } = { removed: [], added: [] };
      for (const f of files) {
        const parent = this.store.get(parentOf(f.path));
        if (!parent || parent.kind !== 'dir') panic(`commit: parent of ${f.path} is not a directory`);
        const row = this.store.get(f.path);
        let id: number;
        if (row) {
          if (row.kind !== 'file') panic(`commit: ${f.path} is a directory`);
          id = row.id;
          if (f.append) this.store.appendContent(id, f.content, { hash: f.hash, size: f.size, mtime: now, vector: f.vector, chunkSum: f.chunkSum });
          else this.store.updateFile(id, { content: f.content, description: f.description, metadata: f.metadata, hash: f.hash, size: f.size, mtime: now, vector: f.vector, chunkSum: f.chunkSum });
        } else {
          id = this.store.insert({
            path: f.path, parent: parentOf(f.path), name: baseName(f.path), kind: 'file', content: f.content,
            description: f.description, metadata: f.metadata, hash: f.hash, size: f.size, mtime: now, vector: f.vector, chunkSum: f.chunkSum,
          });
        }
        const r = f.fromLine !== undefined && row ? this.store.replaceChunksFrom(id, f.fromLine, f.chunks) : this.store.replaceChunks(id, f.chunks);
        all.removed.push(...r.removed);
        r.added.forEach((cid, i) => all.added.push({ id: cid, hash: f.chunks[i]!.hash, v: f.chunks[i]!.vector }));
      }
      return all;
    });
    for (const id of changes.removed) this.index.remove(id);
    for (const a of changes.added) this.index.add(a.id, a.hash, a.v);
    this.dirs.invalidate(files.map((f) => f.path));
  }

  /** Creates a directory row (its parent must exist) with its name/description vector. */
  async mkdirRow(path: string, description?: string): Promise<void> {
    checkNewPath(path);
    const v = await this.embedOne(pathWords(baseName(path)) + (description ? ' ' + description : ''));
    this.store.insert({
      path, parent: parentOf(path), name: baseName(path), kind: 'dir', content: null, description: description ?? null,
      metadata: null, hash: null, size: 0, mtime: this.clock.now(), vector: v,
    });
    this.dirs.invalidate([], true); // a directory, no file
  }
}
