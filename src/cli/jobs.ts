// The jobs behind the command line (cli layer): the default run (REPL, -c, script, stdin),
// the `mount`, `build`, `top` and `doctor` subcommands, and the pieces they share — settings from
// flags, colour, and a lazily booted shell session. Called by main.ts only.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { EXIT, NlshError } from '../base/errors.js';
import { NO_PAINT, formatPlain, type Paint } from '../shell/format-plain.js';
import { visible } from '../shell/safe-text.js';
import { historyPath, openHistory } from '../shell/history.js';
import { colorLevel, decideMode } from './mode.js';
import { splitScript } from '../shell/script.js';
import { interruptOnSigint, printOutcome, progressLine, runLines, streamLines, type OutStream } from './run-lines.js';
import { resolveSettings, type SettingFlags, type Settings } from './settings.js';
import { createSession, type CliSession } from './session.js';
import { waitForAgents } from './wait-agents.js';
import type { NoticeFeed } from '../tui/notice-feed.js';

/** The streams and environment of a run (process's own by default). */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
}

/** The program-wide options, as commander parses them. */
export interface GlobalOpts {
  command?: string;
  home?: string;
  json?: boolean;
  embedder?: string;
  model?: string;
  ollamaHost?: string;
  yes?: boolean;
  keepGoing?: boolean;
  dryRun?: boolean;
  color?: boolean;
  /** false (--no-wait): leave at once, abandoning agent work still in flight. */
  wait?: boolean;
}

/** The settings given as flags. */
export function flagsOf(o: GlobalOpts): SettingFlags {
  return {
    ...(o.home !== undefined ? { home: o.home } : {}),
    ...(o.embedder !== undefined ? { embedder: o.embedder } : {}),
    ...(o.model !== undefined ? { model: o.model } : {}),
    ...(o.ollamaHost !== undefined ? { ollamaHost: o.ollamaHost } : {}),
  };
}

async function paintFor(stream: OutStream, o: GlobalOpts, env: NodeJS.ProcessEnv): Promise<Paint> {
  const level = colorLevel({ noColor: o.color === false, isTTY: stream.isTTY === true, env });
  if (level === 0) return NO_PAINT;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level });
  return { dim: c.dim, bold: c.bold, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan };
}

async function openSession(settings: Settings, o: GlobalOpts, io: Io, interactive: boolean, allowedRoots?: string[], history?: () => string[], notices?: NoticeFeed): Promise<CliSession> {
  return createSession({
    settings, interactive, yes: o.yes === true, dryRun: o.dryRun === true, paged: o.json !== true,
    ...(history ? { history } : {}),
    allowedRoots: [process.cwd(), ...settings.allowedRoots, ...(allowedRoots ?? [])],
    onNotice: notices ? (m) => notices.notice(visible(m)) : (m) => io.stderr.write(`nlsh: ${visible(m)}\n`),
    // the first GloVe conversion or an index rebuild can take a while: show it on a terminal
    // (not under Ink, which shows VectorFS's progress as the running line's bar: runner-backend.ts)
    onBootProgress: (done, total, label) => {
      if (!io.stderr.isTTY || notices) return;
      const width = 24;
      const bar = '#'.repeat(Math.round((total > 0 ? Math.min(1, done / total) : 0) * width)).padEnd(width, '.');
      io.stderr.write(done >= total ? '\r\u001b[K' : `\r\u001b[K[${bar}] ${visible(label ?? 'starting')}`.slice(0, (io.stderr.columns ?? 80) - 1));
    },
    config: async (a) => {
      const { runConfig } = await import('./config.js');
      return (await runConfig(String(a.action ?? 'list'), a.key as string | undefined, a.value as string | undefined, flagsOf(o), io.env)).value;
    },
  });
}

