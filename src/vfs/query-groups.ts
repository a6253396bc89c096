// The words of a query as the lexical side of grep meaning sees them (vfs layer): each content
// word with its indexed forms (same stem, stem.ts — the equivalent of a porter tokenizer, found
// in the FTS5 vocabulary at query time, so the index and mount stay unstemmed), its nearest
// store words by word vector (expansion.ts, weighted below 1) and its idf; and a matcher that
// says to which degree a text meets each word. Called by rank-chunks.ts.
import type { WordNeighbours } from './expansion.js';
import type { VfsStore } from './store.js';
import { stem } from './stem.js';

export interface QueryGroup {
  /** The word itself and its indexed forms (weight 1). */
  forms: Set<string>;
  /** Neighbour words from the word vectors, with their weight (< 1). */
  near: Map<string, number>;
  stem: string;
  /** The idf of the word's most frequent form (bm25's formula over chunks). */
  idf: number;
}

export interface ExpansionOptions {
  /** Neighbours added per word (0: none). */
  count: number;
  /** Weight of a neighbour, times its similarity. */
  weight: number;
}

/** The query's word groups, in query order. */
export function queryGroups(store: VfsStore, words: readonly string[], neighbours: WordNeighbours | undefined, expansion: ExpansionOptions): QueryGroup[] {
  const n = Math.max(1, store.lexical.ftsTotals().rows);
  return words.map((w) => {
    const forms = store.lexical.forms(w);
    const docs = store.lexical.termDocs(forms);
    const df = Math.max(0, ...docs.values());
    const near = new Map(
      (expansion.count > 0 ? neighbours?.nearest(w, expansion.count, n) ?? [] : []).map((x) => [x.word, expansion.weight * x.similarity]),
    );
    return { forms: new Set([w, ...forms]), near, stem: stem(w), idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
  });
}

/** Idf-weighted share of the groups met, each to a degree in [0,1]. */
export function coverage(groups: readonly QueryGroup[], degree: (g: QueryGroup, i: number) => number): number {
  let all = 0;
  let met = 0;
  groups.forEach((g, i) => {
    all += g.idf;
    met += g.idf * Math.min(1, Math.max(0, degree(g, i)));
  });
  return all > 0 ? met / all : 0;
}

/** The stems of the words of a name (a file name: "git-bisect" -> git, bisect). */
export function nameStems(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
}

const NON_ASCII = /[^\x00-\x7f]/;

/** A matcher of every form and neighbour of every group in a text: the degree each group is met to. */
export function groupMatcher(groups: readonly QueryGroup[]): (text: string) => Map<number, number> {
  const byWord = new Map<string, { group: number; weight: number }>();
  groups.forEach((g, i) => {
    for (const f of g.forms) byWord.set(f, { group: i, weight: 1 });
    for (const [f, weight] of g.near) if (!byWord.has(f)) byWord.set(f, { group: i, weight });
  });
  // forms come from the index's vocabulary and the query: only plain words become alternatives
  const alternatives = [...byWord.keys()].filter((f) => /^[\p{L}\p{N}_]+$/u.test(f)).sort((a, b) => b.length - a.length);
  if (!alternatives.length) return () => new Map();
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  // for ASCII words in ASCII text, \b is the same boundary and several times faster than the
  // Unicode look-arounds (the matcher runs over every candidate chunk of every query)
  const ascii = alternatives.every((a) => /^[a-z0-9_]+$/.test(a)) ? new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g') : undefined;
  return (text) => {
    const met = new Map<number, number>();
    const lower = text.toLowerCase();
    for (const m of lower.matchAll(ascii && !NON_ASCII.test(lower) ? ascii : re)) {
      const hit = byWord.get(m[0]);
      if (hit) met.set(hit.group, Math.max(met.get(hit.group) ?? 0, hit.weight));
    }
    return met;
  };
}
