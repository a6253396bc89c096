// The default GloVe SIF embedder on the real vectors (cache built once by test/global-setup.ts).
import { describe, expect, it } from 'vitest';
import { createGloveEmbedder } from '../../src/embed/glove.js';
import { loadGloveTables } from '../../src/embed/glove-cache.js';
import { closeGlove } from '../../src/embed/glove-format.js';
import { hashVector } from '../../src/embed/hash.js';
import { cosine } from '../../src/embed/types.js';

const norm = (v: Float32Array): number => Math.hypot(...v);

describe('glove embedder', () => {
  it('reads the shared cache file instead of converting again', async () => {
    const load = await loadGloveTables();
    expect(load.origin).toBe('cache');
    expect(load.tables.count).toBeGreaterThan(300_000);
    closeGlove(load.tables);
  });

  it('puts related sentences nearer than unrelated ones', async () => {
    const g = await createGloveEmbedder();
    expect(g.id).toBe('glove-sif-100d');
    expect(g.dim).toBe(100);
    const [nn, ml, bread] = await g.embed(['neural networks and deep learning', 'training a machine learning model', 'baking bread with yeast']);
    expect(cosine(nn!, ml!)).toBeGreaterThan(cosine(nn!, bread!) + 0.2);
    expect(cosine(ml!, bread!)).toBeLessThan(cosine(nn!, ml!));
    const cat = g.embedSync('the cat sat on the mat');
    const kitten = g.embedSync('a kitten slept on the rug');
    const stocks = g.embedSync('stock prices fell sharply on wall street');
    expect(cosine(cat, kitten)).toBeGreaterThan(cosine(cat, stocks));
  });

  it('returns unit vectors, the same for embed and embedSync, deterministically', async () => {
    const g = await createGloveEmbedder();
    const [a] = await g.embed(['kill the reviewer agent']);
    const b = g.embedSync('kill the reviewer agent');
    expect(Array.from(a!)).toEqual(Array.from(b));
    expect(norm(b)).toBeCloseTo(1, 5);
  });

  it('splits code identifiers into words', async () => {
    const g = await createGloveEmbedder();
    const ident = g.embedSync('parseJsonFile');
    expect(cosine(ident, g.embedSync('parse json file'))).toBeGreaterThan(0.99);
    expect(cosine(g.embedSync('read_config_value'), g.embedSync('read config value'))).toBeGreaterThan(0.99);
  });

  it('gives a text with no known word a hashed, non-zero vector', async () => {
    const g = await createGloveEmbedder();
    const v = g.embedSync('zzqxv blorptastic');
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(Array.from(v)).toEqual(Array.from(hashVector('zzqxv blorptastic', 100)));
    expect(norm(g.embedSync(''))).toBeCloseTo(1, 5);
    expect(norm(g.embedSync('!!! ???'))).toBeCloseTo(1, 5);
  });

  it('skips unknown words inside otherwise known text', async () => {
    const g = await createGloveEmbedder();
    expect(cosine(g.embedSync('deep learning zzqxv'), g.embedSync('deep learning'))).toBeGreaterThan(0.999);
  });
});
