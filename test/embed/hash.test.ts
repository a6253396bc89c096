// The hash embedder (tests only) and the shared tokenizer.
import { describe, expect, it } from 'vitest';
import { isNlshError } from '../../src/base/errors.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { tokenize } from '../../src/embed/tokenize.js';
import { cosine } from '../../src/embed/types.js';

describe('tokenize', () => {
  it('lowercases and splits punctuation, snake_case and camelCase', () => {
    expect(tokenize('parseHTTPRequest_v2, now!')).toEqual(['parse', 'http', 'request', 'v2', 'now']);
    expect(tokenize('The Quick-Brown fox')).toEqual(['the', 'quick', 'brown', 'fox']);
    expect(tokenize('  ...  ')).toEqual([]);
    expect(tokenize('café über')).toEqual(['café', 'über']);
    expect(tokenize('XMLHttpRequest iPhone v8Engine')).toEqual(['xml', 'http', 'request', 'i', 'phone', 'v8', 'engine']);
  });

  it('gives the same words for ASCII text on its fast path as on the Unicode path', () => {
    for (const s of ['parseHTTPRequest_v2', 'XMLHttpRequest', 'IOError2Go', 'a1B c--D', 'ALLCAPS word']) {
      expect(tokenize(s)).toEqual(tokenize(`${s} é`).slice(0, -1));
    }
  });
});

describe('hash embedder', () => {
  it('is deterministic, unit length, and named hash-<dim>', async () => {
    const e = createHashEmbedder(64);
    expect(e.id).toBe('hash-64');
    expect(e.kind).toBe('hash');
    const [a, b] = await e.embed(['the reviewer agent', 'the reviewer agent']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(Array.from(createHashEmbedder(64).embedSync!('the reviewer agent'))).toEqual(Array.from(a!));
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(a!.length).toBe(64);
  });

  it('makes texts sharing words closer than texts sharing none', () => {
    const e = createHashEmbedder();
    const v = (t: string): Float32Array => e.embedSync!(t);
    expect(cosine(v('deep learning models'), v('learning models for vision'))).toBeGreaterThan(cosine(v('deep learning models'), v('baking bread')));
  });

  it('never returns a zero vector, even for text without words', () => {
    const e = createHashEmbedder(16);
    for (const t of ['', '!!!', '   ']) expect(Math.hypot(...e.embedSync!(t))).toBeCloseTo(1, 5);
    expect(Array.from(e.embedSync!('!!!'))).not.toEqual(Array.from(e.embedSync!('???')));
  });

  it('rejects a dimension below 2 with embed.badDimension', () => {
    let err: unknown;
    try {
      createHashEmbedder(1);
    } catch (e) {
      err = e;
    }
    expect(isNlshError(err, 'embed.badDimension')).toBe(true);
  });
});
