// Adapts the shell runner (src/shell/runner.ts) and the kernel to the ReplBackend the Ink REPL
// renders against (tui layer): the prompt's cwd from the kernel session, agent output from
// kernel events, and the "which one did you mean?" question when `cd "..."` finds two close
// directories. Called by repl.tsx.
import { userInfo } from 'node:os';
import { EXIT, NlshError } from '../base/errors.js';
import chalk from 'chalk';
import type { KernelServices } from '../kernel/services.js';
import { complete as completeLine, sourceFromKernel } from '../shell/completion.js';
import { formatPlain, type Paint } from '../shell/format-plain.js';
import { historyPath, openHistory } from '../shell/history.js';
import type { Outcome, Shell, ShellKernel } from '../shell/runner.js';
import { createStreamPrefixer } from './agent-stream.js';
import type { ReplBackend, ReplCompletion, ReplHistory, ReplOutcome, RunHooks } from './repl-backend.js';
import type { NoticeFeed } from './notice-feed.js';

/** An `ask` whose answer already streamed into the view is not printed a second time. */
function askStreamed(o: Outcome, streamed: ReadonlySet<string>): Outcome {
  if (!o.ok || o.syscall?.name !== 'ipc.ask' || typeof o.result !== 'object' || o.result === null) return o;
  const r = o.result as { from?: { pid?: unknown } };
  return typeof r.from?.pid === 'string' && streamed.has(r.from.pid) ? { ...o, result: { ...o.result, streamed: true } } : o;
}

/** The part of the kernel the REPL uses: the user's session, events (agent output), and for `top` the services and dispatch. */
export interface ReplKernel extends ShellKernel {
  services: KernelServices;
}

export interface RunnerBackendOptions {
  /** The runner, created with `interactive: true` so destructive calls are confirmed. */
  shell: Pick<Shell, 'run'>;
  /** The kernel, booted on first need (the same function the runner was given). */
  kernel: () => Promise<ReplKernel>;
  /** The nlsh home; the history file lives there unless `history` is given. */
  home?: string;
  /** The name shown in the prompt; default the kernel session's principal, else the OS user. */
  user?: string;
  /** Persistent, capped history; default openHistory(historyPath(home)) (src/shell/history.ts). */
  history?: ReplHistory;
  /** Completion; default src/shell/completion.ts over the kernel (commands, paths, pids, names). */
  complete?(line: string, cursor: number): Promise<ReplCompletion> | ReplCompletion;
  /** Plain text for an outcome; default formatPlain (src/shell/format-plain.ts) with chalk colours. */
  format?(outcome: Outcome): string;
  /** Notices said outside any command, shown above the prompt instead of on stderr. */
  notices?: NoticeFeed;
}

/** Colours for the plain formatter; chalk decides (and --no-color turns it off). */
export const CHALK_PAINT: Paint = {
  dim: (s) => chalk.dim(s),
  bold: (s) => chalk.bold(s),
  red: (s) => chalk.red(s),
  yellow: (s) => chalk.yellow(s),
  green: (s) => chalk.green(s),
  cyan: (s) => chalk.cyan(s),
};

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'user';
  }
}

interface CdCandidate {
  path: string;
  score?: number;
}

function cdCandidates(o: Outcome): CdCandidate[] {
  if (!o.ok || o.syscall?.name !== 'fs.cd' || typeof o.result !== 'object' || o.result === null) return [];
  const c = (o.result as { candidates?: unknown }).candidates;
  if (!Array.isArray(c)) return [];
  return c.filter((x): x is CdCandidate => typeof x === 'object' && x !== null && typeof (x as CdCandidate).path === 'string');
}

