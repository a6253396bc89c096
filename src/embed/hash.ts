// The hash embedder (embed layer): deterministic and NOT semantic — for tests and as a
// fallback only. Feature hashing of word unigrams and bigrams into `dim` signed buckets,
// L2-normalised; texts sharing words come out similar, synonyms do not. Callers: tests,
// createEmbedder('hash'), glove (vectors for texts without a known word).
import { NlshError } from '../base/errors.js';
import { tokenize, fnv1a } from './tokenize.js';
import { normalize, type Embedder } from './types.js';

export const DEFAULT_HASH_DIM = 256;

/** Adds the signed hashed features of `tokens` (unigrams, and bigrams at half weight) into out. */
export function addHashedFeatures(tokens: readonly string[], out: Float32Array): void {
  const dim = out.length;
  for (let i = 0; i < tokens.length; i++) {
    const h = fnv1a(tokens[i]!);
    out[h % dim]! += h & 0x80000000 ? -1 : 1;
    if (i > 0) {
      const b = fnv1a(tokens[i]!, fnv1a(tokens[i - 1]!) ^ 0x9e3779b9);
      out[b % dim]! += b & 0x80000000 ? -0.5 : 0.5;
    }
  }
}

/** Returns a unit vector for text from hashed word features; text without words hashes its raw characters, so the result is never zero. */
export function hashVector(text: string, dim: number): Float32Array {
  const v = new Float32Array(dim);
  const tokens = tokenize(text);
  addHashedFeatures(tokens.length > 0 ? tokens : [`\u0000raw:${text}`], v);
  if (v.every((x) => x === 0)) v[fnv1a(text) % dim] = 1; // features that cancelled out exactly
  return normalize(v);
}

/** Returns the hash embedder of the given dimension (default 256); id "hash-<dim>". */
export function createHashEmbedder(dim = DEFAULT_HASH_DIM): Embedder {
  if (!Number.isInteger(dim) || dim < 2) {
    throw new NlshError('embed.badDimension', `hash embedder dimension must be an integer >= 2, got ${dim}`, { hint: 'use e.g. 64 or 256' });
  }
  const embedSync = (text: string): Float32Array => hashVector(text, dim);
  return {
    id: `hash-${dim}`,
    kind: 'hash',
    dim,
    embedSync,
    async embed(texts) {
      return texts.map(embedSync);
    },
  };
}