/** Runs the REPL, -c, a script or stdin; resolves with the exit code; fails with cli.noScript or config.* errors. */
export async function runDefault(script: string | undefined, o: GlobalOpts, io: Io): Promise<number> {
  const settings = resolveSettings(flagsOf(o), io.env);
  const mode = decideMode({
    ...(o.command !== undefined ? { command: o.command } : {}),
    ...(script !== undefined ? { script } : {}),
    // only when the mode depends on it: touching process.stdin builds a stream that -c never reads
    stdinIsTTY: o.command === undefined && (script === undefined || script === '-') && io.stdin.isTTY === true,
    stdoutIsTTY: io.stdout.isTTY === true,
    json: o.json === true,
  });
  if (mode.kind === 'tui') return runInteractive(settings, o, io);

  let text: string | null = null;
  if (mode.kind === 'command') text = mode.text;
  if (mode.kind === 'script') {
    try {
      text = readFileSync(mode.file, 'utf8');
    } catch (err) {
      throw new NlshError('cli.noScript', `cannot read script ${mode.file}`, { hint: 'give a readable .nl file, or - for stdin', exitCode: EXIT.usage, cause: err });
    }
  }
  const paint = o.json ? NO_PAINT : await paintFor(io.stdout, o, io.env);
  // scripts read the interactive shell's history (the `history` built-in) but never add to it
  const session = await openSession(settings, o, io, false, undefined, () => openHistory(historyPath(settings.home), settings.historySize).entries());
  const sig = interruptOnSigint();
  try {
    const code = await runLines(text !== null ? splitScript(text) : streamLines(io.stdin), {
      session, json: o.json === true, paint, keepGoing: o.keepGoing === true,
      echo: mode.kind === 'script' && io.stdout.isTTY === true && o.json !== true,
      stdout: io.stdout, stderr: io.stderr, signal: sig.signal,
      // errors name where they come from, as compilers do: `tour.nl:12: ...`
      ...(mode.kind === 'script' ? { source: basename(mode.file) } : mode.kind === 'command' ? {} : { source: '<stdin>' }),
    });
    // agent work the lines left in flight is finished (and stored) before the kernel closes
    if (o.wait === false || !session.booted() || sig.signal.aborted) return code;
    const k = await session.kernel();
    const ended = await waitForAgents(k, { stderr: io.stderr, paint: await paintFor(io.stderr, o, io.env), signal: sig.signal });
    return ended === 'abandoned' ? EXIT.interrupted : code;
  } finally {
    sig.dispose();
    // a writer may keep the pipe open after the run stopped (a failure, exit): stop reading it
    if (text === null) (io.stdin as { destroy?: () => void }).destroy?.();
    await session.close();
  }
}

/**
 * Before the first import of Ink and React for a full-screen view. Ink draws only a final
 * frame when it believes it runs under CI (CI or CONTINUOUS_INTEGRATION set, read once at
 * import); we only get here after seeing two terminals, so a CI variable left in an
 * interactive shell must not turn the views off. And React picks its development build unless
 * NODE_ENV says otherwise: that build costs a third more per frame (bench/top.mjs).
 */
function prepareInk(): void {
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in process.env) process.env[key] = 'false';
  process.env.NODE_ENV ??= 'production';
}

async function runInteractive(settings: Settings, o: GlobalOpts, io: Io): Promise<number> {
  prepareInk();
  const [{ runRepl }, { complete, sourceFromKernel }, { createNoticeFeed }] = await Promise.all([
    import('../tui/repl.js'), import('../shell/completion.js'), import('../tui/notice-feed.js'),
  ]);
  const history = openHistory(historyPath(settings.home), settings.historySize);
  // under Ink, notices are notes above the prompt: a line on stderr would shift Ink's frame
  const notices = createNoticeFeed();
  const session = await openSession(settings, o, io, true, undefined, () => history.entries(), notices);
  const source = sourceFromKernel(session.kernel);
  try {
    return await runRepl({
      shell: session.shell,
      kernel: session.kernel,
      user: osUser(io.env),
      history,
      notices,
      complete: (line, cursor) => complete(line, cursor, source),
      format: (out) => {
        const r = formatPlain(out, NO_PAINT);
        return [r.out, r.err].filter(Boolean).join('\n');
      },
      color: colorLevel({ noColor: o.color === false, isTTY: true, env: io.env }) > 0,
      ...(io.stdin === process.stdin ? { stdin: process.stdin } : {}),
      ...(io.stdout === process.stdout ? { stdout: process.stdout } : {}),
    });
  } finally {
    await session.close();
  }
}

