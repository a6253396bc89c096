// Entry point of the interactive shell (tui layer). The CLI (src/cli/main.ts) lazy-imports this
// module and calls runRepl() when stdin and stdout are TTYs; it resolves with the exit code
// when the user leaves (Ctrl-D on an empty line, or `exit [N]`). `top` typed in the shell
// hands the terminal to the top view and comes back to the prompt when it ends.
import React from 'react';
import chalk from 'chalk';
import { render } from 'ink';
import { runTop, sourceFromServices } from './top.js';
import type { ReplBackend } from './repl-backend.js';
import { createRunnerBackend, type RunnerBackendOptions } from './runner-backend.js';
import { ShellApp, type ShellLeave } from './ShellApp.js';

export type { ReplBackend, ReplCompletion, ReplHistory, ReplOutcome } from './repl-backend.js';
export type { ReplKernel, RunnerBackendOptions } from './runner-backend.js';

/** The terminal side of the REPL. */
export interface ReplTerminalOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** false (--no-color, NO_COLOR) turns colours off for the whole Ink output. */
  color?: boolean;
  /** The dim first line; default names `help` and Ctrl-D. */
  welcome?: string;
  /** Shows `top` full-screen and resolves when it is closed; default: the top view over the kernel. */
  runTop?: () => Promise<unknown>;
}

/**
 * What the CLI passes: the runner (createShell with interactive: true), the memoized kernel
 * function the runner was given (it must return the same kernel each call), the prompt's user,
 * history, completion and the plain formatter; plus the terminal options.
 */
export interface ReplOptions extends RunnerBackendOptions, ReplTerminalOptions {}

const DEFAULT_WELCOME = 'nlsh — type help for the commands, Tab to complete, Ctrl-C to cancel, Ctrl-D to leave.';

/** Runs the interactive shell over the runner; resolves with the exit code, never rejects for command failures. */
export async function runRepl(opts: ReplOptions): Promise<number> {
  const backend = createRunnerBackend(opts);
  const runTopDefault = async (): Promise<unknown> => {
    const k = await opts.kernel();
    return runTop({
      source: sourceFromServices(k.services),
      dispatch: (name, args) => k.dispatch(name, args),
      ...(opts.stdin ? { stdin: opts.stdin } : {}),
      ...(opts.stdout ? { stdout: opts.stdout } : {}),
    });
  };
  return runBackendRepl(backend, { ...opts, runTop: opts.runTop ?? runTopDefault });
}

/** Runs the interactive shell over any ReplBackend; resolves with the exit code when the user leaves. */
export async function runBackendRepl(backend: ReplBackend, opts: ReplTerminalOptions = {}): Promise<number> {
  if (opts.color === false) chalk.level = 0;
  let welcome: string | undefined = opts.welcome ?? DEFAULT_WELCOME;
  // Raw mode before the first frame: keys typed as soon as the prompt shows must arrive as
  // keys (Enter as \r), not as a cooked line with Enter turned into \n (Ctrl-J here).
  const stdin = opts.stdin ?? process.stdin;
  try {
    for (;;) {
      if (stdin.isTTY) stdin.setRawMode(true);
      let leave: (r: ShellLeave) => void = () => undefined;
      const reason = new Promise<ShellLeave>((resolve) => {
        leave = resolve;
      });
      const instance = render(<ShellApp backend={backend} welcome={welcome} onLeave={(r) => leave(r)} />, {
        ...(opts.stdin ? { stdin: opts.stdin } : {}),
        ...(opts.stdout ? { stdout: opts.stdout } : {}),
        exitOnCtrlC: false,
        patchConsole: false,
      });
      const r = await reason;
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
      instance.cleanup();
      welcome = undefined;
      if (r.kind === 'exit') return r.code;
      if (opts.runTop) await opts.runTop();
    }
  } finally {
    if (stdin.isTTY) stdin.setRawMode(false);
    await backend.close?.();
  }
}
