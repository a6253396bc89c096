// The query side of every ranking by meaning (vfs layer): a query's content words as groups
// (each word with its indexed forms, stem.ts — the equivalent of a porter tokenizer, found in
// the FTS5 vocabulary at query time, so the index and mount stay unstemmed — its word-vector
// neighbours, expansion.ts, and optionally corpus associations, with their idf), the leading
// frame dropped ("the directory about X" -> X), and how far a chunk (from the words' lists of
// chunks) or a name meets them. Called by rank-files.ts, rank-dirs.ts (files and directories) and
// rank-chunks.ts (grep meaning).
import { indexOf } from './bm25.js';
import type { WordNeighbours } from './expansion.js';
import { lexiconWords } from './lexicon.js';
import { queryWords } from './query-words.js';
import { nameKey, stem } from './stem.js';
import type { VfsStore } from './store.js';

/** Nearest store words added per query word, and the weight of one (times its similarity) against the word itself. */
export const EXPANSIONS = 3;
export const EXPANSION_WEIGHT = 0.5;
/** The weight of a lexicon word (lexicon.ts) in coverage and in the file and head bm25 (bench/vfs-tune.mjs). */
export const LEXICON_WEIGHT = 0.5;
export const LEXICON_FILE_WEIGHT = 0.3;
/** A lexicon word's indexed forms taken (the word itself first, then the commonest). */
const LEXICON_FORMS = 2;

/** Query expansion settings: neighbours per query word, their weight (times similarity) in coverage and in the file bm25. */
export interface ExpansionSettings {
  count: number;
  weight: number;
  fileWeight: number;
  /** Corpus associations per query word (associations.ts; 0 = none) and their weight, in coverage and as file-bm25 terms. */
  assoc?: number;
  assocWeight?: number;
  /** The weight of a query word's lexicon words (lexicon.ts: "folder" -> "directory") in coverage (0 = none), and as file-bm25 terms. */
  lexicon?: number;
  lexiconFile?: number;
}

/** Expansion as grep meaning sets it: neighbours per word (0: none) and their weight, times similarity. */
export type ExpansionOptions = Pick<ExpansionSettings, 'count' | 'weight'> & Partial<Pick<ExpansionSettings, 'lexicon' | 'lexiconFile'>>;
export const DEFAULT_EXPANSION: ExpansionSettings = { count: EXPANSIONS, weight: EXPANSION_WEIGHT, fileWeight: 0, lexicon: LEXICON_WEIGHT, lexiconFile: LEXICON_FILE_WEIGHT };

export interface WordGroup {
  /** The word's own forms (weight 1). */
  forms: Set<string>;
  /** Neighbour words from the word vectors, with their weight (< 1). */
  near: Map<string, number>;
  /** Of those, the corpus associations (associations.ts), with their weight. */
  assoc: Map<string, number>;
  /** Lexicon words (lexicon.ts) the index holds, each with its indexed forms. */
  related: string[][];
  stem: string;
  /** The key a name word must have to match (stem.ts nameKey). */
  key: string;
  idf: number;
}

/** The query's word groups (each word with its indexed forms and neighbours) and their idf. */
export function wordGroups(
  store: VfsStore,
  query: string,
  neighbours: WordNeighbours | undefined,
  x: ExpansionSettings,
  associated?: (word: string, k: number) => readonly { word: string }[],
): WordGroup[] {
  return groupsOfWords(store, queryWords(query), neighbours, x, associated);
}

