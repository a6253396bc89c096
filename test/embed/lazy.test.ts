// The lazy embedder: identity up front, the real embedder loaded once on the first embed, load
// failures reported to every waiting caller and retried; openEmbedder makes glove lazy.
import { describe, expect, it } from 'vitest';
import { isNlshError, NlshError } from '../../src/base/errors.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { createLazyEmbedder, lazySpecFor, openEmbedder, type LazyEmbedder } from '../../src/embed/index.js';
import type { Embedder } from '../../src/embed/types.js';

const spec = { id: 'hash-16', kind: 'hash' as const, dim: 16 };

function counting(fail = 0): { loads: () => number; load: () => Promise<Embedder> } {
  let n = 0;
  return {
    loads: () => n,
    load: async () => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      if (n <= fail) throw new NlshError('embed.gloveMissing', `load ${n} failed`, { hint: 'install it' });
      return createHashEmbedder(16);
    },
  };
}

describe('createLazyEmbedder', () => {
  it('knows its id and dim without loading, and loads on the first embed only', async () => {
    const c = counting();
    const lazy = createLazyEmbedder(spec, c.load);
    expect([lazy.id, lazy.kind, lazy.dim, lazy.loaded(), c.loads()]).toEqual(['hash-16', 'hash', 16, false, 0]);
    const [v] = await lazy.embed(['agents and schedulers']);
    expect(Array.from(v!)).toEqual(Array.from(createHashEmbedder(16).embedSync!('agents and schedulers')));
    await lazy.embed(['again']);
    expect([lazy.loaded(), c.loads()]).toEqual([true, 1]);
  });

  it('concurrent first callers share one load', async () => {
    const c = counting();
    const lazy = createLazyEmbedder(spec, c.load);
    const out = await Promise.all([lazy.embed(['a']), lazy.embed(['b']), lazy.embed(['c'])]);
    expect(out.map((x) => x.length)).toEqual([1, 1, 1]);
    expect(c.loads()).toBe(1);
  });

  it('embedSync is absent until loaded, then matches embed', async () => {
    const lazy = createLazyEmbedder(spec, counting().load);
    expect(lazy.embedSync).toBeUndefined();
    const [v] = await lazy.embed(['process table']);
    expect(Array.from(lazy.embedSync!('process table'))).toEqual(Array.from(v!));
  });

  it('a failed load rejects every waiting caller with its NlshError, and the next call retries', async () => {
    const c = counting(1);
    const lazy = createLazyEmbedder(spec, c.load);
    const errs = await Promise.all([lazy.embed(['a']).catch((e: unknown) => e), lazy.embed(['b']).catch((e: unknown) => e)]);
    expect(errs.every((e) => isNlshError(e, 'embed.gloveMissing'))).toBe(true);
    expect(errs[0]).toBe(errs[1]);
    expect(lazy.loaded()).toBe(false);
    expect((await lazy.embed(['c']))[0]!.length).toBe(16);
    expect(c.loads()).toBe(2);
  });

  it('a loaded embedder of another id or dim fails with embed.mismatch', async () => {
    const lazy = createLazyEmbedder({ ...spec, dim: 32, id: 'hash-32' }, async () => createHashEmbedder(16));
    const err = await lazy.embed(['x']).catch((e: unknown) => e);
    expect(isNlshError(err, 'embed.mismatch')).toBe(true);
  });

  it('close before any embed loads nothing; embed after close fails with embed.closed', async () => {
    const c = counting();
    const lazy = createLazyEmbedder(spec, c.load);
    await lazy.close!();
    expect(c.loads()).toBe(0);
    expect(isNlshError(await lazy.embed(['x']).catch((e: unknown) => e), 'embed.closed')).toBe(true);
  });
});

describe('openEmbedder', () => {
  it('glove is lazy with the real embedder identity (glove-sif-100d, 100-d), and loads on embed', async () => {
    expect(lazySpecFor('glove')).toEqual({ id: 'glove-sif-100d', kind: 'glove', dim: 100 });
    expect(lazySpecFor('ollama')).toBeNull();
    const glove = (await openEmbedder('glove')) as LazyEmbedder;
    expect([glove.id, glove.dim, glove.loaded()]).toEqual(['glove-sif-100d', 100, false]);
    const [a, b] = await glove.embed(['the kernel schedules agent processes', 'the kernel schedules agent processes']);
    expect(glove.loaded()).toBe(true);
    expect(a!.length).toBe(100);
    expect(Array.from(glove.embedSync!('the kernel schedules agent processes'))).toEqual(Array.from(b!));
  });

  it('hash opens at once (with embedSync) and an unknown kind fails with embed.unknownEmbedder', async () => {
    const h = await openEmbedder('hash', { dim: 8 });
    expect([h.id, typeof h.embedSync]).toEqual(['hash-8', 'function']);
    expect(isNlshError(await openEmbedder('word2vec').catch((e: unknown) => e), 'embed.unknownEmbedder')).toBe(true);
  });
});
