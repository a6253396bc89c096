// The nlsh command-line program (cli layer): flags and subcommands (commander) and the lazy
// loading that keeps `--version`, `-c`, pipes and scripts free of Ink, React and (until a
// command needs it) the kernel and embedder; the jobs themselves are in jobs.ts.
// Called by bin/nlsh with process.argv; tests call main() with their own streams.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, toNlshError } from '../base/errors.js';
import { NO_PAINT, formatPlain } from '../shell/format-plain.js';
import { EXIT_BROKEN_PIPE, onBrokenPipe } from './broken-pipe.js';
import { fastOptions } from './fast-args.js';
import type { GlobalOpts, Io } from './jobs.js';

export type { Io } from './jobs.js';


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

Exit status: 0 ok, 1 a command failed (a script stops unless --keep-going), 2 usage error, 130 interrupted,
141 the reader of stdout went away (| head), quietly, as for a tool killed by SIGPIPE.
See man nlsh (man -l man/nlsh.1) for every command, result shape and variable.`;

/** The process's own streams; stdin is read only when asked for, since touching process.stdin builds a stream (a socket or a file reader) that -c and scripts never use. */
function processIo(): Io {
  return { get stdin() { return process.stdin; }, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Runs the program with argv (node, script, ...args); resolves with the exit code, never rejects for expected failures. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const args = argv.slice(2);
  // the fast path: no commander, no kernel, nothing but package.json
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  // nearly every run goes on to the jobs: read and compile them while commander loads
  const jobs = import('./jobs.js');
  jobs.catch(() => undefined); // a failure surfaces where a job awaits it
  // the common `nlsh [flags] -c '...'` needs no commander (fast-args.ts; commander decides the rest)
  const fast = fastOptions(args);
  if (fast) return runJob(async () => (await jobs).runDefault(undefined, fast, io), io);
  const { Command, CommanderError } = await import('commander');
  let job: (() => Promise<number>) | null = null;
  const program = defineProgram(Command, io, jobs, (j) => { job = j; });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    throw err;
  }
  return job ? runJob(job, io) : EXIT.ok;
}

type Jobs = typeof import('./jobs.js');

/** Returns the commander program (flags, subcommands, help); each action hands its job to setJob instead of running it. */
export function defineProgram(Command: typeof import('commander').Command, io: Io, jobs: Promise<Jobs>, setJob: (job: () => Promise<number>) => void): InstanceType<typeof import('commander').Command> {
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
    .option('--no-wait', 'at the end of a script or -c, do not wait for agents still answering')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EPILOG)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action((script: string | undefined) => {
      setJob(async () => (await jobs).runDefault(script, program.opts<GlobalOpts>(), io));
    });

  program.command('top').description('live view of processes, messages, memory and metrics')
    .option('--once', 'print one frame and exit (with --json: one snapshot)')
    .option('-d, --delay <seconds>', 'refresh every <seconds> (default 1)')
    .action(function (this: InstanceType<typeof Command>) {
      const o = this.optsWithGlobals<GlobalOpts & { once?: boolean; delay?: string }>();
      setJob(async () => (await jobs).runTopCommand(o, io));
    });
  program.command('build').description('architect, coder and reviewer agents build the goal into VectorFS (needs Ollama)')
    .argument('<goal...>', 'what to build')
    .action(function (this: InstanceType<typeof Command>, goal: string[]) {
      const o = this.optsWithGlobals<GlobalOpts>();
      const g = goal.join(' ');
      setJob(async () => (await jobs).runOneSyscall(o, io, `build ${JSON.stringify(g)}`, 'agent.build', { goal: g }));
    });
  program.command('mount').description('import a host directory into VectorFS')
    .argument('<dir>', 'the host directory')
    .option('--at <path>', 'the VectorFS path to mount it at')
    .action(function (this: InstanceType<typeof Command>, dir: string) {
      const o = this.optsWithGlobals<GlobalOpts & { at?: string }>();
      const host = resolve(dir);
      setJob(async () => (await jobs).runOneSyscall(o, io, `mount ${dir}${o.at ? ` at ${o.at}` : ''}`, 'fs.mount', { host, ...(o.at ? { at: o.at } : {}) }, [host]));
    });
  program.command('config').description('settings: get KEY | set KEY VALUE | unset KEY | list | path')
    .argument('<action>', 'get, set, unset, list or path')
    .argument('[key]').argument('[value]')
    .action(function (this: InstanceType<typeof Command>, action: string, key?: string, value?: string) {
      const o = this.optsWithGlobals<GlobalOpts>();
      setJob(async () => {
        const [{ runConfig }, { flagsOf }] = await Promise.all([import('./config.js'), jobs]);
        const a = await runConfig(action, key, value, flagsOf(o), io.env);
        io.stdout.write(o.json ? `${JSON.stringify({ ok: true, result: a.value })}\n` : a.lines.map((l) => `${l}\n`).join(''));
        return EXIT.ok;
      });
    });
  // `nlsh help [topic]`: the language's help (commands, or one in detail); --help is the CLI's
  program.command('help').description("the language's help: every command, or one in detail")
    .argument('[topic...]', 'a command (spawn, grep, ...)')
    .action(function (this: InstanceType<typeof Command>, topic: string[]) {
      const o = this.optsWithGlobals<GlobalOpts>();
      const line = ['help', ...topic].join(' ');
      setJob(async () => (await jobs).runDefault(undefined, { ...o, command: line }, io));
    });
  program.command('doctor').description('check Node, native addons, word vectors, Ollama and its models, and the home; say what to fix')
    .action(function (this: InstanceType<typeof Command>) {
      const o = this.optsWithGlobals<GlobalOpts>();
      setJob(async () => (await jobs).runDoctorCommand(o, io));
    });
  program.command('completion').description('print a completion script')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string) => {
      setJob(async () => {
        const { completionScript } = await import('./completion-scripts.js');
        io.stdout.write(completionScript(shell));
        return EXIT.ok;
      });
    });

  return program;
}

/** Runs one job with the process-level guards (broken pipes, keep-alive); resolves with its exit code, reporting a failure on stderr. */
async function runJob(job: () => Promise<number>, io: Io): Promise<number> {
  // The real stdout/stderr closed early by a reader (`| head`): end quietly like a tool killed by SIGPIPE.
  if (io.stdout === process.stdout) onBrokenPipe(process.stdout, () => process.exit(EXIT_BROKEN_PIPE));
  if (io.stderr === process.stderr) onBrokenPipe(process.stderr, () => undefined);
  // the kernel's own timers are unref'd, so a command that only waits on an event (`wait p1`,
  // an agent's answer) would otherwise let node exit mid-run with status 0
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    return await job();
  } catch (err) {
    const e = toNlshError(err);
    io.stderr.write(`${formatPlain({ input: '', ok: false, error: e.toJSON() }, NO_PAINT).err}\n`);
    return e.exitCode;
  } finally {
    clearInterval(keepAlive);
  }
}

