// Kernel composition (kernel layer): opens the one database under the home directory and wires
// the services — embedder (+ L3 cache), model backend, scheduler, process table, resources,
// security, VectorFS, message bus, memory — and the syscall table behind one dispatch().
// Called by src/agents/boot.ts (which adds the agent runtime) and by tests; library users
// get it through createKernel in src/index.ts.
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { systemClock, type Clock } from '../base/clock.js';
import { Emitter } from '../base/emitter.js';
import { NlshError } from '../base/errors.js';
import { databasePath, resolveCacheDir, resolveHome } from '../base/paths.js';
import { openDatabase, type Db } from '../base/sqlite.js';
import { createEmbeddingCache } from '../embed/cache.js';
import { openEmbedder } from '../embed/index.js';
import type { Embedder, EmbedderKind } from '../embed/types.js';
import type { ModelBackend } from '../llm/types.js';
import { openVectorFS } from '../vfs/vectorfs.js';
import type { VectorFS } from '../vfs/types.js';
import { createBus } from './bus.js';
import { createDispatcher, type DispatchOptions } from './dispatch.js';
import { acquireHomeLock, type HomeLock } from './home-lock.js';
import { migrateKernel } from './kernel-store.js';
import { infer } from './inference.js';
import { createMemory } from './memory.js';
import { createProcessTable } from './process-table.js';
import { createResources } from './resources.js';
import { createScheduler, withRunQueueLoader } from './scheduler.js';
import { createSecurity } from './security.js';
import type { KernelServices, SchedulerPolicy } from './services.js';
import { resolveRefs } from './resolve-refs.js';
import { validateArgs } from './schema.js';
import type { ResolvedRef, SyscallDef } from './syscall.js';
import { KERNEL_SYSCALLS, type KnownResults, type SyscallArgs } from './syscall-list.js';
import { createSyscallTable, type SyscallTable } from './syscall-table.js';
import type { KernelEvents, PCB, Role, Session } from './types.js';

export interface BootOptions {
  /** Where all state lives; default resolveHome() (--home, NLSH_HOME, XDG data dir). */
  home?: string;
  /** A throwaway ':memory:' database (tests). */
  inMemory?: boolean;
  /** Embedder kind or a ready embedder; default 'glove'. */
  embedder?: EmbedderKind | Embedder;
  /** Chat model for agents; giving it (or an Ollama host) enables the model backend. */
  model?: string;
  ollamaHost?: string;
  clock?: Clock;
  /** The person at the shell; default the OS user name. */
  user?: string;
  role?: Role;
  /** Host directories mount/export may touch; default [process.cwd()]. */
  allowedRoots?: string[];
  gpuUnits?: number;
  schedulerPolicy?: SchedulerPolicy;
  /** Tokens in one scheduler quantum (default 1024). */
  quantumTokens?: number;
  /** false batches audit writes (benchmarks only: a crash may lose the last batch). */
  durableAudit?: boolean;
  /** Progress of slow boot work (first GloVe conversion, index rebuild). */
  onProgress?: (done: number, total: number, label?: string) => void;
  /** One-line notices from boot (e.g. re-embedding after an embedder switch). */
  onNotice?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

export type { KnownResults };
export type ResultOf<N extends string> = N extends keyof KnownResults ? KnownResults[N] : unknown;

export interface Kernel {
  services: KernelServices;
  /** Runs one syscall as `session` (default: the user's session); rejects with an NlshError. */
  dispatch(name: string, args: unknown, session?: Session, opts?: DispatchOptions): Promise<unknown>;
  /** dispatch() with the argument (and, where known, result) types of the syscall. */
  call<N extends keyof SyscallArgs>(name: N, args: SyscallArgs[N], session?: Session, opts?: DispatchOptions): Promise<ResultOf<N>>;
  /** The default user session (cwd '/'); fs.cd changes its cwd. */
  session(): Session;
  /** A session acting with a process's own credentials (for the agent runtime); fails proc.notFound. */
  sessionOf(pid: string): Session;
  /** Adds syscalls from layers above the kernel (agent.build); a name registered twice panics. */
  register(...defs: SyscallDef[]): void;
  listSyscalls(): SyscallDef[];
  /** The table itself (for toolSpecs and the shell's derived help). */
  readonly table: SyscallTable;
  /**
   * Validates a call and resolves its references as `session` would see them, carrying nothing
   * out (--dry-run); fails like dispatch would before running (sys.unknownSyscall, sys.badArgs,
   * fs.noMatch, proc.notFound, ...). The same resolver dispatch uses.
   */
  resolve(name: string, args: unknown, session?: Session): Promise<ReadonlyMap<string, readonly ResolvedRef[]>>;
  /** Flushes and closes everything; later calls are not allowed. Safe to call twice. */
  close(): Promise<void>;
}

const TICK_MS = 200;

/** Boots a kernel over the home's database (created on first boot); fails with sys.db* / embed.* / vfs errors. */
export async function bootKernel(opts: BootOptions = {}): Promise<Kernel> {
  const env = opts.env ?? process.env;
  const home = resolveHome(opts.home, env);
  let lock: HomeLock | null = null;
  if (!opts.inMemory) {
    mkdirSync(home, { recursive: true });
    lock = acquireHomeLock(home); // one writer per home: pids and the audit chain live in memory
  }
  let db: Db;
  try {
    db = openDatabase({ file: opts.inMemory ? ':memory:' : databasePath(home) });
  } catch (err) {
    lock?.release();
    throw err;
  }
  try {
    lock?.confirm(db); // the lock file may have been deleted under a running owner
  } catch (err) {
    db.close();
    lock?.release();
    throw err;
  }
  const cleanups: (() => unknown)[] = [() => lock?.release(), () => db.close()];
  try {
    return await compose(db, home, opts, env, cleanups);
  } catch (err) {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch {
        // boot already failed; report that failure, not the cleanup's
      }
    }
    throw err;
  }
}

