// The layer-2 intent matcher (shell layer; caller: parser.ts): embeds every intent's example
// utterances once (one batch), then ranks intents for an input by its nearest examples (dot
// product of unit vectors, exact; there are a few hundred) plus a small bonus for cue words.
// Slot values (quoted text, pids, memory ids, paths) are masked before embedding so only the
// wording decides the intent; words unknown to the examples are spell-corrected against them.
import type { Embedder } from '../../embed/types.js';
import { INTENTS, type Intent } from './intents.js';
import { unpolite } from './slots.js';

export interface IntentScore {
  name: string;
  /** Combined score used for ranking and the threshold. */
  score: number;
  /** Best cosine similarity to one of the intent's examples. */
  similarity: number;
  /** Cue words found. */
  cues: number;
  /** True when the sentence starts with one of the intent's head phrases. */
  head: boolean;
}

export interface IntentIndex {
  /** Returns every intent, best first, for one input line. */
  rank(line: string, opts?: { signal?: AbortSignal }): Promise<IntentScore[]>;
}

/** Weight of one cue word in the score, and the most cues count for. */
const CUE_WEIGHT = 0.12;
const CUE_CAP = 2;
/** Bonus when the sentence starts with one of the intent's head verb phrases (imperative English puts the action first). */
const HEAD_WEIGHT = 0.12;

/** Function words: a line made only of these (and unknown words) means nothing to match. */
const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'and', 'or', 'is', 'are', 'be', 'it', 'this', 'that',
  'i', 'you', 'we', 'me', 'my', 'your', 'our', 'by', 'as', 'from', 'so', 'if', 'but', 'not', 'no', 'do', 'does', 'please', 'some', 'any']);

/** Returns the input with slot values masked, lowercased, and spell-corrected against the example vocabulary. */
export function maskForIntent(line: string, vocab: ReadonlySet<string>, known: (w: string) => boolean = () => false): string {
  const masked = unpolite(line)
    .replace(/\b(what|where|who|it|that|there|here)'s\b/gi, '$1 is')
    .replace(/\bi'm\b/gi, 'i am')
    .replace(/n't\b/gi, ' not')
    .replace(/"[^"]*"|“[^”]*”|(?:^|\s)'[^']*'(?=$|[\s,.;:!?])|‘[^’]*’/g, ' ')
    .replace(/\b(?:p|pid\s*|process\s*|agent\s*)\d+(?:'s)?(?=$|[^\w])/gi, ' process ')
    .replace(/\bm\d+\b/gi, ' memory ')
    .replace(/\d+(?:\.\d+)?\s*(?:%|percent\b)/gi, ' percent ')
    .replace(/(?:^|\s)\S*\.(?:md|txt|ts|js|mjs|json|py|nl|yaml|yml|html|css|csv|log|sh)(?=$|[\s,;!?])/gi, ' ')
    .replace(/(?:^|\s)(?:\.{1,2}|~)?\/\S*/g, ' ')
    .toLowerCase();
  return masked.split(/[^\p{L}\p{N}'-]+/u).filter(Boolean).map((w) => (known(w) ? w : correct(w, vocab))).join(' ');
}

function correct(w: string, vocab: ReadonlySet<string>): string {
  if (w.length < 4 || vocab.has(w) || /\d/.test(w)) return w;
  let best = w;
  let bestD = (w.length >= 7 ? 2 : 1) + 1;
  for (const v of vocab) {
    if (Math.abs(v.length - w.length) >= bestD || v[0] !== w[0]) continue;
    const d = osa(w, v, bestD - 1);
    if (d < bestD) { best = v; bestD = d; }
  }
  return best;
}

/** Optimal-string-alignment distance (a transposition counts 1), stopping early above max. */
export function osa(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prev2 = new Uint32Array(m + 1);
  let prev = Uint32Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Uint32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Returns an index over the intents' examples, embedding them all in one batch; fails with the embedder's embed.* errors. */
export async function buildIntentIndex(embedder: Embedder, intents: readonly Intent[] = INTENTS, signal?: AbortSignal): Promise<IntentIndex> {
  const owners: number[] = [];
  const texts: string[] = [];
  const vocab = new Set<string>();
  intents.forEach((intent, k) => {
    for (const ex of intent.examples) {
      owners.push(k);
      texts.push(ex);
      for (const w of ex.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)) if (w) vocab.add(w);
    }
    for (const c of intent.cues) if (c.length >= 4) vocab.add(c);
  });
  const vectors = await embedder.embed(texts, signal ? { signal } : undefined);
  // Spell-correct only words the embedder does not know, when it can tell (glove can).
  const wordIndex = (embedder as Embedder & { wordIndex?: (w: string) => number }).wordIndex;
  const known = typeof wordIndex === 'function' ? (w: string): boolean => wordIndex.call(embedder, w) >= 0 : undefined;
  const embedOne = async (text: string, s?: AbortSignal): Promise<Float32Array> =>
    embedder.embedSync ? embedder.embedSync(text) : (await embedder.embed([text], s ? { signal: s } : undefined))[0]!;

  return {
    async rank(line, opts) {
      const q = maskForIntent(line, vocab, known);
      // Only function words (or none we know): nothing to compare by meaning.
      const content = q.split(' ').filter((w) => w !== '' && !STOP.has(w) && (vocab.has(w) || (known?.(w) ?? false)));
      if (content.length === 0) {
        return intents.map((intent) => ({ name: intent.name, similarity: 0, cues: 0, head: false, score: 0 }));
      }
      const qv = await embedOne(q, opts?.signal);
      const best = new Float64Array(intents.length).fill(-1);
      for (let e = 0; e < vectors.length; e++) {
        const v = vectors[e]!;
        let s = 0;
        for (let d = 0; d < v.length; d++) s += v[d]! * qv[d]!;
        const k = owners[e]!;
        if (s > best[k]!) best[k] = s;
      }
      const words = q.split(' ');
      return intents
        .map((intent, k) => {
          let cues = 0;
          for (const c of intent.cues) if (words.some((w) => w.startsWith(c))) cues++;
          const head = intent.heads?.some((h) => q === h || q.startsWith(`${h} `)) ?? false;
          const similarity = best[k]!;
          return { name: intent.name, similarity, cues, head, score: similarity + CUE_WEIGHT * Math.min(cues, CUE_CAP) + (head ? HEAD_WEIGHT : 0) };
        })
        .sort((a, b) => b.score - a.score);
    },
  };
}
