// Pseudo-relevance feedback for the file ranking (vfs layer): after a first pass, the best few
// files are taken as relevant and the query is widened from them -- in vector space (Rocchio:
// the query vector moved toward their centroids) and in words (RM3-style: the words that stand
// out in their best passages become weaker extra query terms). Choices and their effect are
// measured in bench/vfs-tune.mjs on tuning queries only. Called by rank-files.ts.
import { normalize } from '../embed/types.js';
import { stem } from './stem.js';

export interface FeedbackSettings {
  /** How many of the first pass's best files are taken as relevant. */
  files: number;
  /** Weight of their mean vector added to the query vector (0 = no vector feedback). */
  beta: number;
  /** Extra words taken from their passages (0 = no word feedback) and the weight of the best one. */
  terms: number;
  termWeight: number;
}

/** The query vector moved toward the mean of the given vectors (a new, normalised vector). */
export function rocchio(qv: Float32Array, vectors: readonly Float32Array[], beta: number): Float32Array {
  const out = Float32Array.from(qv);
  if (!vectors.length || beta <= 0) return out;
  for (const v of vectors) for (let i = 0; i < out.length; i++) out[i] = out[i]! + (beta * v[i]!) / vectors.length;
  return normalize(out);
}

const SHORT = 3;

/**
 * Up to n words that stand out in the relevant passages: counted in each passage once, weighted by
 * the passage's file weight and by rarity (df from docFreq, over `total` documents); the query's
 * own stems and words in `skip` are left out. Weights relative to the best one, best first.
 */
export function feedbackWords(
  passages: readonly { text: string; weight: number }[],
  n: number,
  queryStems: ReadonlySet<string>,
  skip: ReadonlySet<string>,
  docFreq: (words: readonly string[]) => Map<string, number>,
  total: number,
): { word: string; weight: number }[] {
  if (n <= 0 || !passages.length) return [];
  const mass = new Map<string, number>();
  for (const p of passages) {
    const seen = new Set((p.text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length > SHORT && !skip.has(w) && !queryStems.has(stem(w))));
    for (const w of seen) mass.set(w, (mass.get(w) ?? 0) + p.weight);
  }
  // only words in at least two of the passages are evidence of the topic, not of one page
  const min = passages.length > 1 ? 2 * Math.min(...passages.map((p) => p.weight)) - 1e-9 : 0;
  const words = [...mass].filter(([, m]) => m >= min).map(([w]) => w);
  const df = docFreq(words);
  const scored = words
    .map((w) => ({ word: w, weight: mass.get(w)! * Math.log(1 + total / (1 + (df.get(w) ?? total))) }))
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1))
    .slice(0, n);
  const best = scored[0]?.weight ?? 0;
  return best > 0 ? scored.map((s) => ({ word: s.word, weight: s.weight / best })) : [];
}
