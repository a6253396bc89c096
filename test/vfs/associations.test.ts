// Corpus word associations (associations.ts): words that share chunks with a word far more often
// than chance in this store, cached per tree generation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusAssociations } from '../../src/vfs/associations.js';
import { VfsStore } from '../../src/vfs/store.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeAll(async () => {
  h = await tempHome();
  for (let i = 0; i < 4; i++) await h.vfs.write(`/b${i}.txt`, `to find the bug run bisect between the good and the bad commit ${i}`);
  for (let i = 0; i < 6; i++) await h.vfs.write(`/o${i}.txt`, `the garden needs water and the good weather helps ${i}`);
});
afterAll(() => h.cleanup());

describe('corpus associations', () => {
  it('"bisect" is associated with "bug" (they share every chunk); words of unrelated chunks are not, nor a word of every chunk', () => {
    const a = new CorpusAssociations(h.db, new VfsStore(h.db)).associated('bug', 20, 0, 0.5); // PMI here: ln(10/4) = 0.92
    const words = a.map((x) => x.word);
    expect(words).toContain('bisect');
    expect(words).not.toContain('water');
    expect(words).not.toContain('good'); // in all 10 chunks: PMI 0
  });

  it('a word in fewer than 3 chunks has no associations', () => {
    expect(new CorpusAssociations(h.db, new VfsStore(h.db)).associated('zeppelin', 5, 0)).toEqual([]);
  });
});
