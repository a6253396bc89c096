// The REPL's entries never send data's control characters to the terminal: an error message
// naming a hostile file, background agent output and the understood line show ESC and BEL as
// visible escapes.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { EntryView } from '../../src/tui/OutputView.js';

afterEach(() => cleanup());
const TITLE = '\u001b]0;pwned\u0007';

describe('REPL entries with hostile text', () => {
  it('an error message and hint with an escape sequence show it as text', () => {
    const { lastFrame } = render(<EntryView entry={{ id: 1, error: { code: 'fs.notFound', message: `/m/${TITLE}: no such file`, hint: TITLE } }} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('\\e]0;pwned\\x07');
    expect(frame).not.toContain(TITLE);
  });

  it('a background note from an agent shows its escape sequence as text', () => {
    const { lastFrame } = render(<EntryView entry={{ id: 2, note: `[p2] hello ${TITLE} \u001b]52;c;cHduZWQ=\u0007` }} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('[p2] hello \\e]0;pwned\\x07 \\e]52;c;cHduZWQ=\\x07');
    expect(frame).not.toContain('\u0007');
  });
});
