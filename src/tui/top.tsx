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
  // Raw mode before the first frame (as the REPL does): a key pressed as soon as the table shows
  // must arrive as a key, not sit in the terminal's cooked line buffer (echoed) until Ink's input
  // hook switches modes after its first render.
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  if (stdin.isTTY) stdin.setRawMode(true);
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
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
    if (alt) stdout.write(ALT_OFF);
  }
  return 0;
}

/** One frame as text, `width` x `height`; plain (no ANSI) unless colour is asked for. */
export function renderTopOnce(source: TopSource, opts: { width?: number; height?: number; color?: boolean; refreshMs?: number } = {}): string {
  const snap = snapshotOnce(source);
  const width = Math.max(80, opts.width ?? 80);
  const height = Math.max(24, opts.height ?? 24);
  const text = renderToString(<TopView snap={snap} state={initialState()} width={width} height={height} refreshMs={opts.refreshMs ?? 1000} />, {
    columns: width,
  });
  return opts.color ? text : stripAnsi(text);
}

/** One snapshot (the `--json` shape): processes, feed, tiers, metrics, builds. */
export function snapshotOnce(source: TopSource): TopSnapshot {
  const sampler = new TopSampler(source);
  try {
    return sampler.sample();
  } finally {
    sampler.close();
  }
}
