// Text helpers for `top` (tui layer): bars, sparklines, compact numbers and durations,
// fixed-width cells. Pure functions, shared by the panes.

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A bar of `width` cells filled to frac (clamped to 0..1). */
export function bar(frac: number, width: number): string {
  if (width <= 0) return '';
  const f = Number.isFinite(frac) ? Math.max(0, Math.min(1, frac)) : 0;
  const full = Math.round(f * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** The last `width` values as a sparkline scaled to their own maximum. */
export function sparkline(values: readonly number[], width: number): string {
  const tail = values.slice(-width);
  const max = Math.max(...tail, 0);
  const line = tail
    .map((v) => (max > 0 ? BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((v / max) * (BLOCKS.length - 1)))]! : BLOCKS[0]!))
    .join('');
  return line.padStart(width, ' ');
}

/** 950, 1.2k, 34k, 5.6M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return Number.isInteger(n) ? String(n) : n.toFixed(a < 10 ? 1 : 0);
  if (a < 1e6) return `${(n / 1e3).toFixed(a < 1e4 ? 1 : 0)}k`;
  if (a < 1e9) return `${(n / 1e6).toFixed(a < 1e7 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(1)}G`;
}

/** 850ms, 12.3s, 4m05s, 2h13m, 3d04h. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

// Printable ASCII: one cell per character (the common case, checked first).
const ASCII = /^[\x20-\x7e]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;
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
  if (!ASCII.test(s)) return cellWide(s.replace(CONTROL, '?'), width, align);
  if (s.length > width) return width === 1 ? '…' : s.slice(0, width - 1) + '…';
  return align === 'left' ? s.padEnd(width) : s.padStart(width);
}

function cellWide(s: string, width: number, align: 'left' | 'right'): string {
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width) {
      // Cut: keep what fits in width - 1 cells, then the ellipsis.
      let kept = '';
      let kw = 0;
      for (const c of out) {
        const x = charWidth(c);
        if (kw + x > width - 1) break;
        kept += c;
        kw += x;
      }
      return kept + '…' + ' '.repeat(width - 1 - kw);
    }
    out += ch;
    w += cw;
  }
  const pad = ' '.repeat(width - w);
  return align === 'left' ? out + pad : pad + out;
}

/** Removes ANSI escape sequences (for text output when colour is off). */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}
