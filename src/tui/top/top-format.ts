// Text helpers for `top` (tui layer): bars, sparklines, compact numbers, durations, titles.
// Pure functions, shared by the panes (cells and widths are in ../text-cells.ts).
import chalk from 'chalk';

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

/** A pane's title line: bold, and cyan while the pane has the focus. */
export function paneTitle(title: string, focused: boolean): string {
  return chalk.bold(focused ? chalk.cyan(title) : title);
}
