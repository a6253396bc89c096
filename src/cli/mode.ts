// The mode decision (cli layer), made in this one place: the Ink REPL only when stdin and
// stdout are both terminals and nothing else was asked for; otherwise -c, a script file, or
// stdin (also `-`) run line by line. Colour is decided here too. Called by main.ts.

/** How this run gets its commands. */
export type Mode =
  | { kind: 'tui' }
  | { kind: 'command'; text: string }
  | { kind: 'script'; file: string }
  | { kind: 'stdin' };

export interface ModeInput {
  /** -c text, if given. */
  command?: string;
  /** The script argument, if given ('-' = stdin). */
  script?: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** --json asks for machine output: lines are read from the terminal and answered as JSON, no REPL. */
  json?: boolean;
}

/** Returns the mode: -c beats a script argument, which beats the TTY test (and --json rules the REPL out). */
export function decideMode(m: ModeInput): Mode {
  if (m.command !== undefined) return { kind: 'command', text: m.command };
  if (m.script !== undefined && m.script !== '-') return { kind: 'script', file: m.script };
  if (m.script === '-') return { kind: 'stdin' };
  return m.stdinIsTTY && m.stdoutIsTTY && !m.json ? { kind: 'tui' } : { kind: 'stdin' };
}

/**
 * Returns the chalk colour level for output to a stream: 0 with --no-color; FORCE_COLOR
 * (0-3, or any other value = 1) when set; 0 with NO_COLOR set (non-empty); else 1 on a
 * terminal and 0 otherwise.
 */
export function colorLevel(opts: { noColor?: boolean; isTTY: boolean; env: NodeJS.ProcessEnv }): 0 | 1 | 2 | 3 {
  if (opts.noColor) return 0;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const n = Number(force);
    return Number.isInteger(n) && n >= 0 && n <= 3 ? (n as 0 | 1 | 2 | 3) : 1;
  }
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return 0;
  return opts.isTTY ? 1 : 0;
}
