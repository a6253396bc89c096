// Adapts the shell runner (src/shell/runner.ts) and the kernel to the ReplBackend the Ink REPL
// renders against (tui layer): the prompt's cwd from the kernel session, agent output from
// kernel events, and the "which one did you mean?" question when `cd "..."` finds two close
// directories. Called by repl.tsx.
import type { KernelServices } from '../kernel/services.js';
import type { Session } from '../kernel/types.js';
import type { Outcome, Shell } from '../shell/runner.js';
import type { ReplBackend, ReplCompletion, ReplHistory, ReplOutcome, RunHooks } from './repl-backend.js';

/** The part of the kernel the REPL uses: the user's session, events (agent output), and for `top` the services and dispatch. */
export interface ReplKernel {
  session(): Session;
  services: KernelServices;
  dispatch(name: string, args: unknown): Promise<unknown>;
}

export interface RunnerBackendOptions {
  /** The runner, created with `interactive: true` so destructive calls are confirmed. */
  shell: Pick<Shell, 'run'>;
  /** The kernel, booted on first need (the same function the runner was given). */
  kernel: () => Promise<ReplKernel>;
  /** The name shown in the prompt. */
  user: string;
  /** Persistent, capped history (src/shell/history.ts). */
  history: ReplHistory;
  /** Completion of commands, VectorFS paths, pids and names (src/shell/completion.ts). */
  complete(line: string, cursor: number): Promise<ReplCompletion> | ReplCompletion;
  /** Plain text for an outcome (src/shell/format-plain.ts). */
  format(outcome: Outcome): string;
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

/** Quotes a path for the language when it needs it. */
function quotePath(p: string): string {
  return /^[^\s"']+$/.test(p) ? p : `"${p.replace(/(["\\])/g, '\\$1')}"`;
}

/** Returns a ReplBackend over the runner; never fails itself (kernel boot errors show on the first command). */
export function createRunnerBackend(opts: RunnerBackendOptions): ReplBackend {
  let kernel: ReplKernel | null = null;
  const booting = opts.kernel().then(
    (k) => (kernel = k),
    () => null, // the runner reports the boot failure on the first command that needs the kernel
  );
  const cwd = (): string => kernel?.session().cwd ?? '/';

  async function run(line: string, hooks: RunHooks): Promise<ReplOutcome> {
    const before = cwd();
    const o = await opts.shell.run(line, {
      signal: hooks.signal,
      confirm: (q) => hooks.confirm(q),
      onProgress: (p) => hooks.onProgress(p),
      ...(hooks.onUnderstood ? { onUnderstood: hooks.onUnderstood } : {}),
    });
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
    prompt: () => ({ user: opts.user, cwd: cwd() }),
    run,
    complete: async (line, cursor) => opts.complete(line, cursor),
    format: (o) => opts.format(o as Outcome),
    history: opts.history,
    subscribe(listener) {
      let off: (() => void) | null = null;
      let closed = false;
      void booting.then((k) => {
        if (!k || closed || !listener.onOutput) return;
        const on = listener.onOutput;
        off = k.services.events.on('agentOutput', (e) => on(e.pid, e.chunk, e.done));
      });
      return () => {
        closed = true;
        off?.();
      };
    },
  };
}
