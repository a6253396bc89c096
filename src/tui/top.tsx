// Entry points of `top` (tui layer), called by the CLI (`nlsh top`) and the shell (`top`):
// the live full-screen view on the alternate screen; one text frame (`--once`) and a JSON
// snapshot (`--json`) come from top-once.ts, which loads no Ink (re-exported here).
import React from 'react';
import { render } from 'ink';
import type { TopSource } from './top/top-sampler.js';
import { TopApp, type TopDispatch } from './top/TopApp.js';

export { sourceFromServices, type TopSource, type TopSnapshot } from './top/top-sampler.js';
export { renderTopOnce, snapshotOnce } from './top-once.js';

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
