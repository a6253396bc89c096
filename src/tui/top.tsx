// Entry points of `top` (tui layer), called by the CLI (`nlsh top`) and the shell (`top`):
// the live full-screen view on the alternate screen, one text frame (`--once`), or a JSON
// snapshot (`--json`).
import React from 'react';
import { render, renderToString } from 'ink';
import { TopSampler, type TopSnapshot, type TopSource } from './top/top-sampler.js';
import { initialState } from './top/top-state.js';
import { TopView } from './top/TopView.js';
import { TopApp, type TopDispatch } from './top/TopApp.js';
import { stripAnsi } from './text-cells.js';

export { sourceFromServices, type TopSource, type TopSnapshot } from './top/top-sampler.js';

export interface TopOptions {
  source: TopSource;
  dispatch: TopDispatch;
  /** Refresh period in ms (`-d` seconds on the command line); default 1000. */
  refreshMs?: number;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

const ALT_ON = '\u001b[?1049h\u001b[H';
const ALT_OFF = '\u001b[?1049l';

/** Runs the live view until the user quits; resolves with exit code 0. */
export async function runTop(opts: TopOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const alt = stdout.isTTY === true;
  if (alt) stdout.write(ALT_ON);
  const instance = render(<TopApp source={opts.source} dispatch={opts.dispatch} refreshMs={opts.refreshMs ?? 1000} />, {
    stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 30,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    if (alt) stdout.write(ALT_OFF);
  }
  return 0;
}

/** One frame as text, `width` x `height`; plain (no ANSI) unless colour is asked for. */
export function renderTopOnce(source: TopSource, opts: { width?: number; height?: number; color?: boolean; refreshMs?: number } = {}): string {
  const width = Math.max(80, opts.width ?? 80);
  const height = Math.max(24, opts.height ?? 24);
  // one frame shows at most a screen of processes: only those are read (the counts are whole)
  const snap = snapshotOnce(source, { limit: height });
  const text = renderToString(<TopView snap={snap} state={initialState()} width={width} height={height} refreshMs={opts.refreshMs ?? 1000} />, {
    columns: width,
  });
  return opts.color ? text : stripAnsi(text);
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
