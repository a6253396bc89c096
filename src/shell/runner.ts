// The shell runner (shell layer): runs one line of the nlsh language — parse, (dry run: stop
// there), confirmation policy for destructive calls, kernel dispatch with an AbortSignal and a
// progress callback — and returns a structured Outcome. It never throws for expected failures.
// Called by the CLI's script runner (src/cli/) and the TUI's runner backend (src/tui/).
import { EXIT, NlshError, PanicError, toNlshError } from '../base/errors.js';
import type { DispatchOptions } from '../kernel/dispatch.js';
import type { SyscallDef } from '../kernel/syscall.js';
import type { Role, Session } from '../kernel/types.js';
import { renderHelp } from './help.js';
import type { BuiltinCommand, Command } from './types.js';

/** The part of the kernel the shell uses. */
export interface ShellKernel {
  dispatch(name: string, args: unknown, session?: Session, opts?: DispatchOptions): Promise<unknown>;
  session(): Session;
  listSyscalls(): SyscallDef[];
}

/** The part of the parser the shell uses (src/shell/parse/parser.ts). */
export interface ShellParser {
  parse(line: string, opts?: { signal?: AbortSignal }): Promise<Command>;
}

/** The understood call, as shown before it runs: `-> name {args}`. */
export interface OutcomeSyscall {
  name: string;
  args: Record<string, unknown>;
}

