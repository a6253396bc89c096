// The expansion table's file (vfs layer): vfs-expansion.bin next to the database keeps the
// words expansion.ts offers and their vectors, so a new process does not ask FTS5 for its
// commonest words again (a scan of the whole vocabulary: ~0.1 s at ~100k chunks) nor embed
// them (~50 ms). It says which embedder made it and how many chunks the store had; a file
// that is torn, foreign, made by another embedder or holds anything but plain words reads
// as none (the table is then built again and the file rewritten). Called by expansion.ts only.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { writeCache } from './cache-file.js';

const MAGIC = 'NLSHEXP1';
/** Floats are stored little-endian: copied as they are on such a machine, one by one elsewhere. */
const LITTLE_ENDIAN = endianness() === 'LE';

export interface ExpansionTable {
  /** The store's chunk count when the table was built (it is rebuilt when that drifts by a quarter). */
  chunks: number;
  words: string[];
  /** words.length x dim, row by row. */
  matrix: Float32Array;
}

/** The table in `file` if it is whole, made by this embedder (id and dimension) and at most `maxWords` plain words; else undefined. */
export function readExpansionTable(file: string, embedder: { id: string; dim: number }, maxWords: number): ExpansionTable | undefined {
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return undefined; // none yet, or unreadable: a cache, not a source of truth
  }
  try {
    if (b.length < 16 || b.toString('latin1', 0, 8) !== MAGIC) return undefined;
    const headLen = b.readUInt32LE(8);
    const head = JSON.parse(b.toString('utf8', 12, 12 + headLen)) as { embedder?: unknown; dim?: unknown; chunks?: unknown; words?: unknown };
    if (head.embedder !== embedder.id || head.dim !== embedder.dim) return undefined;
    const { chunks, words: count } = head;
    if (!Number.isSafeInteger(chunks) || (chunks as number) < 0 || !Number.isSafeInteger(count) || (count as number) < 0 || (count as number) > maxWords) return undefined;
    let at = 12 + headLen;
    const wordsLen = b.readUInt32LE(at);
    at += 4;
    const words = wordsLen ? b.toString('latin1', at, at + wordsLen).split('\n') : [];
    at += wordsLen;
    if (words.length !== count || !words.every((w) => /^[a-z]{3,}$/.test(w))) return undefined;
    const floats = (count as number) * embedder.dim;
    if (b.length !== at + floats * 4) return undefined;
    const matrix = new Float32Array(floats);
    if (LITTLE_ENDIAN) new Uint8Array(matrix.buffer).set(b.subarray(at, at + floats * 4));
    else for (let i = 0; i < floats; i++) matrix[i] = b.readFloatLE(at + i * 4);
    for (let i = 0; i < floats; i++) if (!Number.isFinite(matrix[i]!)) return undefined;
    return { chunks: chunks as number, words, matrix };
  } catch {
    return undefined; // torn or foreign
  }
}

/** Writes the table atomically (a temp file, then a rename); a failure (a read-only home) only costs the next process a rebuild. */
export function writeExpansionTable(file: string, embedder: { id: string; dim: number }, t: ExpansionTable): void {
  const head = Buffer.from(JSON.stringify({ embedder: embedder.id, dim: embedder.dim, chunks: t.chunks, words: t.words.length }), 'utf8');
  const words = Buffer.from(t.words.join('\n'), 'latin1');
  const b = Buffer.alloc(12 + head.length + 4 + words.length + t.matrix.length * 4);
  b.write(MAGIC, 0, 'latin1');
  b.writeUInt32LE(head.length, 8);
  head.copy(b, 12);
  let at = 12 + head.length;
  b.writeUInt32LE(words.length, at);
  words.copy(b, at + 4);
  at += 4 + words.length;
  if (LITTLE_ENDIAN) Buffer.from(t.matrix.buffer, t.matrix.byteOffset, t.matrix.byteLength).copy(b, at);
  else for (let i = 0; i < t.matrix.length; i++) b.writeFloatLE(t.matrix[i]!, at + i * 4);
  writeCache(file, b); // not written (a read-only home): the table is in memory
}
