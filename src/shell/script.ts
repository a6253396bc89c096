// Running many lines (shell layer): a script file, stdin, or `-c 'cmd; cmd'`. Stops at the
// first failure unless keepGoing; an `exit` built-in ends the run with its code; an abort
// (Ctrl-C) ends it with 130. Called by the CLI.
import { EXIT } from '../base/errors.js';
import type { Outcome, RunHooks, Shell } from './runner.js';

/** One command of a script, with the 1-based line it starts on. */
export interface ScriptLine {
  line: number;
  text: string;
}

export interface ScriptOptions {
  keepGoing?: boolean;
  signal?: AbortSignal;
  /** Called with each outcome as soon as it is known (the CLI prints it). */
  onOutcome(o: Outcome, at: ScriptLine): void | Promise<void>;
  /** Called before each line runs (the CLI echoes it when a person is watching). */
  onStart?(at: ScriptLine): void;
  hooks?: Omit<RunHooks, 'signal'>;
}

/**
 * Splits script text into commands: one per line, `;` separating several on a line (outside
 * quotes), `#` comments and blank lines skipped, a trailing `\` joining the next line.
 */
export function splitScript(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    const start = i + 1;
    let row = rows[i] ?? '';
    while (/\\\s*$/.test(row) && i + 1 < rows.length) row = row.replace(/\\\s*$/, ' ') + (rows[++i] ?? '');
    for (const part of splitOutsideQuotes(row)) {
      const t = part.trim();
      if (t && !t.startsWith('#')) out.push({ line: start, text: t });
    }
  }
  return out;
}

// `;` and a `#` comment only count outside single or double quotes.
function splitOutsideQuotes(row: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (quote) {
      if (c === '\\' && i + 1 < row.length) { cur += c + row[++i]!; continue; }
      if (c === quote) quote = null;
      cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ';') {
      parts.push(cur);
      cur = '';
    } else if (c === '#' && (cur.trim() === '' || /\s$/.test(cur))) {
      break;
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Runs the lines in order (an async iterable streams them, e.g. from stdin); resolves with the run's exit code (0, 1, 130, or an `exit` code). */
export async function runScript(shell: Shell, lines: Iterable<ScriptLine> | AsyncIterable<ScriptLine>, opts: ScriptOptions): Promise<number> {
  let code: number = EXIT.ok;
  for await (const at of lines) {
    if (opts.signal?.aborted) return EXIT.interrupted;
    opts.onStart?.(at);
    const o = await shell.run(at.text, { ...opts.hooks, ...(opts.signal ? { signal: opts.signal } : {}) });
    await opts.onOutcome(o, at);
    if (o.exit !== undefined) return o.exit;
    if (!o.ok) {
      if (o.exitCode === EXIT.interrupted || opts.signal?.aborted) return EXIT.interrupted;
      code = EXIT.failed;
      if (!opts.keepGoing) return code;
    }
  }
  return code;
}