/** The runnable call forms (`proc.kill {"pid":"p3"}`) of the readings an unsure outcome offers. */
function readingsOf(o: Outcome): string[] {
  if (o.ok || o.error?.code !== 'shell.unsure') return [];
  const r = o.error.details?.readings;
  if (!Array.isArray(r)) return [];
  return r
    .filter((x): x is { name: string; args: Record<string, unknown> } => typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string')
    .map((x) => `${x.name} ${JSON.stringify(x.args ?? {})}`)
    .slice(0, 4);
}

/** Quotes a path for the language when it needs it. */
function quotePath(p: string): string {
  return /^[^\s"']+$/.test(p) ? p : `"${p.replace(/(["\\])/g, '\\$1')}"`;
}

/** Returns a ReplBackend over the runner; fails with shell.usage when neither history nor home is given. */
export function createRunnerBackend(opts: RunnerBackendOptions): ReplBackend {
  const history = opts.history ?? (opts.home !== undefined ? openHistory(historyPath(opts.home)) : null);
  if (!history) throw new NlshError('shell.usage', 'the interactive shell needs a home directory for its history', { exitCode: EXIT.usage });
  const source = sourceFromKernel(opts.kernel);
  const complete = opts.complete ?? ((line: string, cursor: number) => completeLine(line, cursor, source));
  const format = opts.format ?? ((o: Outcome) => formatPlain(o, CHALK_PAINT).out);
  let kernel: ReplKernel | null = null;
  const booting = opts.kernel().then(
    (k) => (kernel = k),
    () => null, // the runner reports the boot failure on the first command that needs the kernel
  );
  const cwd = (): string => kernel?.session().cwd ?? '/';

  async function run(line: string, hooks: RunHooks): Promise<ReplOutcome> {
    const before = cwd();
    // Agent output that arrives while the line runs (wait, send, build) streams into it.
    const prefix = createStreamPrefixer();
    let off: (() => void) | undefined;
    let offVfs: (() => void) | undefined;
    let finished = false;
    const streamed = new Set<string>();
    const listen = (k: ReplKernel | null): void => {
      if (!k || finished) return;
      off = k.services.events.on('agentOutput', (e) => {
        if (e.chunk) streamed.add(e.pid);
        hooks.onOutput(prefix(e.pid, e.chunk, e.done));
      });
      // VectorFS's own long work inside the line (the vector index built by a first search)
      // shows as the line's progress bar: under Ink nothing may write to stderr
      offVfs = k.services.events.on('progress', (e) => {
        if (e.task === 'vfs') hooks.onProgress(e);
      });
    };
    // at once when the kernel is up (nothing the line does is missed), else when it is
    if (kernel) listen(kernel);
    else void booting.then(listen);
    let o: Outcome;
    try {
      o = await opts.shell.run(line, {
        signal: hooks.signal,
        confirm: (q) => hooks.confirm(q),
        onProgress: (p) => hooks.onProgress(p),
        ...(hooks.onUnderstood ? { onUnderstood: hooks.onUnderstood } : {}),
      });
    } finally {
      finished = true;
      off?.();
      offVfs?.();
    }
    o = askStreamed(o, streamed);
    // Not sure what the line meant: offer the closest readings; one picked runs as if typed
    // in its call form (so it is confirmed like any other line when it is destructive).
    const readings = readingsOf(o);
    if (readings.length > 0) {
      const pick = await hooks.choose('Not sure what you meant. Did you mean one of these? (Esc: none)', readings);
      if (pick === null) return o;
      const again = await opts.shell.run(readings[pick]!, { signal: hooks.signal, confirm: (q) => hooks.confirm(q), onProgress: (p) => hooks.onProgress(p) });
      return { ...again, input: o.input };
    }
    const cands = cdCandidates(o);
    if (cands.length < 2) return o;
    // The kernel went to the best match; ask, and move if another was meant (or back, for none).
    const pick = await hooks.choose(
      'Two directories match about equally; which did you mean?',
      cands.map((c) => (c.score !== undefined ? `${c.path}  (${c.score})` : c.path)),
    );
    const target = pick === null ? before : cands[pick]!.path;
    if (target === cwd()) return o;
    const again = await opts.shell.run(`cd ${quotePath(target)}`, { signal: hooks.signal });
    return again.ok ? { ...again, input: o.input } : again;
  }

  return {
    prompt: () => ({ user: opts.user ?? kernel?.session().creds.principal ?? osUser(), cwd: cwd() }),
    run,
    complete: async (line, cursor) => complete(line, cursor),
    format: (o) => format(o as Outcome),
    history,
    subscribe(listener) {
      let off: (() => void) | null = null;
      let closed = false;
      const offNotices = listener.onNotice && opts.notices ? opts.notices.subscribe(listener.onNotice) : null;
      void booting.then((k) => {
        if (!k || closed || !listener.onOutput) return;
        const on = listener.onOutput;
        off = k.services.events.on('agentOutput', (e) => on(e.pid, e.chunk, e.done));
      });
      return () => {
        closed = true;
        off?.();
        offNotices?.();
      };
    },
  };
}
