// Test kit for the kernel core: an in-memory (or file) database with the kernel tables, a
// process table, resources, security, the syscall table with proc.* and sys.*, and dispatch —
// without the other services. The embedder is a small bag-of-words one so that descriptions sharing
// words are near each other (enough to test resolve-by-description without GloVe).
import { dirname } from 'node:path';
import { ManualClock } from '../../src/base/clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { openDatabase, type Db } from '../../src/base/sqlite.js';
import { normalize, type Embedder } from '../../src/embed/types.js';
import { createDispatcher } from '../../src/kernel/dispatch.js';
import { migrateKernel } from '../../src/kernel/kernel-store.js';
import { createProcessTable } from '../../src/kernel/process-table.js';
import { createResources } from '../../src/kernel/resources.js';
import { createSecurity } from '../../src/kernel/security.js';
import type { KernelServices } from '../../src/kernel/services.js';
import { createSyscallTable } from '../../src/kernel/syscall-table.js';
import { procSyscalls } from '../../src/kernel/syscalls/proc.js';
import { sysSyscalls } from '../../src/kernel/syscalls/sys.js';
import type { KernelEvents, Role, Session } from '../../src/kernel/types.js';

export const wordEmbedder: Embedder = {
  id: 'test-words-64', kind: 'hash', dim: 64,
  embedSync(text: string) {
    const v = new Float32Array(64);
    for (const w of text.toLowerCase().split(/[^a-z0-9]+/).filter((x) => x.length > 2)) {
      let h = 2166136261;
      for (const ch of w.slice(0, 5)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
      v[(h >>> 0) % 64]! += 1;
    }
    return normalize(v);
  },
  async embed(texts) {
    return texts.map((t) => this.embedSync!(t));
  },
};

export function makeCore(opts: { db?: Db; file?: string; durableAudit?: boolean; auditAnchorDir?: string } = {}) {
  const db = opts.db ?? openDatabase({ file: opts.file ?? ':memory:' });
  migrateKernel(db);
  const clock = new ManualClock(1_000);
  const events = new Emitter<KernelEvents>();
  const procs = createProcessTable({ db, clock, events, embedder: wordEmbedder });
  const resources = createResources({ procs, clock, events });
  // A file database keeps its audit anchor beside it, as a kernel home does.
  const anchorDir = opts.auditAnchorDir ?? (opts.file ? dirname(opts.file) : undefined);
  const security = createSecurity({ db, clock, ownerOf: (p) => procs.get(p)?.owner, durableAudit: opts.durableAudit ?? true, ...(anchorDir ? { auditAnchorDir: anchorDir } : {}) });
  const table = createSyscallTable();
  table.register(...procSyscalls, ...sysSyscalls);
  const session = (principal = 'alice', role: Role = 'user', permissions: string[] = []): Session => ({ creds: { principal, role, permissions }, cwd: '/' });
  // VectorFS is not part of the core; spawn's workspace directories are recorded instead
  const workspaces: string[] = [];
  const vfs = { mkdir: async (path: string) => { workspaces.push(path); return { path, name: path.split('/').pop(), kind: 'dir' }; } };
  const services = { clock, db, home: '/nonexistent', events, embedder: wordEmbedder, llm: null, procs, resources, security, vfs, defaultSession: () => session() } as unknown as KernelServices;
  const dispatch = createDispatcher({ table, services, security, events, clock });
  const call = (name: string, args: unknown, s: Session = session()) => dispatch(name, args, s);
  return { db, clock, events, procs, resources, security, table, dispatch, call, session, services, workspaces };
}

/** The rejection of p, which must reject. */
export async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; hint?: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}
