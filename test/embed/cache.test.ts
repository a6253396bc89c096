// The L3 embedding cache: repeated text is answered from memory or SQLite, never re-embedded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/base/sqlite.js';
import { createEmbeddingCache } from '../../src/embed/cache.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import type { Embedder } from '../../src/embed/types.js';

/** A hash embedder that counts the texts it was asked to embed. */
function counting(dim = 32): Embedder & { calls: string[] } {
  const h = createHashEmbedder(dim);
  const calls: string[] = [];
  return {
    id: h.id,
    kind: h.kind,
    dim: h.dim,
    calls,
    embedSync(t: string) {
      calls.push(t);
      return h.embedSync!(t);
    },
    async embed(texts) {
      calls.push(...texts);
      return texts.map((t) => h.embedSync!(t));
    },
  };
}

const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'nlsh-l3-')), 'nlsh.db');

describe('embedding cache (L3)', () => {
  it('has the inner embedder identity and counts hits and misses', async () => {
    const db = openDatabase({ file: ':memory:' });
    const inner = counting();
    const c = createEmbeddingCache(db, inner, { maxEntries: 100 });
    expect([c.id, c.kind, c.dim]).toEqual([inner.id, inner.kind, inner.dim]);
    const first = await c.embed(['alpha', 'beta', 'alpha']);
    expect(inner.calls).toEqual(['alpha', 'beta']);
    const again = await c.embed(['beta', 'alpha']);
    expect(inner.calls).toHaveLength(2);
    expect(Array.from(again[1]!)).toEqual(Array.from(first[0]!));
    expect(c.stats()).toMatchObject({ hits: 3, misses: 2, entries: 2, capacity: 100 });
    expect(Array.from(c.embedSync!('alpha'))).toEqual(Array.from(first[0]!));
    c.embedSync!('gamma');
    expect(inner.calls).toEqual(['alpha', 'beta', 'gamma']);
    expect(c.stats()).toMatchObject({ hits: 4, misses: 3 });
  });

  it('keeps vectors across a reopen of the database', async () => {
    const file = tempDb();
    const db1 = openDatabase({ file });
    const c1 = createEmbeddingCache(db1, counting(), { persist: true });
    const [v] = await c1.embed(['the directory about machine learning']);
    c1.flush();
    db1.close();

    const db2 = openDatabase({ file });
    const inner2 = counting();
    const c2 = createEmbeddingCache(db2, inner2, { persist: true });
    expect(c2.stats().stored).toBe(1);
    const [w] = await c2.embed(['the directory about machine learning']);
    expect(inner2.calls).toEqual([]);
    expect(Array.from(w!)).toEqual(Array.from(v!));
    expect(c2.stats()).toMatchObject({ hits: 1, misses: 0 });
    db2.close();
  });

  it('writes new vectors by itself within a tick', async () => {
    const file = tempDb();
    const db = openDatabase({ file });
    const c = createEmbeddingCache(db, counting(), { persist: true });
    c.embedSync!('written soon');
    await new Promise((r) => setImmediate(r));
    expect(db.prepare('SELECT count(*) FROM embed_cache').pluck().get()).toBe(1);
    db.close();
  });

  it('evicts least recently used vectors from memory but answers them from disk', async () => {
    const db = openDatabase({ file: ':memory:' });
    const inner = counting();
    const c = createEmbeddingCache(db, inner, { maxEntries: 2, persist: true });
    await c.embed(['a', 'b']);
    await c.embed(['a']); // a is now most recent
    await c.embed(['c']); // evicts b
    expect(c.stats()).toMatchObject({ entries: 2, evictions: 1 });
    await c.embed(['b']);
    expect(inner.calls).toEqual(['a', 'b', 'c']);
    expect(c.stats().misses).toBe(3);
  });

  it('never serves one embedder the vectors of another', async () => {
    const db = openDatabase({ file: ':memory:' });
    const a = createEmbeddingCache(db, counting(16), { persist: true });
    const innerB = counting(32);
    const b = createEmbeddingCache(db, innerB, { persist: true });
    await a.embed(['shared text']);
    a.flush();
    const [v] = await b.embed(['shared text']);
    expect(v!.length).toBe(32);
    expect(innerB.calls).toEqual(['shared text']);
  });

  it('persists by default only for embedders without embedSync (remote ones)', async () => {
    const file = tempDb();
    const db = openDatabase({ file });
    const local = createEmbeddingCache(db, counting());
    local.embedSync!('kept in memory only');
    local.flush();
    expect(local.stats().stored).toBe(0);
    const { embedSync: _unused, ...remoteLike } = counting(8);
    const remote = createEmbeddingCache(db, remoteLike);
    expect(remote.embedSync).toBeUndefined();
    await remote.embed(['kept on disk']);
    remote.flush();
    expect(remote.stats().stored).toBe(1);
    db.close();
  });

  it('bounds the rows kept on disk', async () => {
    const db = openDatabase({ file: ':memory:' });
    const c = createEmbeddingCache(db, counting(), { maxEntries: 10, maxDiskEntries: 50, persist: true });
    await c.embed(Array.from({ length: 120 }, (_, i) => `text ${i}`));
    c.flush();
    expect(db.prepare('SELECT count(*) FROM embed_cache').pluck().get()).toBeLessThanOrEqual(50);
    expect(c.stats().stored).toBeLessThanOrEqual(50);
  });
});
