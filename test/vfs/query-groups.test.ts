// The words a chunk holds, for the coverage signal of the rankings (query-groups.ts): from each
// word's list of chunks (the lexical index's), whole words as FTS5 tokenizes them (letters and
// digits; diacritics removed, so a letter with an accent continues a word), neighbours count to
// their weight and a word itself wins over them; coverage is the idf-weighted share of words met.
import { describe, expect, it } from 'vitest';
import { ftsTokens } from '../../src/vfs/bm25.js';
import { cover, metInChunks, nameStems, type WordGroup } from '../../src/vfs/query-groups.js';
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

/** Each word's chunks (ascending ids), as the lexical index lists them, for chunks given by id and text. */
function chunkLists(texts: ReadonlyMap<number, string>): (word: string) => Int32Array {
  const lists = new Map<string, number[]>();
  for (const [id, text] of [...texts].sort((a, b) => a[0] - b[0])) for (const w of new Set(ftsTokens(text))) lists.set(w, [...(lists.get(w) ?? []), id]);
  return (word) => Int32Array.from(lists.get(word) ?? []);
}

describe('query groups', () => {
  const groups = [group(['compress', 'compressing', 'compressed'], 2), group(['archive', 'archives'], 1, [['tarball', 0.4]])];
  /** The degree each group is met to in one chunk of this text. */
  const meets = (text: string): Map<number, number> => metInChunks(groups, Int32Array.of(7), chunkLists(new Map([[7, text]])))[0]!;

  it('meets whole words and their forms, in any case', () => {
    expect(meets('Compressing an ARCHIVE quickly')).toEqual(new Map([[0, 1], [1, 1]]));
    expect(meets('decompress the archived files')).toEqual(new Map()); // inside longer words: no
    expect(meets('archive_tool --compress')).toEqual(new Map([[0, 1], [1, 1]])); // "_" and "-" split words, as in FTS5
  });

  it('finds the words next to non-ASCII letters, where a letter (accented or not) continues the word', () => {
    expect(meets('café: compress — archive')).toEqual(new Map([[0, 1], [1, 1]]));
    expect(meets('archiveé compressé')).toEqual(new Map());
  });

  it('a neighbour meets its word to its weight, and the word itself wins over it', () => {
    expect(meets('a tarball')).toEqual(new Map([[1, 0.4]]));
    expect(meets('a tarball, that is an archive')).toEqual(new Map([[1, 1]]));
  });

  it('cover is the idf-weighted share of the words met', () => {
    expect(cover(groups, (_, i) => (i === 0 ? 1 : 0))).toBeCloseTo(2 / 3, 9);
    expect(cover(groups, (_, i) => meets('a tarball').get(i) ?? 0)).toBeCloseTo(0.4 / 3, 9);
    expect(cover([], () => 1)).toBe(0);
  });

  it('gives each of many chunks its own words, whether a list is merged with the chunks or searched for each', () => {
    const texts = new Map<number, string>([
      [3, 'Compressing an ARCHIVE quickly'],
      [8, 'decompress the archived files'],
      [9, 'a tarball'],
      [12, 'a tarball, that is an archive'],
      [40, 'nothing here'],
    ]);
    const ids = Int32Array.from([...texts.keys()]);
    const expected = [...texts.values()].map(meets);
    expect(metInChunks(groups, ids, chunkLists(texts))).toEqual(expected);
    // a list much longer than the chunks is searched (a binary search per chunk): the same answer
    const lists = chunkLists(texts);
    const many = Array.from({ length: 5000 }, (_, i) => 1000 + i);
    const long = (word: string): Int32Array => (word === 'tarball' ? Int32Array.from([...lists(word), ...many]).sort() : lists(word));
    expect(metInChunks(groups, ids, long)).toEqual(expected);
    expect(metInChunks(groups, Int32Array.of(9, 1500, 7000), long)).toEqual([new Map([[1, 0.4]]), new Map([[1, 0.4]]), new Map()]);
    expect(metInChunks(groups, new Int32Array(0), long)).toEqual([]);
  });

  it('file names split into stemmed words', () => {
    expect(nameStems('git-bisect.1', stem)).toEqual(new Set(['git', 'bisect', '1']));
  });
});