/** Runs one syscall (the `mount` and `build` subcommands) and prints its outcome; resolves with the exit code. */
export async function runOneSyscall(o: GlobalOpts, io: Io, input: string, name: 'agent.build' | 'fs.mount', args: Record<string, unknown>, roots?: string[]): Promise<number> {
  const settings = resolveSettings(flagsOf(o), io.env);
  const paint = o.json ? NO_PAINT : await paintFor(io.stdout, o, io.env);
  const session = await openSession(settings, o, io, false, roots);
  const sig = interruptOnSigint();
  const progress = progressLine(io.stderr, paint);
  try {
    const out = await session.shell.runCommand(
      { kind: 'syscall', input, syscall: name, args, layer: 1, confidence: 1 },
      { signal: sig.signal, onProgress: progress.onProgress },
    );
    progress.clear();
    await printOutcome(out, { session, json: o.json === true, paint, keepGoing: false, echo: false, stdout: io.stdout, stderr: io.stderr });
    return out.ok ? EXIT.ok : out.exitCode ?? EXIT.failed;
  } finally {
    progress.clear();
    sig.dispose();
    await session.close();
  }
}

/** `nlsh top`: the live view on a terminal, else one frame (or, with --json, one snapshot). */
export async function runTopCommand(o: GlobalOpts & { once?: boolean; delay?: string }, io: Io): Promise<number> {
  const refreshMs = refreshOf(o.delay);
  const settings = resolveSettings(flagsOf(o), io.env);
  const live = !(o.once || o.json || !io.stdout.isTTY || !io.stdin.isTTY);
  if (live) prepareInk();
  // one frame or one snapshot loads no Ink or React (top-once.ts); only the live view does
  const once = await import('../tui/top-once.js');
  const show = async (source: import('../tui/top-once.js').TopSource, dispatch: (name: string, args: Record<string, unknown>) => Promise<unknown>): Promise<number> => {
    if (!live) {
      if (o.json) io.stdout.write(`${JSON.stringify(once.snapshotOnce(source))}\n`);
      else io.stdout.write(`${once.renderTopOnce(source, { width: io.stdout.columns ?? 100, refreshMs, color: colorLevel({ noColor: o.color === false, isTTY: io.stdout.isTTY === true, env: io.env }) > 0 })}\n`);
      return EXIT.ok;
    }
    return (await import('../tui/top.js')).runTop({ source, dispatch, refreshMs });
  };

  // A home that another nlsh owns is watched read-only: its processes, traffic and tier sizes.
  const { lockHolder } = await import('../kernel/home-lock.js');
  const holder = lockHolder(settings.home);
  if (holder !== null) {
    const { openObserver } = await import('../kernel/observer.js');
    const { sourceFromObserver } = await import('../tui/top/observer-source.js');
    const { systemClock } = await import('../base/clock.js');
    const source = sourceFromObserver(openObserver(settings.home), systemClock);
    const readOnly = async (): Promise<never> => {
      throw new NlshError('sys.readOnly', `watching only: this home belongs to nlsh pid ${holder}`, { hint: 'kill, suspend and renice from that shell' });
    };
    try {
      return await show(source, readOnly);
    } finally {
      source.close();
    }
  }

  const session = await openSession(settings, o, io, false);
  try {
    const k = await session.kernel();
    return await show(once.sourceFromServices(k.services), (name, args) => k.dispatch(name, args));
  } finally {
    await session.close();
  }
}

/** `nlsh doctor`: the checks of doctor.ts, plain or --json; resolves 1 when one failed. */
export async function runDoctorCommand(o: GlobalOpts, io: Io): Promise<number> {
  const settings = resolveSettings(flagsOf(o), io.env);
  const { runDoctor } = await import('./doctor.js');
  return runDoctor({ settings, env: io.env, json: o.json === true, paint: o.json ? NO_PAINT : await paintFor(io.stdout, o, io.env), stdout: io.stdout });
}

/** The refresh period of `top -d <seconds>`; fails as a usage error outside 0.05–3600 s. */
function refreshOf(delay: string | undefined): number {
  if (delay === undefined) return 1000;
  const secs = Number(delay);
  if (!Number.isFinite(secs) || secs < 0.05 || secs > 3600) {
    throw new NlshError('cli.usage', `top -d takes seconds between 0.05 and 3600, got '${delay}'`, { hint: 'nlsh top -d 0.5', exitCode: EXIT.usage });
  }
  return Math.round(secs * 1000);
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username || env.USER || 'user';
  } catch {
    return env.USER || 'user';
  }
}
