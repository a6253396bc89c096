// Smooth inverse frequency sentence vectors (Arora, Liang & Ma 2017, "A simple but tough-to-beat
// baseline for sentence embeddings") over quantised word vectors (embed layer; callers: glove,
// glove-cache). A sentence is the sum of its word vectors weighted a / (a + p(w)), minus its
// projection on the first principal component of a sample of such sentence vectors.
// p(w) comes from the word's frequency rank (Zipf's law): the GloVe list is frequency-ordered.

export const SIF_A = 1e-3;

/** Word vectors as int8 rows with a per-row scale: vector(i) = scales[i] * matrix[i*dim .. +dim]. */
export interface QuantisedVectors {
  dim: number;
  count: number;
  matrix: Int8Array;
  scales: Float32Array;
}

/** Returns the Zipf estimate of the probability of the word at rank r (0-based) in a list of n words. */
export function zipfProbability(rank: number, n: number): number {
  const harmonic = Math.log(n) + 0.5772156649;
  return 1 / ((rank + 1) * harmonic);
}

/** Returns scales[i] * a / (a + p(i)): the dequantising scale and the SIF weight folded into one factor. */
export function sifScales(v: QuantisedVectors, a = SIF_A): Float32Array {
  const out = new Float32Array(v.count);
  for (let i = 0; i < v.count; i++) out[i] = v.scales[i]! * (a / (a + zipfProbability(i, v.count)));
  return out;
}

/** Adds weight * row i of the int8 matrix into acc (acc.length = dim). */
export function addRow(acc: Float64Array, matrix: Int8Array, i: number, weight: number): void {
  const dim = acc.length;
  const base = i * dim;
  for (let d = 0; d < dim; d++) acc[d]! += weight * matrix[base + d]!;
}

/** Deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Returns the first principal component (unit vector, uncentred as in the paper) of `samples`
 * pseudo-sentences of `length` words drawn with Zipf frequencies from the first `topWords`
 * usable words; deterministic (fixed seed). Returns zeros when there is nothing to sample.
 */
export function commonComponent(
  v: QuantisedVectors,
  weights: Float32Array,
  usable: (i: number) => boolean,
  opts: { samples?: number; length?: number; topWords?: number } = {},
): Float32Array {
  const dim = v.dim;
  const samples = opts.samples ?? 4000;
  const length = opts.length ?? 12;
  const pool: number[] = [];
  const top = Math.min(opts.topWords ?? 50_000, v.count);
  for (let i = 0; i < top; i++) if (usable(i)) pool.push(i);
  const pc = new Float32Array(dim);
  if (pool.length === 0) return pc;
  const rand = mulberry32(0x51f);
  const cov = new Float64Array(dim * dim);
  const acc = new Float64Array(dim);
  const logN = Math.log(pool.length + 1);
  for (let s = 0; s < samples; s++) {
    acc.fill(0);
    for (let k = 0; k < length; k++) {
      const r = Math.min(pool.length - 1, Math.floor(Math.exp(rand() * logN)) - 1); // inverse CDF of p(r) ~ 1/(r+1)
      const i = pool[Math.max(0, r)]!;
      addRow(acc, v.matrix, i, weights[i]!);
    }
    let n = 0;
    for (let d = 0; d < dim; d++) n += acc[d]! * acc[d]!;
    if (n === 0) continue;
    const k = 1 / Math.sqrt(n);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) cov[a * dim + b]! += acc[a]! * k * acc[b]! * k;
  }
  // Power iteration on the dim x dim second-moment matrix.
  let x = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  for (let it = 0; it < 200; it++) {
    const y = new Float64Array(dim);
    for (let a = 0; a < dim; a++) {
      let s = 0;
      for (let b = 0; b < dim; b++) s += cov[a * dim + b]! * x[b]!;
      y[a] = s;
    }
    let n = 0;
    for (let d = 0; d < dim; d++) n += y[d]! * y[d]!;
    if (n === 0) return pc;
    n = Math.sqrt(n);
    let delta = 0;
    for (let d = 0; d < dim; d++) {
      y[d] = y[d]! / n;
      delta += Math.abs(y[d]! - x[d]!);
    }
    x = y;
    if (delta < 1e-9) break;
  }
  for (let d = 0; d < dim; d++) pc[d] = x[d]!;
  return pc;
}