/** The JSON contract's error object. */
export interface OutcomeError {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/** What one line did; the JSON contract's object plus hints for the interactive shell. */
export interface Outcome {
  input: string;
  ok: boolean;
  syscall?: OutcomeSyscall;
  /** Set when the line was a shell built-in (help, exit, history, ...), not a syscall. */
  builtin?: string;
  result?: unknown;
  error?: OutcomeError;
  /** True when --dry-run stopped the line before it was carried out. */
  dryRun?: boolean;
  /** --dry-run: what the call's references resolved to (path, process), by argument name. */
  resolved?: Record<string, string>;
  /** The shell should leave with this code (the `exit` built-in). */
  exit?: number;
  /** The shell should clear the screen (the `clear` built-in). */
  clear?: boolean;
  /** The shell should show a full-screen view (the `top` built-in). */
  fullscreen?: 'top';
  /** Process exit code for a failed line: 1, or 130 when interrupted. */
  exitCode?: number;
  /** Which parser layer understood the line (1 grammar, 2 semantic matcher, 3 model); not in --json. */
  layer?: 1 | 2 | 3;
}

/** What a caller lends to one running line; every hook is optional. */
export interface RunHooks {
  signal?: AbortSignal;
  /** Asks a yes/no question; only the interactive shell provides it. */
  confirm?(question: string): Promise<boolean>;
  onProgress?(p: { task: string; done: number; total: number; label?: string }): void;
  /** The understood call, as soon as it is known (before confirmation or the run). */
  onUnderstood?(syscall: OutcomeSyscall): void;
}

/** Built-ins the runner cannot answer itself (they live in layers above the shell). */
export interface BuiltinHandlers {
  history?(): string[];
  config?(args: Record<string, unknown>): Promise<unknown> | unknown;
}

export interface ShellOptions {
  /** The kernel, booted on first need (so `help`, or a dry run without a resolver, never boots it). */
  kernel: () => Promise<ShellKernel>;
  parser: ShellParser;
  /** Interactive: destructive calls are confirmed through hooks.confirm. */
  interactive?: boolean;
  /** -y: destructive calls run without asking. */
  yes?: boolean;
  /** --dry-run: parse and show each call, carry out nothing. */
  dryRun?: boolean;
  /** Resolves a call's references (paths, processes) without carrying it out; fails like the call would. Used by --dry-run and before a confirmation. */
  resolve?(syscall: OutcomeSyscall): Promise<Record<string, string>>;
  builtins?: BuiltinHandlers;
  /**
   * Plain output: a listing (`ps`) asked for without a limit of its own shows this many rows,
   * and says how many there are (50,000 rows on a terminal help no one, and cost seconds).
   * Unset (--json, the library): every row.
   */
  pageSize?: number;
}

/** The page a plain renderer asks for (session.ts sets it unless --json). */
export const PLAIN_PAGE_SIZE = 1000;
/** Listing syscalls that take `limit` and report `total`. */
const PAGED: ReadonlySet<string> = new Set(['proc.ps']);

export interface Shell {
  /** Runs one line; resolves with its Outcome, never rejects for expected failures (a PanicError still rejects). */
  run(line: string, hooks?: RunHooks): Promise<Outcome>;
  /** Runs an already parsed command (the CLI's `mount` and `build` subcommands); resolves like run(). */
  runCommand(cmd: Command, hooks?: RunHooks): Promise<Outcome>;
  /** The syscall table once the kernel is up, else null. */
  syscalls(): SyscallDef[] | null;
}

/** True when `name` needs confirmation (or -y) before it runs: its descriptor in the kernel's table says destructive. */
export function isDestructive(name: string, defs: readonly SyscallDef[] | null): boolean {
  return defs?.find((d) => d.name === name)?.destructive === true;
}

/** Expensive or destructive calls: carried out only on a confident reading (issue 12). */
export const NEEDS_CONFIDENCE: ReadonlySet<string> = new Set(['agent.build', 'proc.kill', 'fs.rm', 'mem.free', 'proc.merge', 'ipc.broadcast', 'fs.export']);
/** Below this, an English (layer 2) reading is a guess: it may be shown, never carried out for a NEEDS_CONFIDENCE call. */
export const CONFIDENT = 0.8;
/** Calls with no effect beyond reading; a model's (layer 3) reading of anything else is confirmed first. */
export const READ_ONLY: ReadonlySet<string> = new Set([
  'proc.ps', 'proc.wait', 'fs.pwd', 'fs.cd', 'fs.ls', 'fs.tree', 'fs.cat', 'fs.grep', 'fs.grepMeaning', 'fs.find', 'fs.search',
  'mem.stat', 'sys.audit', 'sys.auditVerify',
]);

/** The question asked before a call: its verb and resolved targets, `kill p1 coder-1 (a code-writing agent)?`. */
export function confirmQuestion(s: OutcomeSyscall, resolved: Record<string, string>, layer: 1 | 2 | 3): string {
  const verb = s.name.slice(s.name.indexOf('.') + 1);
  const targets = Object.values(resolved);
  const shown = targets.length > 0 ? targets.join(' -> ') : JSON.stringify(s.args);
  const extra = s.name === 'ipc.broadcast' && typeof s.args.message === 'string' ? ` "${s.args.message.slice(0, 60)}" to every process` : '';
  const model = layer === 3 ? ' (the model read your words as this)' : '';
  return `${verb} ${shown}${extra}?${model}`;
}

/** Renders a call as the shell shows it: `proc.spawn {"description":"..."}`. */
export function describeCall(s: OutcomeSyscall): string {
  return `${s.name} ${JSON.stringify(s.args)}`;
}

/** Returns a Shell over a lazily booted kernel and a parser; never fails itself. */
export function createShell(opts: ShellOptions): Shell {
  let defs: SyscallDef[] | null = null;
  let kernelP: Promise<ShellKernel> | null = null;
  const kernel = (): Promise<ShellKernel> => {
    kernelP ??= opts.kernel().then((k) => {
      defs = k.listSyscalls();
      return k;
    });
    return kernelP;
  };

  /** `help for p3`: the commands that process may use (its tools) and its grants; fails proc.notFound. */
  async function helpFor(ref: string): Promise<string> {
    const k = await kernel();
    const { processes } = await k.dispatch('proc.ps', { long: true }, k.session()) as { processes: { pid: string; name: string; role: Role; permissions: string[]; grants: string[] }[] };
    const want = /^\d+$/.test(ref) ? `p${ref}` : ref;
    const p = processes.find((x) => x.pid === want || x.name === ref);
    if (!p) throw new NlshError('proc.notFound', `no running process ${ref}`, { hint: "'ps' lists the processes" });
    const { mayCall } = await import('../kernel/security.js');
    const creds = { principal: p.pid, role: p.role, permissions: p.permissions };
    return renderHelp(defs, undefined, { who: `${p.pid} (${p.name}, ${p.role})`, may: (name) => mayCall(creds, name), grants: p.grants });
  }

  async function runBuiltin(cmd: BuiltinCommand, base: Outcome): Promise<Outcome> {
    const out: Outcome = { ...base, builtin: cmd.builtin };
    switch (cmd.builtin) {
      case 'help': {
        const topic = typeof cmd.args.topic === 'string' ? cmd.args.topic : typeof cmd.args.command === 'string' ? cmd.args.command : undefined;
        if (typeof cmd.args.for === 'string') return { ...out, ok: true, result: { text: await helpFor(cmd.args.for) } };
        // help never boots the kernel: the table is listed if it is already up, else the static help is enough
        return { ...out, ok: true, result: { text: renderHelp(defs, topic) } };
      }
      case 'exit': {
        const code = typeof cmd.args.code === 'number' ? cmd.args.code : EXIT.ok;
        return { ...out, ok: true, exit: code };
      }
      case 'clear':
        return { ...out, ok: true, clear: true };
      case 'top':
        return { ...out, ok: true, fullscreen: 'top' };
      case 'history': {
        if (!opts.builtins?.history) throw new NlshError('shell.unsupported', 'history is not kept here', { hint: 'history is kept by the interactive shell' });
        const all = opts.builtins.history();
        const limit = typeof cmd.args.limit === 'number' && cmd.args.limit > 0 ? cmd.args.limit : all.length;
        return { ...out, ok: true, result: { entries: all.slice(-limit) } };
      }
      case 'config': {
        if (!opts.builtins?.config) throw new NlshError('shell.unsupported', 'config is not available here', { hint: "run 'nlsh config list' from your terminal" });
        return { ...out, ok: true, result: await opts.builtins.config(cmd.args) };
      }
    }
  }

  async function run(line: string, hooks: RunHooks = {}): Promise<Outcome> {
    const input = line.trim();
    let cmd: Command;
    try {
      throwIfAborted(hooks.signal);
      cmd = await opts.parser.parse(input, hooks.signal ? { signal: hooks.signal } : {});
    } catch (err) {
      return failed({ input, ok: false }, err, hooks);
    }
    return runCommand({ ...cmd, input }, hooks);
  }

  async function runCommand(cmd: Command, hooks: RunHooks = {}): Promise<Outcome> {
    const base: Outcome = { input: cmd.input, ok: false, layer: cmd.layer };
    let syscall: OutcomeSyscall | undefined;
    try {
      throwIfAborted(hooks.signal);
      if (cmd.kind === 'builtin') {
        if (opts.dryRun) return { ...base, builtin: cmd.builtin, ok: true, dryRun: true };
        return await runBuiltin(cmd, base);
      }
      syscall = { name: cmd.syscall, args: cmd.args };
      hooks.onUnderstood?.(syscall);
      if (opts.dryRun) {
        const resolved = opts.resolve ? await opts.resolve(syscall) : {};
        return { ...base, ok: true, syscall, dryRun: true, ...(Object.keys(resolved).length ? { resolved } : {}) };
      }
      const k = await kernel();
      const destructive = isDestructive(syscall.name, defs);
      // expensive (build, export) or destructive: only on a confident reading; destructive: asked too
      if ((NEEDS_CONFIDENCE.has(syscall.name) || destructive) && cmd.layer === 2 && cmd.confidence < CONFIDENT) {
        const call = describeCall(syscall);
        throw new NlshError('shell.unsure', `not sure enough to carry this out; it reads as ${call}`, {
          hint: `if that is what you meant, type: ${call}`,
          details: { layer: 2, confidence: Number(cmd.confidence.toFixed(3)), suggestions: [call], readings: [syscall] },
        });
      }
      const byModel = cmd.layer === 3 && !READ_ONLY.has(syscall.name);
      if ((destructive || byModel) && !opts.yes) {
        // the target is checked (exists, is one thing) before anyone is asked about it
        const resolved = opts.resolve ? await opts.resolve(syscall) : {};
        if (opts.interactive && hooks.confirm) {
          const yes = await hooks.confirm(confirmQuestion(syscall, resolved, cmd.layer));
          if (!yes) throw new NlshError('shell.cancelled', 'not carried out', { hint: 'you answered no' });
        } else if (byModel && !destructive) {
          throw new NlshError('shell.needsConfirmation', `the model read this as ${describeCall(syscall)}, which has effects; not carried out without confirmation`, {
            hint: 'run with -y (--yes) to let model readings with effects run in scripts, or type the command itself',
          });
        } else {
          throw new NlshError('shell.needsConfirmation', `${syscall.name} is destructive and needs confirmation`, {
            hint: 'run with -y (--yes) to carry out destructive commands in scripts',
          });
        }
      }
      const name = syscall.name;
      const dopts: DispatchOptions = {
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        ...(hooks.onProgress ? { onProgress: (done: number, total: number, label?: string) => hooks.onProgress!({ task: name, done, total, ...(label ? { label } : {}) }) } : {}),
      };
      const paged = opts.pageSize && PAGED.has(name) && syscall.args.limit === undefined ? { ...syscall.args, limit: opts.pageSize } : syscall.args;
      const result = await k.dispatch(name, paged, k.session(), dopts);
      return { ...base, ok: true, syscall, result };
    } catch (err) {
      return failed({ ...base, ...(syscall ? { syscall } : {}) }, err, hooks);
    }
  }

  return { run, runCommand, syscalls: () => defs };
}

// The failed outcome for err; a PanicError (our bug) is rethrown, never turned into output.
function failed(base: Outcome, err: unknown, hooks: RunHooks): Outcome {
  if (err instanceof PanicError) throw err;
  const interrupted = hooks.signal?.aborted === true;
  const e = err instanceof NlshError ? err
    : interrupted ? new NlshError('shell.interrupted', 'interrupted', { exitCode: EXIT.interrupted })
      : toNlshError(err);
  return { ...base, ok: false, error: e.toJSON(), exitCode: interrupted ? EXIT.interrupted : EXIT.failed };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new NlshError('shell.interrupted', 'interrupted', { exitCode: EXIT.interrupted });
}