/** The word groups of words already taken from a query, in their order. */
export function groupsOfWords(
  store: VfsStore,
  words: readonly string[],
  neighbours: WordNeighbours | undefined,
  x: ExpansionOptions & Partial<Pick<ExpansionSettings, 'assoc' | 'assocWeight'>>,
  associated?: (word: string, k: number) => readonly { word: string }[],
): WordGroup[] {
  const n = Math.max(1, store.lexical.ftsTotals().rows);
  return words.map((w) => {
    const forms = store.lexical.forms(w);
    const docs = store.lexical.termDocs(forms);
    const df = Math.max(0, ...docs.values());
    const near = new Map((x.count > 0 ? neighbours?.nearest(w, x.count, n) ?? [] : []).map((nb) => [nb.word, x.weight * nb.similarity]));
    const assoc = new Map<string, number>();
    if (x.assoc && associated) for (const a of associated(w, x.assoc)) if (!near.has(a.word)) assoc.set(a.word, x.assocWeight ?? 0.3);
    for (const [a, weight] of assoc) near.set(a, weight);
    const related: string[][] = [];
    if (x.lexicon) {
      const own = new Set([w, ...forms]);
      for (const r of lexiconWords(w)) {
        const rf = store.lexical.forms(r).filter((f) => !own.has(f)).slice(0, LEXICON_FORMS);
        if (!rf.length) continue;
        related.push(rf);
        for (const f of rf) if ((near.get(f) ?? 0) < x.lexicon) near.set(f, x.lexicon);
      }
    }
    return { forms: new Set([w, ...forms]), near, assoc, related, stem: stem(w), key: nameKey(w), idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
  });
}

/** "the directory about X", "a file with X" -> "X": the frame names the kind, not the topic. */
const FRAME = /^(?:the |a |an |my |some )?(?:directory|directories|folder|folders|dir|file|files|document|documents|page|pages)\s+(?:about|for|with|on|of|where|that|containing|holding|having)\s+/i;

/** The query without a leading frame (unchanged when nothing would remain). */
export function withoutFrame(q: string): string {
  const rest = q.replace(FRAME, '').trim();
  return rest ? rest : q;
}

/** Idf-weighted share of the groups met (each group met to a degree in [0,1]). */
export function cover(groups: readonly WordGroup[], degree: (g: WordGroup, i: number) => number): number {
  let all = 0;
  let met = 0;
  groups.forEach((g, i) => {
    all += g.idf;
    met += g.idf * Math.min(1, Math.max(0, degree(g, i)));
  });
  return all > 0 ? met / all : 0;
}

/** The keys of the words of a name (file or directory name, description): nameKey by default (loose: "parser" meets `parse`), or stem. */
export function nameStems(text: string, key: (word: string) => string = nameKey): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(key));
}

/** Each word that meets a group: the group's number and the degree (1 for a form, a neighbour's weight); a form wins over a neighbour. */
function groupWords(groups: readonly WordGroup[]): Map<string, { group: number; weight: number }> {
  const byWord = new Map<string, { group: number; weight: number }>();
  groups.forEach((g, i) => {
    for (const f of g.forms) byWord.set(f, { group: i, weight: 1 });
    for (const [f, weight] of g.near) if (!byWord.has(f)) byWord.set(f, { group: i, weight });
  });
  return byWord;
}

/**
 * The degree each group is met to in each of the chunks `ids` (ascending): a form meets its group
 * fully, a neighbour to its weight. From the words' lists of chunks (`chunksOf`: the ascending ids
 * of the chunks holding a word, as the lexical index keeps them), so a word counts where FTS5
 * counts it (in `a_b`, next to accents), and no text is read. Per word, the cheaper of a merge of
 * the two lists and a binary search of each chunk.
 */
export function metInChunks(groups: readonly WordGroup[], ids: Int32Array, chunksOf: (word: string) => Int32Array): Map<number, number>[] {
  const met = Array.from({ length: ids.length }, () => new Map<number, number>());
  if (!ids.length) return met;
  const meet = (k: number, group: number, weight: number): void => {
    const m = met[k]!;
    if (!(m.get(group)! >= weight)) m.set(group, weight);
  };
  const probe = Math.ceil(Math.log2(ids.length + 1)) + 1;
  for (const [word, { group, weight }] of groupWords(groups)) {
    const p = chunksOf(word);
    if (!p.length) continue;
    if (p.length > ids.length * probe * 4) {
      for (let k = 0; k < ids.length; k++) if (indexOf(p, ids[k]!) >= 0) meet(k, group, weight);
      continue;
    }
    for (let a = 0, b = 0; a < ids.length && b < p.length; ) {
      if (ids[a]! < p[b]!) a++;
      else if (ids[a]! > p[b]!) b++;
      else meet(a++, group, weight);
    }
  }
  return met;
}
