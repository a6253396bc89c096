// Non-interactive runs (cli layer): -c text, a script file, or stdin streamed line by line,
// printed as plain text (results to stdout, errors and hints to stderr) or as one JSON line
// per command. Ctrl-C aborts the running command and ends the run with 130. Called by main.ts.
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { EXIT } from '../base/errors.js';
import { formatJson } from '../shell/format-json.js';
import { formatPlain, understoodLine, type Paint } from '../shell/format-plain.js';
import { visible } from '../shell/safe-text.js';
import type { Outcome } from '../shell/runner.js';
import { runScript, splitScript, type ScriptLine } from '../shell/script.js';
import type { CliSession } from './session.js';

/** An output stream, with the TTY facts we look at. */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface LinesOptions {
  session: CliSession;
  json: boolean;
  paint: Paint;
  keepGoing: boolean;
  /** Echo each input (`nlsh> ...`) before its output: a person is watching a script run. */
  echo: boolean;
  stdout: OutStream;
  stderr: OutStream;
  signal?: AbortSignal;
  /** The script's name (or `<stdin>`): a failed line's error starts with `name:line: `. */
  source?: string;
}

const write = (s: OutStream, text: string): void => {
  if (text) s.write(text.endsWith('\n') ? text : `${text}\n`);
};

/** Prints one outcome the way the options ask; `top` in a script prints one frame (or its snapshot with --json). */
export async function printOutcome(o: Outcome, opts: LinesOptions, at?: ScriptLine): Promise<void> {
  if (o.fullscreen === 'top' && o.ok) {
    const [k, top] = await Promise.all([opts.session.kernel(), import('../tui/top-once.js')]); // no Ink for one frame
    const source = top.sourceFromServices(k.services);
    if (opts.json) o = { ...o, result: top.snapshotOnce(source) };
    else o = { ...o, result: { text: top.renderTopOnce(source, { width: opts.stdout.columns ?? 100 }) } };
  }
  if (opts.json) {
    write(opts.stdout, formatJson(o));
    return;
  }
  const understood = understoodLine(o, opts.paint);
  // always show what a plain-English line was taken to mean; canonical commands speak for themselves
  if (understood && !o.dryRun && (opts.echo || (o.layer ?? 1) > 1)) write(opts.echo ? opts.stdout : opts.stderr, understood);
  const r = formatPlain(o, opts.paint);
  write(opts.stdout, r.out);
  // a script's failure says where, as a compiler does: `tour.nl:12: message (code)`
  write(opts.stderr, !o.ok && opts.source && at && r.err ? `${opts.source}:${at.line}: ${r.err.replace(/^nlsh: /, '')}` : r.err);
}

/** A progress line on stderr (terminals only); returns the callback and a function that clears it. */
export function progressLine(stderr: OutStream, paint: Paint): { onProgress(p: { task: string; done: number; total: number; label?: string }): void; clear(): void } {
  let shown = false;
  return {
    onProgress(p) {
      if (!stderr.isTTY) return;
      const width = 24;
      const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      stderr.write(`\r\u001b[K${paint.dim(`[${bar}] ${p.done}/${p.total} ${visible(p.label ?? p.task)}`.slice(0, (stderr.columns ?? 80) - 1))}`);
      shown = true;
    },
    clear() {
      if (shown) stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

/** Runs the lines (an array, or a stream of them); resolves with the exit code of the contract. */
export async function runLines(lines: Iterable<ScriptLine> | AsyncIterable<ScriptLine>, opts: LinesOptions): Promise<number> {
  const progress = progressLine(opts.stderr, opts.paint);
  try {
    return await runScript(opts.session.shell, lines, {
      keepGoing: opts.keepGoing,
      ...(opts.signal ? { signal: opts.signal } : {}),
      hooks: { onProgress: progress.onProgress },
      onStart: (at) => {
        if (opts.echo) write(opts.stdout, opts.paint.bold(`nlsh> ${at.text}`));
      },
      onOutcome: async (o, at) => {
        progress.clear();
        await printOutcome(o, opts, at);
        if (opts.echo) opts.stdout.write('\n');
      },
    });
  } finally {
    progress.clear();
  }
}

/** Streams script lines from a readable (stdin): each line is split (`;`, `\` continuation) as it arrives. */
export async function* streamLines(input: NodeJS.ReadableStream): AsyncGenerator<ScriptLine> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let n = 0;
  let pending = '';
  let startLine = 0;
  try {
    for await (const raw of rl) {
      n++;
      if (!pending) startLine = n;
      if (/\\\s*$/.test(raw)) {
        pending += raw.replace(/\\\s*$/, ' ');
        continue;
      }
      const text = pending + raw;
      pending = '';
      for (const l of splitScript(text)) yield { line: startLine, text: l.text };
    }
    if (pending) for (const l of splitScript(pending)) yield { line: startLine, text: l.text };
  } finally {
    rl.close();
  }
}

/** Sets up Ctrl-C: the first aborts the running command, a second one exits at once with 130. */
export function interruptOnSigint(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const onSig = (): void => {
    if (ac.signal.aborted) process.exit(EXIT.interrupted);
    ac.abort();
  };
  process.on('SIGINT', onSig);
  return { signal: ac.signal, dispose: () => process.off('SIGINT', onSig) };
}
