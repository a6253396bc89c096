// SIF weighting pieces: Zipf probabilities, the vocabulary table, and the common component.
import { describe, expect, it } from 'vitest';
import { commonComponent, mulberry32, sifScales, zipfProbability } from '../../src/embed/sif.js';
import { buildVocabTable, lookupWord } from '../../src/embed/vocab-table.js';

describe('sif', () => {
  it('gives frequent (low-rank) words a higher probability, so a lower weight', () => {
    expect(zipfProbability(0, 1000)).toBeGreaterThan(zipfProbability(10, 1000));
    const w = sifScales({ dim: 1, count: 3, matrix: new Int8Array(3), scales: new Float32Array([1, 1, 1]) });
    expect(w[0]!).toBeLessThan(w[1]!);
    expect(w[1]!).toBeLessThan(w[2]!);
    expect(w[2]!).toBeLessThanOrEqual(1);
  });

  it('finds the shared direction of the sample as the common component, deterministically', () => {
    // Every row = a strong shared direction (axis 0) plus noise on the other axes.
    const dim = 8;
    const count = 500;
    const rand = mulberry32(1);
    const matrix = new Int8Array(count * dim);
    for (let i = 0; i < count; i++) {
      matrix[i * dim] = 100;
      for (let d = 1; d < dim; d++) matrix[i * dim + d] = Math.round((rand() * 2 - 1) * 30);
    }
    const v = { dim, count, matrix, scales: new Float32Array(count).fill(1) };
    const pc = commonComponent(v, sifScales(v), () => true, { samples: 300 });
    expect(Math.abs(pc[0]!)).toBeGreaterThan(0.95);
    expect(Math.hypot(...pc)).toBeCloseTo(1, 5);
    expect(Array.from(commonComponent(v, sifScales(v), () => true, { samples: 300 }))).toEqual(Array.from(pc));
    expect(Array.from(commonComponent(v, sifScales(v), () => false))).toEqual(new Array(dim).fill(0));
  });

  it('the vocabulary table finds every word, misses others, and keeps the first of duplicates', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    words.push('word7');
    const t = buildVocabTable(words);
    for (const i of [0, 7, 1234, 4999]) expect(lookupWord(t, `word${i}`)).toBe(i);
    expect(lookupWord(t, 'word5000')).toBe(-1);
    expect(lookupWord(t, '')).toBe(-1);
    expect(t.slots.length & (t.slots.length - 1)).toBe(0);
  });
});
