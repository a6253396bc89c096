// The lexical index's per-word caches (word-cache.ts): a value replaced or forgotten gives its
// size back, and a value that would pass the cap empties the cache first.
import { describe, expect, it } from 'vitest';
import { WordCache } from '../../src/vfs/word-cache.js';

describe('word cache', () => {
  it('counts sizes through replacements and deletions, and empties itself when a value would pass the cap', () => {
    const c = new WordCache<number[]>(5, (v) => v.length);
    c.set('a', [1, 2]);
    c.set('b', [3, 4]);
    c.set('a', [5]); // replaces a: 1 + 2 held
    c.delete('b'); // 1 held
    c.set('c', [6, 7, 8, 9]); // 5 held: at the cap, not past it
    expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([[5], undefined, [6, 7, 8, 9], 2]);
    c.set('d', [10]); // 6 would pass it: emptied first
    expect([c.get('a'), c.get('c'), c.get('d'), c.size]).toEqual([undefined, undefined, [10], 1]);
    c.delete('nothing');
    c.clear();
    c.set('e', [1, 2, 3, 4, 5]);
    expect(c.size).toBe(1);
  });
});
