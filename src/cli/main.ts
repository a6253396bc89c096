// The nlsh command-line program (cli layer): flags and subcommands (commander), the mode
// decision, settings, and the lazy loading that keeps `--version`, `-c`, pipes and scripts
// free of Ink, React and (until a command needs it) the kernel and embedder.
// Called by bin/nlsh with process.argv; tests call main() with their own streams.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { EXIT, NlshError, toNlshError } from '../base/errors.js';
import { NO_PAINT, formatPlain, type Paint } from '../shell/format-plain.js';
import { historyPath, openHistory } from '../shell/history.js';
import { colorLevel, decideMode } from './mode.js';
import type { OutStream } from './run-lines.js';
import { resolveSettings, type SettingFlags, type Settings } from './settings.js';
import type { CliSession } from './session.js';

/** The streams and environment of a run (process's own by default). */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
}

interface GlobalOpts {
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
}

/** The package version, read from package.json next to dist/ (or src/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const EPILOG = `
Examples:
  nlsh                                   interactive shell (when stdin and stdout are terminals)
  nlsh examples/tour.nl                  run a script
  nlsh -c 'mount . at /repo; cd "the kernel scheduler"; ls'
  echo 'ps' | nlsh --json                one JSON line per command
  nlsh top --once                        one frame of the live view

Exit status: 0 ok, 1 a command failed (a script stops unless --keep-going), 2 usage error, 130 interrupted.
See man nlsh (man -l man/nlsh.1) for every command, result shape and variable.`;

/** Runs the program with argv (node, script, ...args); resolves with the exit code, never rejects for expected failures. */
export async function main(argv: string[], io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const args = argv.slice(2);
  // the fast path: no commander, no kernel, nothing but package.json
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const { Command, CommanderError } = await import('commander');
  let job: (() => Promise<number>) | null = null;
  const program = new Command('nlsh');
  program
    .description('nlsh, the natural-language shell of LLMOS: agents as processes, tiered memory, and VectorFS, a file system navigated by meaning.')
    .argument('[script]', "a script of nlsh commands, or '-' for stdin")
    .option('-c, --command <commands>', "run commands ('cmd; cmd') and exit")
    .option('--home <dir>', 'where all state lives (env NLSH_HOME)')
    .option('--json', 'print one JSON object per command')
    .option('--embedder <kind>', 'glove (default), ollama or hash')
    .option('--model <name>', 'Ollama chat model for agents')
    .option('--ollama-host <url>', 'Ollama URL (else OLLAMA_HOST)')
    .option('-y, --yes', 'carry out destructive commands without asking')
    .option('--keep-going', 'do not stop a script at the first failed command')
    .option('--dry-run', 'parse and show each command; carry out nothing')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EPILOG)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action((script: string | undefined) => {
      job = () => runDefault(script, program.opts<GlobalOpts>(), io);
    });

  program.command('top').description('live view of processes, messages, memory and metrics')
    .option('--once', 'print one frame and exit (with --json: one snapshot)')
    .action(function (this: InstanceType<typeof Command>) {
      const o = this.optsWithGlobals<GlobalOpts & { once?: boolean }>();
      job = () => runTopCommand(o, io);
    });
  program.command('build').description('architect, coder and reviewer agents build the goal into VectorFS (needs Ollama)')
    .argument('<goal...>', 'what to build')
    .action(function (this: InstanceType<typeof Command>, goal: string[]) {
      const o = this.optsWithGlobals<GlobalOpts>();
      const g = goal.join(' ');
      job = () => runOneSyscall(o, io, `build ${JSON.stringify(g)}`, 'agent.build', { goal: g });
    });
  program.command('mount').description('import a host directory into VectorFS')
    .argument('<dir>', 'the host directory')
    .option('--at <path>', 'the VectorFS path to mount it at')
    .action(function (this: InstanceType<typeof Command>, dir: string) {
      const o = this.optsWithGlobals<GlobalOpts & { at?: string }>();
      const host = resolve(dir);
      job = () => runOneSyscall(o, io, `mount ${dir}${o.at ? ` at ${o.at}` : ''}`, 'fs.mount', { host, ...(o.at ? { at: o.at } : {}) }, [host]);
    });
  program.command('config').description('settings: get KEY | set KEY VALUE | unset KEY | list | path')
    .argument('<action>', 'get, set, unset, list or path')
    .argument('[key]').argument('[value]')
    .action(function (this: InstanceType<typeof Command>, action: string, key?: string, value?: string) {
      const o = this.optsWithGlobals<GlobalOpts>();
      job = async () => {
        const { runConfig } = await import('./config.js');
        const a = await runConfig(action, key, value, flagsOf(o), io.env);
        io.stdout.write(o.json ? `${JSON.stringify({ ok: true, result: a.value })}\n` : a.lines.map((l) => `${l}\n`).join(''));
        return EXIT.ok;
      };
    });
  program.command('completion').description('print a completion script')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string) => {
      job = async () => {
        const { completionScript } = await import('./completion-scripts.js');
        io.stdout.write(completionScript(shell));
        return EXIT.ok;
      };
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    throw err;
  }
  if (!job) return EXIT.ok;
  // the kernel's own timers are unref'd, so a command that only waits on an event (`wait p1`,
  // an agent's answer) would otherwise let node exit mid-run with status 0
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    return await (job as () => Promise<number>)();
  } catch (err) {
    const e = toNlshError(err);
    io.stderr.write(`${formatPlain({ input: '', ok: false, error: e.toJSON() }, NO_PAINT).err}\n`);
    return e.exitCode;
  } finally {
    clearInterval(keepAlive);
  }
}

