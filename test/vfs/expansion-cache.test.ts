// The expansion table kept between processes (expansion-cache.ts): the next process reads it
// instead of asking FTS5 again; a file that is torn, foreign, made by another embedder, holding
// anything but plain words, or built when the store was much smaller or larger is ignored and
// rewritten; and a ranking is the same with the file as without it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { readExpansionTable, writeExpansionTable } from '../../src/vfs/expansion-cache.js';
import { EXPANSION_VOCAB, WordNeighbours } from '../../src/vfs/expansion.js';
import { tempHome, type TempHome } from './helpers.js';

const embedder = createHashEmbedder(64);
let h: TempHome;
let file: string;
beforeAll(async () => {
  h = await tempHome(embedder);
  await h.vfs.mkdir('/notes');
  for (let i = 0; i < 12; i++) await h.vfs.write(`/notes/n${i}.txt`, `garden compost tomatoes weather notes number ${i} about planting and harvest`);
  file = join(h.dir, 'vfs-expansion.bin');
});
afterAll(() => h.cleanup());

const words = (n: WordNeighbours, w: string) => n.nearest(w, 8, 12).map((x) => x.word);

describe('the expansion table between processes', () => {
  it('is written by the first ranking of a home and read back whole', async () => {
    expect(existsSync(file)).toBe(false);
    await h.vfs.find('planting tomatoes', '/notes', { limit: 3 });
    const t = readExpansionTable(file, embedder, EXPANSION_VOCAB)!;
    expect(t.words).toEqual(expect.arrayContaining(['garden', 'compost', 'tomatoes']));
    expect(t.matrix.length).toBe(t.words.length * embedder.dim);
    expect(Array.from(t.matrix.subarray(0, embedder.dim))).toEqual(Array.from(embedder.embedSync!(t.words[0]!)));
    expect(t.chunks).toBe(12);
  });

  it('a new process offers the words of the file (no vocabulary scan), when it was built at about this size', () => {
    // a crafted table: one word, "zebra", with the vector of "horse"
    writeExpansionTable(file, embedder, { chunks: 11, words: ['zebra'], matrix: embedder.embedSync!('horse') });
    expect(words(new WordNeighbours(h.db, embedder, file), 'horse')).toEqual(['zebra']);
    // built when the store had a tenth of its chunks: too old, built again from the store (and rewritten)
    writeExpansionTable(file, embedder, { chunks: 120, words: ['zebra'], matrix: embedder.embedSync!('horse') });
    expect(words(new WordNeighbours(h.db, embedder, file), 'horse')).not.toContain('zebra');
    expect(readExpansionTable(file, embedder, EXPANSION_VOCAB)!.words).toContain('garden');
  });

  it('a torn, foreign or hostile file reads as none, and the table is built from the store instead', () => {
    const fresh = words(new WordNeighbours(h.db, embedder), 'garden');
    writeExpansionTable(file, embedder, { chunks: 12, words: ['zebra'], matrix: embedder.embedSync!('garden') });
    const good = readFileSync(file);
    const bad: [string, Buffer][] = [
      ['torn', good.subarray(0, good.length - 3)],
      ['padded', Buffer.concat([good, Buffer.from([0])])],
      ['foreign', Buffer.from('not an expansion table at all')],
      ['empty', Buffer.alloc(0)],
      ['another embedder', (() => {
        const b = Buffer.from(good);
        const i = b.indexOf('"hash-');
        b.write('"xxxx-', i, 'latin1');
        return b;
      })()],
      ['not a plain word', Buffer.from(good.toString('latin1').replace('zebra', 'ze\nra'), 'latin1')],
      ['not a number', (() => {
        const b = Buffer.from(good);
        b.writeFloatLE(Number.NaN, b.length - 4);
        return b;
      })()],
    ];
    for (const [what, bytes] of bad) {
      writeFileSync(file, bytes);
      expect(readExpansionTable(file, embedder, EXPANSION_VOCAB), what).toBeUndefined();
      expect(words(new WordNeighbours(h.db, embedder, file), 'garden'), what).toEqual(fresh);
    }
    // more words than a table may hold
    writeExpansionTable(file, embedder, { chunks: 12, words: ['zebra', 'horse'], matrix: new Float32Array(2 * embedder.dim) });
    expect(readExpansionTable(file, embedder, 1)).toBeUndefined();
  });

  it('a ranking is the same read from the file as built from the store', async () => {
    const q = 'harvest of the garden';
    const before = await h.vfs.find(q, '/notes', { limit: 5 });
    const again = await h.reopen();
    expect(existsSync(file)).toBe(true);
    expect(await again.find(q, '/notes', { limit: 5 })).toEqual(before);
  });
});
