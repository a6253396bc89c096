// Running many lines (shell layer): a script file, stdin, or `-c 'cmd; cmd'`. Stops at the
// first failure unless keepGoing; an `exit` built-in ends the run with its code; an abort
// (Ctrl-C) ends it with 130. Called by the CLI.
import { EXIT } from '../base/errors.js';
import { splitScript as lexSplit } from './parse/lexer.js';
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
 * Splits script text into commands with their 1-based lines: `;` and newlines outside quotes,
 * `#` comments and blank commands dropped, a trailing `\` joining the next line (the parser's
 * lexer rules, so a script splits exactly as the parser reads quotes).
 */
export function splitScript(text: string): ScriptLine[] {
  return lexSplit(text);
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