function flagsOf(o: GlobalOpts): SettingFlags {
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

async function openSession(settings: Settings, o: GlobalOpts, io: Io, interactive: boolean, allowedRoots?: string[], history?: () => string[]): Promise<CliSession> {
  const { createSession } = await import('./session.js');
  return createSession({
    settings, interactive, yes: o.yes === true, dryRun: o.dryRun === true,
    ...(history ? { history } : {}),
    ...(allowedRoots ? { allowedRoots: [process.cwd(), ...allowedRoots] } : {}),
    onNotice: (m) => io.stderr.write(`nlsh: ${m}\n`),
    // the first GloVe conversion or an index rebuild can take a while: show it on a terminal
    onBootProgress: (done, total, label) => {
      if (!io.stderr.isTTY) return;
      const width = 24;
      const bar = '#'.repeat(Math.round((total > 0 ? Math.min(1, done / total) : 0) * width)).padEnd(width, '.');
      io.stderr.write(done >= total ? '\r\u001b[K' : `\r\u001b[K[${bar}] ${label ?? 'starting'}`.slice(0, (io.stderr.columns ?? 80) - 1));
    },
    config: async (a) => {
      const { runConfig } = await import('./config.js');
      return (await runConfig(String(a.action ?? 'list'), a.key as string | undefined, a.value as string | undefined, flagsOf(o), io.env)).value;
    },
  });
}

async function runDefault(script: string | undefined, o: GlobalOpts, io: Io): Promise<number> {
  const settings = resolveSettings(flagsOf(o), io.env);
  const mode = decideMode({
    ...(o.command !== undefined ? { command: o.command } : {}),
    ...(script !== undefined ? { script } : {}),
    stdinIsTTY: io.stdin.isTTY === true,
    stdoutIsTTY: io.stdout.isTTY === true,
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
  const [{ runLines, streamLines, interruptOnSigint }, { splitScript }] = await Promise.all([import('./run-lines.js'), import('../shell/script.js')]);
  const paint = o.json ? NO_PAINT : await paintFor(io.stdout, o, io.env);
  // scripts read the interactive shell's history (the `history` built-in) but never add to it
  const session = await openSession(settings, o, io, false, undefined, () => openHistory(historyPath(settings.home), settings.historySize).entries());
  const sig = interruptOnSigint();
  try {
    return await runLines(text !== null ? splitScript(text) : streamLines(io.stdin), {
      session, json: o.json === true, paint, keepGoing: o.keepGoing === true,
      echo: mode.kind === 'script' && io.stdout.isTTY === true && o.json !== true,
      stdout: io.stdout, stderr: io.stderr, signal: sig.signal,
    });
  } finally {
    sig.dispose();
    // a writer may keep the pipe open after the run stopped (a failure, exit): stop reading it
    if (text === null) (io.stdin as { destroy?: () => void }).destroy?.();
    await session.close();
  }
}

async function runInteractive(settings: Settings, o: GlobalOpts, io: Io): Promise<number> {
  const [{ runRepl }, { complete, sourceFromKernel }] = await Promise.all([import('../tui/repl.js'), import('../shell/completion.js')]);
  const history = openHistory(historyPath(settings.home), settings.historySize);
  const session = await openSession(settings, o, io, true, undefined, () => history.entries());
  const source = sourceFromKernel(session.kernel);
  try {
    return await runRepl({
      shell: session.shell,
      kernel: session.kernel,
      user: osUser(io.env),
      history,
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

async function runOneSyscall(o: GlobalOpts, io: Io, input: string, name: 'agent.build' | 'fs.mount', args: Record<string, unknown>, roots?: string[]): Promise<number> {
  const settings = resolveSettings(flagsOf(o), io.env);
  const { interruptOnSigint, printOutcome, progressLine } = await import('./run-lines.js');
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

async function runTopCommand(o: GlobalOpts & { once?: boolean }, io: Io): Promise<number> {
  const settings = resolveSettings(flagsOf(o), io.env);
  const session = await openSession(settings, o, io, false);
  try {
    const k = await session.kernel();
    const top = await import('../tui/top.js');
    const source = top.sourceFromServices(k.services);
    if (o.once || o.json || !io.stdout.isTTY || !io.stdin.isTTY) {
      if (o.json) io.stdout.write(`${JSON.stringify(top.snapshotOnce(source))}\n`);
      else io.stdout.write(`${top.renderTopOnce(source, { width: io.stdout.columns ?? 100, color: colorLevel({ noColor: o.color === false, isTTY: io.stdout.isTTY === true, env: io.env }) > 0 })}\n`);
      return EXIT.ok;
    }
    return await top.runTop({ source, dispatch: (name, args) => k.dispatch(name, args) });
  } finally {
    await session.close();
  }
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username || env.USER || 'user';
  } catch {
    return env.USER || 'user';
  }
}
