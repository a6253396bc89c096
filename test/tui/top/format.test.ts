import { describe, expect, it } from 'vitest';
import { bar, cell, textWidth } from '../../../src/tui/top/top-format.js';

describe('top cells', () => {
  it('pads and cuts ASCII to exactly the width', () => {
    expect(cell('abc', 5)).toBe('abc  ');
    expect(cell('abc', 5, 'right')).toBe('  abc');
    expect(cell('abcdefgh', 5)).toBe('abcd…');
    expect(cell('abc', 0)).toBe('');
  });

  it('counts wide characters as two cells, as a terminal shows them', () => {
    expect(textWidth('数据')).toBe(4);
    expect(textWidth('🚀a')).toBe(3);
    expect(textWidth('e\u0301')).toBe(1); // e + combining acute
    expect(cell('数据', 6)).toBe('数据  ');
    // Cut on a character boundary: 数据分析 is 8 cells; 5 cells leave 数据 (4) + …
    expect(cell('数据分析', 5)).toBe('数据…');
    // A wide character that would straddle the cut is dropped, the gap padded.
    expect(cell('a数据分析', 5)).toBe('a数… ');
    expect(textWidth(cell('a数据分析', 6))).toBe(6);
    expect(textWidth(cell('🚀🚀🚀🚀', 7, 'right'))).toBe(7);
  });

  it('turns control characters into ? so text cannot move the cursor', () => {
    expect(cell('a\u001b[2Jb', 8)).toBe('a?[2Jb  ');
    expect(cell('x\u009by', 3)).toBe('x?y');
    expect(cell('\u0007数', 4)).toBe('?数 ');
  });

  it('draws bars of exactly the width for any fraction', () => {
    for (const f of [-1, 0, 0.26, 0.5, 1, 2, Number.NaN]) expect(bar(f, 12)).toHaveLength(12);
    expect(bar(0.5, 4)).toBe('██░░');
  });
});
