// Text as a terminal shows it (tui layer): how many columns a string takes, cutting or
// padding to a width, wrapping, and neutralising control characters. Used by top's panes and
// the REPL's live output, which compose their own lines and draw them with <Lines>.
// Pure functions; no ANSI codes in their input (stripAnsi takes them out).

// Printable ASCII: one cell per character (the common case, checked first).
const ASCII = /^[\x20-\x7e]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f]$/u;
const WIDE = /^[\p{Extended_Pictographic}\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]$/u;

/** Terminal cells a character takes: 0 (combining, zero-width), 2 (CJK, emoji) or 1. */
function charWidth(ch: string): number {
  if (ch.charCodeAt(0) < 0x300) return 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Terminal cells s takes (no ANSI codes in s). */
export function textWidth(s: string): number {
  if (ASCII.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/**
 * s cut or padded to exactly width cells (ending in … when cut), counted as a terminal shows
 * them (wide CJK and emoji take two). Control characters become '?': text from agents and
 * messages must not move the cursor or restyle the screen.
 */
export function cell(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (!ASCII.test(s)) return cellWide(printable(s).replace(/\n/g, '?'), width, align);
  if (s.length > width) return width === 1 ? '…' : s.slice(0, width - 1) + '…';
  return align === 'left' ? s.padEnd(width) : s.padStart(width);
}

function cellWide(s: string, width: number, align: 'left' | 'right'): string {
  let w = 0;
  // The prefix that fits in width - 1 cells, where a cut puts the ellipsis: its length and width.
  let fits = 0;
  let fitsW = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width) return s.slice(0, fits) + '…' + ' '.repeat(width - 1 - fitsW);
    w += cw;
    if (w <= width - 1) {
      fits += ch.length;
      fitsW = w;
    }
  }
  const pad = ' '.repeat(width - w);
  return align === 'left' ? s + pad : pad + s;
}

/** s with tabs as spaces and every other control character but \n (ESC, BEL, CR...) as '?'. */
export function printable(s: string): string {
  return ASCII.test(s) ? s : s.replace(/\t/g, '    ').replace(CONTROL, '?');
}

/**
 * The lines of text (split on \n, made printable) wrapped to `width` columns: at the last
 * space that fits when there is one, otherwise mid-word.
 */
export function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  const w = Math.max(1, width);
  for (const raw of text.split('\n')) {
    let line = printable(raw);
    while (textWidth(line) > w) {
      const cut = fitIndex(line, w);
      const space = line.lastIndexOf(' ', cut);
      const at = space > 0 ? space : Math.max(1, cut);
      out.push(line.slice(0, at).trimEnd());
      line = line.slice(space > 0 ? at + 1 : at);
    }
    out.push(line);
  }
  return out;
}

/** The string index where the first `width` columns of s end. */
function fitIndex(s: string, width: number): number {
  if (ASCII.test(s)) return Math.min(width, s.length);
  let w = 0;
  let i = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width) break;
    w += cw;
    i += ch.length;
  }
  return i;
}

/** Removes ANSI escape sequences (for text output when colour is off). */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}
