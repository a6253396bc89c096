import { describe, expect, it } from 'vitest';
import { cell, printable, textWidth, wrapLines } from '../../src/tui/text-cells.js';
import { bar } from '../../src/tui/top/top-format.js';

describe('text cells', () => {
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

  it('wraps at the last space that fits, and mid-word when there is none', () => {
    expect(wrapLines('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapLines('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapLines('one\ntwo three', 5)).toEqual(['one', 'two', 'three']);
    expect(wrapLines('数据分析数据', 5)).toEqual(['数据', '分析', '数据']);
    for (const l of wrapLines('x'.repeat(50) + ' ' + '🚀'.repeat(30), 7)) expect(textWidth(l)).toBeLessThanOrEqual(7);
  });

  it('makes text printable: tabs become spaces, escapes become ?', () => {
    expect(printable('a\tb')).toBe('a    b');
    expect(printable('red \u001b[31mtext\u0007')).toBe('red ?[31mtext?');
    expect(printable('plain')).toBe('plain');
    expect(printable('two…\nlines')).toBe('two…\nlines');
    expect(cell('two\nlines', 9)).toBe('two?lines');
  });

  it('draws bars of exactly the width for any fraction', () => {
    for (const f of [-1, 0, 0.26, 0.5, 1, 2, Number.NaN]) expect(bar(f, 12)).toHaveLength(12);
    expect(bar(0.5, 4)).toBe('██░░');
  });
});
