// An open-addressing hash table from word to row index, stored as flat typed arrays so it can
// live inside the GloVe cache file and be used straight from the loaded bytes, with no Map to
// build at start-up (embed layer; callers: glove-convert, glove-format, glove). A word is
// identified by two independent 32-bit hashes (64 bits: a false match among 341k words has a
// probability near 1e-14), so the words themselves need not be loaded.
import { fnv1a } from './tokenize.js';

export const SECOND_SEED = 0x2545f491;

export interface VocabTable {
  count: number;
  /** fnv1a(word) per row. */
  hashes: Uint32Array;
  /** fnv1a(word, SECOND_SEED) per row. */
  hashes2: Uint32Array;
  /** Power-of-two slots holding a row index or -1. */
  slots: Int32Array;
}

/** Returns the slot count used for n words (load factor at most ~0.66). */
export function slotCountFor(n: number): number {
  let size = 1024;
  while (size * 2 < n * 3) size *= 2;
  return size;
}

/** Returns the table for words (index = position); the first occurrence of a duplicate wins. */
export function buildVocabTable(words: readonly string[]): VocabTable {
  const count = words.length;
  const size = slotCountFor(count);
  const slots = new Int32Array(size).fill(-1);
  const hashes = new Uint32Array(count);
  const hashes2 = new Uint32Array(count);
  const table: VocabTable = { count, hashes, hashes2, slots };
  for (let i = 0; i < count; i++) {
    const w = words[i]!;
    const h = fnv1a(w);
    hashes[i] = h;
    hashes2[i] = fnv1a(w, SECOND_SEED);
    if (lookupWord(table, w, h) >= 0) continue;
    let s = h & (size - 1);
    while (slots[s] !== -1) s = (s + 1) & (size - 1);
    slots[s] = i;
  }
  return table;
}

/** Returns the row of word, or -1 when it is not in the table. */
export function lookupWord(t: VocabTable, word: string, hash = fnv1a(word)): number {
  const mask = t.slots.length - 1;
  let h2 = -1;
  for (let s = hash & mask; ; s = (s + 1) & mask) {
    const idx = t.slots[s]!;
    if (idx < 0) return -1;
    if (t.hashes[idx] !== hash) continue;
    if (h2 < 0) h2 = fnv1a(word, SECOND_SEED);
    if (t.hashes2[idx] === h2) return idx;
  }
}
