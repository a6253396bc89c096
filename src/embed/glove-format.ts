// The binary GloVe cache file (embed layer; callers: glove-cache, glove). Little-endian:
//   header (64 bytes): magic "NLSHGLOV", format version, dim, count, slot count, source size
//     (u64), source package version (16 ascii bytes) @32, eager checksum @48, rows per block @52,
//     eager length @56, file length @60;
//   eager part (read at start-up, checksummed): pc f32[dim] | weights f32[count] (dequantising
//     scale x SIF weight) | hashes u32[count] | hashes2 u32[count] | slots i32[slots] |
//     block checksums u32[blocks];
//   matrix: i8[count*dim], read block by block on first use, each block checked on arrival.
// Fresh memory costs a page fault per 4 KB (slow on small VMs), so start-up reads ~7 MB and the
// 34 MB matrix only as words are met; frequent words are first, so their rows share blocks.
import { closeSync, fstatSync, readSync, statSync, unlinkSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { NlshError, panic } from '../base/errors.js';
import type { VocabTable } from './vocab-table.js';

export const GLOVE_MAGIC = 'NLSHGLOV';
export const GLOVE_FORMAT_VERSION = 3;
export const HEADER_BYTES = 64;
export const BLOCK_ROWS = 256;

/** Where the converted vectors came from; a mismatch with the installed package means "rebuild". */
export interface SourceStamp {
  size: number;
  version: string;
}

export interface GloveTables {
  dim: number;
  count: number;
  pc: Float32Array;
  /** Per row: int8 dequantising scale times SIF weight. */
  weights: Float32Array;
  vocab: VocabTable;
  /** count*dim int8s; a block's rows are valid once loaded[block] is 1. */
  matrix: Int8Array;
  blockSums: Uint32Array;
  loaded: Uint8Array;
  stamp: SourceStamp;
  /** Open cache file to read blocks from (absent when built in memory). */
  fd?: number;
  file?: string;
  matrixOffset: number;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** CRC-32 of bytes (zlib's native code: a cold JS loop over the 6 MB eager part costs 5x more at start-up). */
export function checksum(bytes: Uint8Array): number {
  return crc32(bytes);
}

/** Returns the checksum of every block of rows of matrix. */
export function blockChecksums(matrix: Int8Array, count: number, dim: number): Uint32Array {
  const n = Math.ceil(count / BLOCK_ROWS);
  const out = new Uint32Array(n);
  const bytes = new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength);
  for (let b = 0; b < n; b++) out[b] = checksum(bytes.subarray(b * BLOCK_ROWS * dim, Math.min(count, (b + 1) * BLOCK_ROWS) * dim));
  return out;
}

function eagerLength(dim: number, count: number, slots: number): number {
  return 4 * (dim + 3 * count + slots + Math.ceil(count / BLOCK_ROWS));
}

/** Returns the whole file's bytes for fully loaded tables. */
export function serializeGlove(t: GloveTables): Buffer {
  const { dim, count } = t;
  const eager: ArrayBufferView[] = [t.pc, t.weights, t.vocab.hashes, t.vocab.hashes2, t.vocab.slots, t.blockSums];
  const eagerBytes = eagerLength(dim, count, t.vocab.slots.length);
  const total = HEADER_BYTES + eagerBytes + pad4(count * dim);
  const buf = Buffer.alloc(total);
  let at = HEADER_BYTES;
  for (const p of [...eager, t.matrix]) {
    buf.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  buf.write(GLOVE_MAGIC, 0, 'latin1');
  buf.writeUInt32LE(GLOVE_FORMAT_VERSION, 8);
  buf.writeUInt32LE(dim, 12);
  buf.writeUInt32LE(count, 16);
  buf.writeUInt32LE(t.vocab.slots.length, 20);
  buf.writeBigUInt64LE(BigInt(t.stamp.size), 24);
  buf.write(t.stamp.version.slice(0, 16).padEnd(16, '\0'), 32, 'latin1');
  buf.writeUInt32LE(checksum(buf.subarray(HEADER_BYTES, HEADER_BYTES + eagerBytes)), 48);
  buf.writeUInt32LE(BLOCK_ROWS, 52);
  buf.writeUInt32LE(eagerBytes, 56);
  buf.writeUInt32LE(total, 60);
  return buf;
}

/** Returns the source stamp of a header, or undefined when the bytes are not a cache file of this version. */
export function peekStamp(head: Uint8Array): SourceStamp | undefined {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length < HEADER_BYTES || b.toString('latin1', 0, 8) !== GLOVE_MAGIC) return undefined;
  if (b.readUInt32LE(8) !== GLOVE_FORMAT_VERSION) return undefined;
  return { size: Number(b.readBigUInt64LE(24)), version: b.toString('latin1', 32, 48).replace(/\0+$/, '') };
}

/**
 * Reads the header and eager part from an open cache file of fileSize bytes; returns tables that
 * read matrix blocks from fd on demand, or a reason string when the file is not valid.
 */
export function readGlove(fd: number, fileSize: number, file: string): GloveTables | string {
  const head = Buffer.alloc(HEADER_BYTES);
  if (fileSize < HEADER_BYTES || readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return 'file shorter than its header';
  const stamp = peekStamp(head);
  if (!stamp) return 'bad magic or format version';
  const dim = head.readUInt32LE(12);
  const count = head.readUInt32LE(16);
  const slotCount = head.readUInt32LE(20);
  const sum = head.readUInt32LE(48);
  const eagerBytes = head.readUInt32LE(56);
  const total = head.readUInt32LE(60);
  if (dim === 0 || dim > 4096 || slotCount < count || (slotCount & (slotCount - 1)) !== 0 || head.readUInt32LE(52) !== BLOCK_ROWS) {
    return 'implausible header';
  }
  if (eagerBytes !== eagerLength(dim, count, slotCount) || total !== HEADER_BYTES + eagerBytes + pad4(count * dim)) return 'header lengths disagree';
  if (fileSize !== total) return `file is ${fileSize} bytes, expected ${total} (truncated?)`;
  const eager = new ArrayBuffer(eagerBytes);
  const eagerView = new Uint8Array(eager);
  for (let at = 0; at < eagerBytes; ) {
    const n = readSync(fd, eagerView, at, eagerBytes - at, HEADER_BYTES + at);
    if (n <= 0) return 'short read';
    at += n;
  }
  if (checksum(eagerView) !== sum) return 'checksum mismatch (corrupted)';
  let at = 0;
  const f32 = (n: number): Float32Array => new Float32Array(eager, (at += 4 * n) - 4 * n, n);
  const u32 = (n: number): Uint32Array => new Uint32Array(eager, (at += 4 * n) - 4 * n, n);
  const pc = f32(dim);
  const weights = f32(count);
  const hashes = u32(count);
  const hashes2 = u32(count);
  const slots = new Int32Array(eager, (at += 4 * slotCount) - 4 * slotCount, slotCount);
  const blockSums = u32(Math.ceil(count / BLOCK_ROWS));
  return {
    dim,
    count,
    pc,
    weights,
    vocab: { count, hashes, hashes2, slots },
    matrix: new Int8Array(count * dim), // zero pages: memory is touched only for blocks read
    blockSums,
    loaded: new Uint8Array(blockSums.length),
    stamp,
    fd,
    file,
    matrixOffset: HEADER_BYTES + eagerBytes,
  };
}

/** Makes row i's block present in t.matrix; fails with embed.gloveCorrupt when the block's bytes do not match. */
export function loadBlockOf(t: GloveTables, i: number): void {
  const b = (i / BLOCK_ROWS) | 0;
  if (t.loaded[b]) return;
  const start = b * BLOCK_ROWS * t.dim;
  const len = Math.min(t.count, (b + 1) * BLOCK_ROWS) * t.dim - start;
  const bytes = new Uint8Array(t.matrix.buffer, t.matrix.byteOffset + start, len);
  if (t.fd === undefined) panic('glove embedder used after close()');
  let got = 0;
  while (got < len) {
    const n = readSync(t.fd, bytes, got, len - got, t.matrixOffset + start + got);
    if (n <= 0) break;
    got += n;
  }
  if (got !== len || checksum(bytes) !== t.blockSums[b]) {
    bytes.fill(0);
    discardDamaged(t);
    throw new NlshError('embed.gloveCorrupt', `the GloVe cache ${t.file ?? ''} is damaged (block ${b})`, {
      hint: 'it will be rebuilt on the next start; or delete it by hand',
      details: { file: t.file, block: b },
    });
  }
  t.loaded[b] = 1;
}

/** Closes the cache file (idempotent); rows not yet read can no longer be loaded. */
export function closeGlove(t: GloveTables): void {
  if (t.fd === undefined) return;
  try {
    closeSync(t.fd);
  } catch {
    // already closed
  }
  t.fd = undefined;
}

/** Deletes the damaged cache file so the next start rebuilds it, unless it was already replaced. */
function discardDamaged(t: GloveTables): void {
  if (t.fd === undefined || !t.file) return;
  try {
    if (fstatSync(t.fd).ino === statSync(t.file).ino) unlinkSync(t.file);
  } catch {
    // gone already, or not ours to delete
  }
}