async function compose(db: Db, home: string, opts: BootOptions, env: NodeJS.ProcessEnv, cleanups: (() => unknown)[]): Promise<Kernel> {
  migrateKernel(db);
  const clock = opts.clock ?? systemClock;
  const events = new Emitter<KernelEvents>();
  const progress = (task: string) => (done: number, total: number, label?: string) => {
    opts.onProgress?.(done, total, label);
    events.emit('progress', { task, done, total, ...(label ? { label } : {}) });
  };

  // glove loads lazily, on the first embed (commands that never embed never read its tables);
  // ollama probes its dimension now. A lazy glove has no embedSync when the cache wraps it, so
  // the cache is told glove's vectors are cheaper to recompute than to store (as for eager glove).
  const kind = typeof opts.embedder === 'object' ? opts.embedder.kind : opts.embedder ?? 'glove';
  const inner = typeof opts.embedder === 'object'
    ? opts.embedder
    : await openEmbedder(kind, {
      cacheDir: resolveCacheDir(env),
      ...(opts.ollamaHost ? { ollamaHost: opts.ollamaHost } : {}),
      onProgress: progress('embedder'),
    });
  if (inner.close) cleanups.push(() => inner.close!());
  const embedder = createEmbeddingCache(db, inner, typeof opts.embedder === 'object' ? {} : { persist: kind === 'ollama' });
  cleanups.push(() => embedder.flush());
  // the Ollama client (and the `ollama` package) is imported only when a model or host is configured
  const llm: ModelBackend | null = opts.model || opts.ollamaHost || env.OLLAMA_HOST
    ? (await import('../llm/ollama.js')).createOllamaBackend({ ...(opts.ollamaHost ? { host: opts.ollamaHost } : {}), ...(opts.model ? { model: opts.model } : {}), env })
    : null;

  const runQueue = createScheduler({
    clock, events, ...(opts.schedulerPolicy ? { policy: opts.schedulerPolicy } : {}), ...(opts.quantumTokens ? { quantumTokens: opts.quantumTokens } : {}),
  });
  // the table opens lazily (a command that never touches processes loads none); the first pick loads the live ones
  const procs = createProcessTable({ db, clock, events, embedder, scheduler: runQueue });
  const scheduler = withRunQueueLoader(runQueue, () => procs.loadLive());
  const resources = createResources({ procs, clock, events, ...(opts.gpuUnits !== undefined ? { gpuUnits: opts.gpuUnits } : {}) });
  const security = createSecurity({ db, clock, ownerOf: (p) => procs.get(p)?.owner, durableAudit: opts.durableAudit ?? true, ...(opts.inMemory ? {} : { auditAnchorDir: home }) });
  cleanups.push(() => security.close());
  const vfs: VectorFS = await openVectorFS({
    db, embedder, clock,
    allowedRoots: opts.allowedRoots ?? [process.cwd()],
    ...(opts.inMemory ? {} : { indexDir: home }),
    events: { progress: progress('vfs'), ...(opts.onNotice ? { notice: opts.onNotice } : {}) },
  });
  cleanups.push(() => vfs.close());
  const bus = createBus({ db, clock, events, embedder, procs });
  cleanups.push(() => bus.close());
  // summaries go through the one inference path (services is complete before any summary runs)
  const memory = createMemory({ db, clock, events, embedder, procs, llm, infer: (req) => infer(services, req), vfsStats: () => vfs.stats() });

  const user = opts.user ?? osUser(env);
  const userSession: Session = { creds: { principal: user, role: opts.role ?? 'user', permissions: [] }, cwd: '/' };
  const services: KernelServices = {
    clock, db, home, events, embedder, llm, procs, scheduler, resources, bus, memory, security, vfs,
    defaultSession: () => userSession,
  };
  const table = createSyscallTable();
  table.register(...KERNEL_SYSCALLS);
  const run = createDispatcher({ table, services, security, events, clock });

  const tick = setInterval(() => {
    try {
      bus.tick();
    } catch (err) {
      events.onListenerError(err);
    }
  }, TICK_MS);
  tick.unref();

  let closed = false;
  const dispatch = async (name: string, args: unknown, session?: Session, o?: DispatchOptions): Promise<unknown> => {
    const result = await run(name, args, session ?? userSession, o);
    // the bus writes behind; a message the caller was told is sent must be on disk
    if (typeof name === 'string' && name.startsWith('ipc.')) bus.flush();
    return result;
  };
  return {
    services,
    dispatch,
    call: (name, args, session, o) => dispatch(name, args, session, o) as Promise<never>,
    session: () => userSession,
    sessionOf(pid: string): Session {
      const pcb: PCB | undefined = procs.get(pid);
      if (!pcb) throw new NlshError('proc.notFound', `no process ${pid}`, { hint: "'ps' lists the processes" });
      return { creds: security.credentialsOf(pcb), cwd: '/' };
    },
    register: (...defs) => table.register(...defs),
    listSyscalls: () => table.list(),
    table,
    async resolve(name, args, session) {
      const def = table.lookup(name);
      if (!def) throw new NlshError('sys.unknownSyscall', `there is no syscall '${name.slice(0, 100)}'`, { hint: "'help' lists the syscalls" });
      const s = session ?? userSession;
      return (await resolveRefs(def, validateArgs(def.name, def.args, args) as Record<string, unknown>, services, s)).all;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(tick);
      for (const c of cleanups.reverse()) await c();
    },
  };
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username || env.USER || 'user';
  } catch {
    return env.USER || 'user';
  }
}
