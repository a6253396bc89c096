// The word matcher of grep meaning's coverage signal (query-groups.ts): whole words only, the
// same in ASCII text (its fast \b path) and in text with other letters (Unicode boundaries),
// neighbours count to their weight, and coverage is the idf-weighted share of words met.
import { describe, expect, it } from 'vitest';
import { cover, groupMatcher, nameStems, type WordGroup } from '../../src/vfs/query-groups.js';
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

  it('file names split into stemmed words', () => {
    expect(nameStems('git-bisect.1', stem)).toEqual(new Set(['git', 'bisect', '1']));
  });
});
