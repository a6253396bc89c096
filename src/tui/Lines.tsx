// Styled lines drawn as one Ink text node (tui layer), for text that changes all the time:
// the panes of `top` (every refresh) and the REPL's live agent output (every token).
//
// Ink lays out the node with a blank block of the same size and a <Transform> paints each
// line of it with the real one when the frame is written. Two reasons:
// - Ink 6 caches the measured size of every distinct string it lays out in a module-level
//   map that is never emptied (vadimdemedes/ink#986, fixed only in Ink 7, which needs
//   Node 22). top's lines change every refresh, so measuring them would keep every frame
//   ever drawn: hundreds of MB a day at the default 1 s refresh; streamed output would keep
//   a copy of the visible lines per token. The blank block is one entry per size.
// - Measuring a line with any non-ASCII character (bars, arrows) goes through string-width's
//   grapheme segmenter, about ten times the cost of an ASCII line; the blank is ASCII.
// The caller composes each line at most `width` cells wide (nothing here wraps or cuts it).
import React from 'react';
import { Transform, useIsScreenReaderEnabled } from 'ink';
import { stripAnsi } from './text-cells.js';

const blanks = new Map<string, string>();

/** A block of `height` lines of `width` spaces (one string per size, reused). */
function blank(width: number, height: number): string {
  const key = `${width}x${height}`;
  let b = blanks.get(key);
  if (b === undefined) {
    b = Array.from({ length: height }, () => ' '.repeat(width)).join('\n');
    blanks.set(key, b);
  }
  return b;
}

export function Lines({ lines, width }: { lines: readonly string[]; width: number }): React.ReactElement | null {
  // A screen reader reads the text itself (Ink gives it the label instead of the blank block).
  const reader = useIsScreenReaderEnabled();
  if (lines.length === 0 || width <= 0) return null;
  return (
    <Transform transform={(_blank, i) => lines[i] ?? ''} {...(reader ? { accessibilityLabel: stripAnsi(lines.join('\n')) } : {})}>
      {blank(width, lines.length)}
    </Transform>
  );
}
