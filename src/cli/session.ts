// One run's shell session (cli layer): a memoized, lazily booted kernel (createKernel from the
// agents layer), the parser over the kernel's embedder, and the runner. Nothing heavy is
// imported until a command needs it: `help` never boots the kernel.
// Called by main.ts (scripts, -c, stdin, the REPL, subcommands).
import type { KernelWithAgents } from '../agents/boot.js';
import type { Settings } from './settings.js';
import { createParser } from '../shell/parse/parser.js';
import { createShell, PLAIN_PAGE_SIZE, type OutcomeSyscall, type Shell } from '../shell/runner.js';

export interface SessionOptions {
  settings: Settings;
  interactive: boolean;
  yes: boolean;
  dryRun: boolean;
  /** Host directories mount/export may touch; default [cwd]. */
  allowedRoots?: string[];
  onNotice?(message: string): void;
  onBootProgress?(done: number, total: number, label?: string): void;
  /** Answers the `config` built-in. */
  config?(args: Record<string, unknown>): Promise<unknown>;
  history?(): string[];
  /** Plain output (not --json): listings such as `ps` show one page (runner.ts PLAIN_PAGE_SIZE). */
  paged?: boolean;
}

export interface CliSession {
  shell: Shell;
  /** The kernel, booted on first call; the same promise every time. */
  kernel(): Promise<KernelWithAgents>;
  /** True once the kernel has been asked for. */
  booted(): boolean;
  /** Closes the kernel if it was booted; safe to call twice. */
  close(): Promise<void>;
}

/** Returns a session; boot failures surface on the first command that needs the kernel. */
export async function createSession(opts: SessionOptions): Promise<CliSession> {
  let kernelP: Promise<KernelWithAgents> | null = null;
  const kernel = (): Promise<KernelWithAgents> => {
    kernelP ??= import('../agents/boot.js').then(({ createKernel }) => createKernel({
      home: opts.settings.home,
      embedder: opts.settings.embedder,
      ...(opts.settings.model ? { model: opts.settings.model } : {}),
      ...(opts.settings.ollamaHost ? { ollamaHost: opts.settings.ollamaHost } : {}),
      allowedRoots: opts.allowedRoots ?? [process.cwd()],
      ...(opts.onNotice ? { onNotice: opts.onNotice } : {}),
      ...(opts.onBootProgress ? { onProgress: opts.onBootProgress } : {}),
    }));
    return kernelP;
  };
  // layer 3 of the parser (the Ollama intent compiler) only when a model is configured
  const llm = opts.settings.model || opts.settings.ollamaHost
    ? (await import('../llm/ollama.js')).createOllamaBackend({
      ...(opts.settings.ollamaHost ? { host: opts.settings.ollamaHost } : {}),
      ...(opts.settings.model ? { model: opts.settings.model } : {}),
    })
    : null;
  const parser = createParser({
    embedder: async () => (await kernel()).services.embedder,
    llm,
    // layer 3 compiles against the kernel's syscall table, fetched when it is first needed
    ...(llm ? { syscalls: async () => (await kernel()).listSyscalls() } : {}),
  });
  const shell = createShell({
    kernel,
    parser,
    interactive: opts.interactive,
    yes: opts.yes,
    dryRun: opts.dryRun,
    ...(opts.paged ? { pageSize: PLAIN_PAGE_SIZE } : {}),
    // --dry-run shows what references resolve to; a confirmation names them after checking them
    resolve: async (s: OutcomeSyscall) => {
      const [k, { resolveForDryRun }] = await Promise.all([kernel(), import('./dry-run.js')]);
      return resolveForDryRun(k, k.session(), s);
    },
    builtins: {
      ...(opts.config ? { config: opts.config } : {}),
      ...(opts.history ? { history: opts.history } : {}),
    },
  });
  let closed = false;
  return {
    shell,
    kernel,
    booted: () => kernelP !== null,
    async close() {
      if (closed || !kernelP) return;
      closed = true;
      const k = await kernelP.catch(() => null);
      await k?.close();
    },
  };
}
