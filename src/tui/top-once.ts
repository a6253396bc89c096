// `top --once` and `top --json` (tui layer): one frame as text, or one snapshot, with neither
// React nor Ink loaded (they cost more than the rest of the command). The frame is the live
// view's own lines (top/top-lines.ts), so the two cannot drift apart. Called by the CLI;
// top.tsx re-exports both for the shell and tests.
import { TopSampler, type TopSnapshot, type TopSource } from './top/top-sampler.js';
import { initialState } from './top/top-state.js';
import { frameLines } from './top/top-lines.js';
import { stripAnsi } from './text-cells.js';

export { sourceFromServices, type TopSource, type TopSnapshot } from './top/top-sampler.js';

/** One frame as text, `width` x `height` (at least 80x24); plain (no ANSI) unless colour is asked for. */
export function renderTopOnce(source: TopSource, opts: { width?: number; height?: number; color?: boolean; refreshMs?: number } = {}): string {
  const width = Math.max(80, opts.width ?? 80);
  const height = Math.max(24, opts.height ?? 24);
  // one frame shows at most a screen of processes: only those are read (the counts are whole)
  const snap = snapshotOnce(source, { limit: height });
  const lines = frameLines(snap, initialState(), width, height, opts.refreshMs ?? 1000);
  // as a terminal shows them: no trailing blanks
  return lines.map((l) => (opts.color ? l : stripAnsi(l)).trimEnd()).join('\n');
}

/** One snapshot (the `--json` shape): processes (all, or the first `limit`), counts, feed, tiers, metrics, builds. */
export function snapshotOnce(source: TopSource, opts: { limit?: number } = {}): TopSnapshot {
  const sampler = new TopSampler(source);
  try {
    return sampler.sample(opts);
  } finally {
    sampler.close();
  }
}
