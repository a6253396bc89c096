import { describe, expect, it } from 'vitest';
import { createStreamPrefixer } from '../../src/tui/agent-stream.js';

describe('interleaved agent output', () => {
  it('prefixes every line with its pid and breaks the line when another pid speaks', () => {
    const p = createStreamPrefixer();
    const text = [p('p1', 'hel', false), p('p1', 'lo\nwor', false), p('p2', 'hi', true), p('p1', 'ld', true)].join('');
    expect(text).toBe('[p1] hello\n[p1] wor\n[p2] hi\n[p1] ld\n');
  });
});
