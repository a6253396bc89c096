// The word matcher of grep meaning's coverage signal (query-groups.ts): whole words only, the
// same in ASCII text (its fast \b path) and in text with other letters (Unicode boundaries),
// neighbours count to their weight, and coverage is the idf-weighted share of words met.
import { describe, expect, it } from 'vitest';
import { ftsTokens } from '../../src/vfs/bm25.js';
import { cover, groupMatcher, metInChunks, nameStems, type WordGroup } from '../../src/vfs/query-groups.js';
import { stem } from '../../src/vfs/stem.js';

const group = (forms: string[], idf = 1, near: [string, number][] = []): WordGroup => ({
  forms: new Set(forms),
  near: new Map(near),
  assoc: new Map(),
  related: [],
  stem: forms[0]!,
  key: forms[0]!,
  idf,
});

describe('query groups', () => {
  const groups = [group(['compress', 'compressing', 'compressed'], 2), group(['archive', 'archives'], 1, [['tarball', 0.4]])];
  const match = groupMatcher(groups);

  it('matches whole words and their forms, in any case, in ASCII text', () => {
    expect(match('Compressing an ARCHIVE quickly')).toEqual(new Map([[0, 1], [1, 1]]));
    expect(match('decompress the archived files')).toEqual(new Map()); // inside longer words: no
  });

  it('finds the same words next to non-ASCII letters, where a letter is no word boundary', () => {
    expect(match('café: compress — archive')).toEqual(new Map([[0, 1], [1, 1]]));
    expect(match('archiveé compressé')).toEqual(new Map()); // é continues the word
  });

  it('a neighbour meets its word to its weight, and the word itself wins over it', () => {
    expect(match('a tarball')).toEqual(new Map([[1, 0.4]]));
    expect(match('a tarball, that is an archive')).toEqual(new Map([[1, 1]]));
  });

  it('cover is the idf-weighted share of the words met', () => {
    expect(cover(groups, (_, i) => (i === 0 ? 1 : 0))).toBeCloseTo(2 / 3, 9);
    expect(cover(groups, (_, i) => match('a tarball').get(i) ?? 0)).toBeCloseTo(0.4 / 3, 9);
    expect(cover([], () => 1)).toBe(0);
  });

  it('from the words\' postings, finds in each chunk what the text matcher finds, with the index\'s words', () => {
    // chunk id -> text; the postings as the lexical index keeps them (ascending ids per word)
    const texts = new Map<number, string>([
      [3, 'Compressing an ARCHIVE quickly'],
      [8, 'decompress the archived files'],
      [9, 'a tarball'],
      [12, 'a tarball, that is an archive'],
      [40, 'nothing here'],
      [41, 'archive_tool compress'], // the index splits at "_", the text matcher does not
    ]);
    const postings = new Map<string, number[]>();
    for (const [id, text] of texts) for (const w of new Set(ftsTokens(text))) postings.set(w, [...(postings.get(w) ?? []), id]);
    const holders = (word: string): Int32Array => Int32Array.from(postings.get(word) ?? []);
    const ids = Int32Array.from([...texts.keys()]);
    const met = metInChunks(groups, ids, holders);
    ids.forEach((id, k) => {
      if (id === 41) expect(met[k]).toEqual(new Map([[0, 1], [1, 1]]));
      else expect(met[k]).toEqual(match(texts.get(id)!));
    });
    // a long list is searched (binary search per chunk) instead of merged: the same answer
    const many = Array.from({ length: 5000 }, (_, i) => 1000 + i);
    const long = (word: string): Int32Array => Int32Array.from([...(postings.get(word) ?? []), ...(word === 'tarball' ? many : [])].sort((a, b) => a - b));
    const two = Int32Array.from([9, 1500]);
    expect(metInChunks(groups, two, long)).toEqual([new Map([[1, 0.4]]), new Map([[1, 0.4]])]);
    expect(metInChunks(groups, new Int32Array(0), long)).toEqual([]);
  });

  it('file names split into stemmed words', () => {
    expect(nameStems('git-bisect.1', stem)).toEqual(new Set(['git', 'bisect', '1']));
  });
});
