// Safe text for a terminal (shell layer): file contents, file names and model replies are
// hostile input — an ESC sequence in them could retitle the window, write the clipboard (OSC
// 52) or move the cursor. Every plain renderer passes data through visible(), which shows each
// control character as a visible escape (\e, \x07, \x9b, \u202e) so the bytes are seen, not
// obeyed. --json output is not touched: JSON.stringify already escapes C0 and stays exact.
// Called by format-kit.ts (the plain formatters) and the CLI's progress lines.

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), and the bidi overrides/isolates that
// can make text read in another order than it is stored ("Trojan Source").
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e', '\u0008': '\\b' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** s with every control character shown as a visible escape; newlines too (for one-line fields). */
export function visible(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** s with every control character but newline and tab shown as a visible escape (for multi-line text such as cat). */
export function visibleLines(s: string): string {
  return s.replace(UNSAFE_KEEP_LINES, escapeChar);
}
