// The byte scanner of the wink "vectors" object: numbers, escapes, and entries cut by chunk ends.
import { describe, expect, it } from 'vitest';
import { scanEntries } from '../../src/embed/wink-parser.js';

function collect(text: string, cut?: number): { words: string[]; vectors: number[][]; done: boolean; error?: string } {
  const buf = Buffer.from(text, 'utf8');
  const words: string[] = [];
  const vectors: number[][] = [];
  const sink = { entry: (w: string, v: Float64Array, n: number) => (words.push(w), vectors.push(Array.from(v.subarray(0, n)))) };
  const nums = new Float64Array(8);
  let pos = 0;
  if (cut !== undefined) {
    const first = scanEntries(buf, 0, cut, nums, sink);
    if (first.error || first.done) return { words, vectors, done: first.done, ...(first.error ? { error: first.error } : {}) };
    pos = first.pos;
  }
  const r = scanEntries(buf, pos, buf.length, nums, sink);
  return { words, vectors, done: r.done, ...(r.error ? { error: r.error } : {}) };
}

const TEXT = ' "the":[0.5,-1.25,3e-2,0],\n "caf\u00e9" : [ -0.0062694 , 2.95153011E+1 ,7,1 ],"\\"q\\u0041":[1,2,3,2]}';

describe('wink parser', () => {
  it('reads words (with escapes and UTF-8) and numbers (signs, fractions, exponents)', () => {
    const r = collect(TEXT);
    expect(r.error).toBeUndefined();
    expect(r.done).toBe(true);
    expect(r.words).toEqual(['the', 'café', '"qA']);
    expect(r.vectors[0]).toEqual([0.5, -1.25, 0.03, 0]);
    expect(r.vectors[1]![0]).toBeCloseTo(-0.0062694, 12);
    expect(r.vectors[1]![1]).toBeCloseTo(29.5153011, 9);
  });

  it('gives the same entries wherever a chunk ends', () => {
    const whole = collect(TEXT);
    for (let cut = 0; cut <= Buffer.byteLength(TEXT); cut++) expect(collect(TEXT, cut)).toEqual(whole);
  });

  it('reports a syntax error instead of guessing', () => {
    expect(collect('"a":[1,x]}').error).toMatch(/bad number/);
    expect(collect('"a" [1]}').error).toMatch(/expected ':'/);
    expect(collect('[1]}').error).toMatch(/quoted word/);
  });
});
