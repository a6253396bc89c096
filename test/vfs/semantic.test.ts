// Semantic navigation with the GloVe embedder on a fixture tree whose folders are about
// clearly different topics: cd by description, ls/find similar-to, grep meaning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gloveForTests, tempHome, TOPICS, type TempHome } from './helpers.js';
import { rejection } from '../helpers/rejection.js';

let h: TempHome;
beforeAll(async () => {
  h = await tempHome(await gloveForTests(), { allowedRoots: [TOPICS] });
  await h.vfs.mount(TOPICS, '/topics');
}, 120_000);
afterAll(() => h.cleanup());

async function failure(p: Promise<unknown>): Promise<{ code: string; candidates: { path: string }[] }> {
  const err = await rejection(p);
  return { code: err.code, candidates: (err.details?.candidates as { path: string }[]) ?? [] };
}

describe('semantic paths (glove)', () => {
  it.each([
    ['the directory about machine learning', '/topics/machine-learning'],
    ['cooking food in the kitchen', '/topics/cooking'],
    ['stars and planets in outer space', '/topics/astronomy'],
    ['where I keep notes on plants and flowers', '/topics/gardening'],
    ['songs, chords and instruments', '/topics/music'],
  ])('cd "%s" goes to %s', async (description, expected) => {
    const r = await h.vfs.resolve('/', `"${description}"`, { kind: 'dir' });
    expect(r.path).toBe(expected);
    expect(r.score).toBeGreaterThan(0.3);
  });

  it('ls similar-to ranks the folder about the topic first', async () => {
    const entries = await h.vfs.ls('/topics', { similarTo: 'neural networks and deep learning' });
    expect(entries[0]!.name).toBe('machine-learning');
    expect(entries[0]!.score!).toBeGreaterThan(entries[1]!.score!);
  });

  it('find similar-to ranks the file about the topic first', async () => {
    const entries = await h.vfs.find('spiral galaxies and nebulae', '/topics', { kind: 'file' });
    expect(entries[0]!.path).toBe('/topics/astronomy/stars.md');
  });

  it.each([
    ['how do I make a loaf rise', '/topics/cooking/bread.md'],
    ['pruning flowering bushes', '/topics/gardening/roses.md'],
    ['a model that memorises its examples', '/topics/machine-learning/overfitting.md'],
    ['composers of symphonies', '/topics/music/orchestra.md'],
  ])('grep meaning "%s" finds %s first', async (q, expected) => {
    const hits = await h.vfs.grepMeaning(q, '/topics', { limit: 3 });
    expect(hits[0]!.path).toBe(expected);
    expect(hits[0]!.line).toBeGreaterThan(0);
  });

  it('grep meaning in a folder only returns hits from that folder', async () => {
    const hits = await h.vfs.grepMeaning('telescopes', '/topics/music', { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((x) => x.path.startsWith('/topics/music/'))).toBe(true);
  });

  it('a description matched equally by more files than a resolution ranks at first (50) is still ambiguous, naming them all', async () => {
    const g = await tempHome(await gloveForTests());
    try {
      await g.vfs.mkdir('/same');
      for (let i = 0; i < 60; i++) await g.vfs.write(`/same/copy-${String(i).padStart(2, '0')}.txt`, 'a recipe for bread with flour, water, yeast and salt');
      const f = await failure(g.vfs.resolve('/', '"bread recipe with flour and yeast"', { kind: 'file' }));
      expect(f.code).toBe('fs.ambiguous');
      expect(f.candidates).toHaveLength(60);
    } finally {
      g.cleanup();
    }
  });

  it('a description that matches nothing fails with fs.noMatch naming the closest candidates', async () => {
    const f = await failure(h.vfs.resolve('/', '"zxqv wibblefrotz"', { kind: 'dir' }));
    expect(f.code).toBe('fs.noMatch');
    expect(f.candidates.length).toBe(3);
  });
});
