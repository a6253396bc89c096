import React from 'react';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { render as renderInk } from 'ink';
import { render, cleanup } from 'ink-testing-library';
import { Lines } from '../../src/tui/Lines.js';

afterEach(() => cleanup());

/** What Ink writes for `el` in screen-reader mode. */
async function screenReaderText(el: React.ReactElement): Promise<string> {
  let text = '';
  const stdout = Object.assign(new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) }), { columns: 40, rows: 10 }) as unknown as NodeJS.WriteStream;
  const inst = renderInk(el, { stdout, isScreenReaderEnabled: true, patchConsole: false, exitOnCtrlC: false });
  await new Promise((r) => setTimeout(r, 20));
  inst.unmount();
  return text;
}

describe('Lines', () => {
  it('draws each line in place of the blank block Ink lays out', () => {
    const { lastFrame } = render(<Lines lines={['first', 'second line', '']} width={20} />);
    expect(lastFrame()).toBe('first\nsecond line\n'); // the third line is empty
  });

  it('gives a screen reader the text, not the blank block', async () => {
    const text = await screenReaderText(<Lines lines={['\u001b[31mred\u001b[39m alert', 'next']} width={20} />);
    expect(text).toContain('red alert\nnext');
  });
});
