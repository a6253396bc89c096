#!/usr/bin/env node
// Packs the word vectors trained by bench/docvec/train.mjs (--clean) into data/docvec.bin, the
// file src/vfs/topic.ts reads: each word's unit vector as int8, its idf over the training
// documents, and the mean topic vector of those documents (removed from every topic vector, as
// SIF removes a common component). Everything but the vectors is counted here from train.txt, so
// a topic vector depends on its own text alone, never on what else is in the store.
// Usage: node bench/docvec/pack.mjs [--vec /tmp/docvec/w2v100-clean.vec] [--text /tmp/docvec/train.txt]
//   [--out data/docvec.bin]
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { HEAD_WORDS, STOP_WORDS, topicWords } from '../../dist/vfs/topic.js';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const vecFile = arg('--vec', '/tmp/docvec/w2v100-clean.vec');
const textFile = arg('--text', '/tmp/docvec/train.txt');
const outFile = arg('--out', join(import.meta.dirname, '..', '..', 'data', 'docvec.bin'));

// the vectors, unit length, in the .vec file's order (most frequent word first)
const lines = readFileSync(vecFile, 'utf8').split('\n');
const [, dim] = lines[0].split(' ').map(Number);
const words = [];
const vectors = [];
for (let i = 1; i < lines.length; i++) {
  const p = lines[i].trim().split(' ');
  if (p.length !== dim + 1 || !/^[a-z0-9]+$/.test(p[0]) || p[0] === '</s>') continue;
  const v = new Float64Array(dim);
  let s = 0;
  for (let d = 0; d < dim; d++) (v[d] = +p[d + 1]), (s += v[d] * v[d]);
  s = Math.sqrt(s) || 1;
  for (let d = 0; d < dim; d++) v[d] /= s;
  words.push(p[0]);
  vectors.push(v);
}
const index = new Map(words.map((w, i) => [w, i]));

// document frequencies over the training documents (one per line), and their head vectors
const df = new Int32Array(words.length);
const heads = [];
let docs = 0;
for await (const line of createInterface({ input: createReadStream(textFile) })) {
  const toks = line.split(' ');
  docs++;
  const seen = new Set();
  for (const t of toks) {
    const i = index.get(t);
    if (i !== undefined && !seen.has(i)) (seen.add(i), df[i]++);
  }
  heads.push(topicWords(toks.slice(0, HEAD_WORDS).join(' ')).filter((w) => index.has(w)));
}
const idf = Float32Array.from(df, (d) => Math.log(1 + docs / (d + 1)));
// the mean of the documents' topic vectors (idf-weighted mean of the head's words, unit length)
const mean = new Float64Array(dim);
let counted = 0;
for (const ws of heads) {
  const v = new Float64Array(dim);
  for (const w of ws) {
    const i = index.get(w);
    if (STOP_WORDS.has(w)) continue;
    for (let d = 0; d < dim; d++) v[d] += idf[i] * vectors[i][d];
  }
  const n = Math.hypot(...v);
  if (!n) continue;
  for (let d = 0; d < dim; d++) mean[d] += v[d] / n;
  counted++;
}
for (let d = 0; d < dim; d++) mean[d] /= counted || 1;

const header = Buffer.from(JSON.stringify({
  format: 'nlsh-docvec-1', dim, words: words.length, documents: docs,
  source: 'fastText skipgram, no subwords, 100d, 5 epochs, minCount 10 (bench/docvec/train.mjs --clean): man pages outside section 1, /usr/share/doc, /usr/share/info, npm READMEs of the machine it was trained on',
}));
const wordBytes = Buffer.from(words.join('\n'));
const q = new Int8Array(words.length * dim);
vectors.forEach((v, i) => { for (let d = 0; d < dim; d++) q[i * dim + d] = Math.max(-127, Math.min(127, Math.round(v[d] * 127))); });
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
// layout: magic, header length + JSON, words length + words ('\n'-joined), idf (f32 x words),
// mean (f32 x dim), vectors (i8 x words x dim, unit vectors x 127)
const out = Buffer.concat([
  Buffer.from('NLSHDV1\n'), u32(header.length), header, u32(wordBytes.length), wordBytes,
  Buffer.from(idf.buffer), Buffer.from(Float32Array.from(mean).buffer), Buffer.from(q.buffer),
]);
writeFileSync(outFile, out);
console.log(`${outFile}: ${words.length} words x ${dim}, ${docs} training documents, ${(out.length / 1e6).toFixed(1)} MB`);
