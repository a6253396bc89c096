// A read-only view of a home that another nlsh process owns (kernel layer). `nlsh top` uses
// it when the home is locked: it reads the processes, the message traffic (from the audit
// log, where every ipc.* call is recorded) and the sizes of the memory tiers straight from
// the database, without taking the lock or writing anything.
import { existsSync } from 'node:fs';
import { NlshError } from '../base/errors.js';
import { databasePath } from '../base/paths.js';
import { openDatabase, type Db } from '../base/sqlite.js';
import { pcbFromJson, type PcbLoaders } from './lazy-pcb.js';
import type { ContextMessage, PCB, TierStats } from './types.js';

export interface ObservedCall {
  seq: number;
  at: number;
  principal: string;
  syscall: string;
  args: Record<string, unknown>;
}

export interface KernelObserver {
  processes(): PCB[];
  /** ipc.* calls that succeeded after audit record `afterSeq`, oldest first (at most `limit`). */
  messagesSince(afterSeq: number, limit?: number): ObservedCall[];
  /** The last audit sequence number (0 when empty). */
  lastSeq(): number;
  /** Tier sizes that the database holds; hit and miss counters live in the owner's memory and read 0. */
  tiers(): TierStats[];
  close(): void;
}

const IPC_CALLS = ['ipc.send', 'ipc.broadcast', 'ipc.multicast'];

/** Opens home's database read-only; fails sys.noHome when there is none yet. */
export function openObserver(home: string): KernelObserver {
  const file = databasePath(home);
  if (!existsSync(file)) {
    throw new NlshError('sys.noHome', `there is no nlsh database in ${home}`, { hint: 'run nlsh once to create it, or check --home' });
  }
  const db = openDatabase({ file, readonly: true });
  const has = (table: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(table) !== undefined;
  const count = (sql: string): number => {
    const row = db.prepare(sql).get() as { n: number | null } | undefined;
    return row?.n ?? 0;
  };
  const tables = { pages: has('mem_pages'), cache: has('embed_cache'), chunks: has('vfs_chunks') };
  const procs = db.prepare('SELECT pid, pcb FROM processes ORDER BY num');
  const hasContext = db.prepare("SELECT 1 FROM pragma_table_info('processes') WHERE name = 'context'").get() !== undefined;
  const contextRow = hasContext ? db.prepare('SELECT context FROM processes WHERE pid = ?') : undefined;
  const loaders: PcbLoaders = {
    context(pid) {
      const row = contextRow?.get(pid) as { context: string } | undefined;
      return row ? (JSON.parse(row.context) as ContextMessage[]) : [];
    },
    vpid: () => [],
  };
  const calls = db.prepare(
    `SELECT seq, at, principal, syscall, args FROM audit
      WHERE seq > ? AND outcome = 'ok' AND syscall IN (${IPC_CALLS.map(() => '?').join(',')})
      ORDER BY seq LIMIT ?`,
  );
  return {
    // turns load when shown (a home of an older schema has them inline); vpids are never shown
    processes: () =>
      (procs.all() as { pid: string; pcb: string }[]).map((r) => pcbFromJson(r.pcb, loaders)),
    messagesSince: (afterSeq, limit = 500) =>
      (calls.all(afterSeq, ...IPC_CALLS, limit) as { seq: number; at: number; principal: string; syscall: string; args: string }[]).map((r) => ({
        seq: r.seq,
        at: r.at,
        principal: r.principal,
        syscall: r.syscall,
        args: parseArgs(r.args),
      })),
    lastSeq: () => count('SELECT max(seq) AS n FROM audit'),
    tiers: () => observedTiers(db, tables, count),
    close: () => db.close(),
  };
}

function parseArgs(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function observedTiers(db: Db, t: { pages: boolean; cache: boolean; chunks: boolean }, count: (sql: string) => number): TierStats[] {
  let used = 0;
  let cap = 0;
  for (const { pcb } of db.prepare('SELECT pcb FROM processes').all() as { pcb: string }[]) {
    const p = JSON.parse(pcb) as PCB;
    if (p.state === 'TERMINATED') continue;
    used += p.contextWindow.currentLength;
    cap += p.contextWindow.maxLength;
  }
  // The owner's hit/miss/swap counters are in its memory, not the database: marked unknown, not shown as 0.
  const tier = (name: TierStats['tier'], u: number, c: number, unit: string): TierStats => ({ tier: name, used: u, capacity: c, unit, hits: 0, misses: 0, swaps: 0, countersUnknown: true });
  const chunks = t.chunks ? count('SELECT count(*) AS n FROM vfs_chunks') : 0;
  return [
    tier('L1', used, cap, 'tokens'),
    tier('L2', t.pages ? count('SELECT sum(tokens) AS n FROM mem_pages') : 0, 0, 'tokens'),
    tier('L3', t.cache ? count('SELECT count(*) AS n FROM embed_cache') : 0, 0, 'vectors'),
    tier('semanticRAM', chunks, 0, 'vectors'), // the owner's index holds every stored chunk (caught up at boot)
    tier('semanticDisk', chunks, 0, 'vectors'),
  ];
}
