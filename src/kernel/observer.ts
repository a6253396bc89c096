// A read-only view of a home that another nlsh process owns (kernel layer). `nlsh top` uses
// it when the home is locked: it reads the processes (a page of them, and counts by state),
// the message traffic (from the audit log, where every ipc.* call is recorded) and the sizes
// of the memory tiers straight from the database, without taking the lock or writing anything.
import { existsSync } from 'node:fs';
import { NlshError } from '../base/errors.js';
import { databasePath } from '../base/paths.js';
import { openDatabase, type Db } from '../base/sqlite.js';
import { pcbFromJson, type PcbLoaders } from './lazy-pcb.js';
import type { ContextMessage, PCB, ProcState, TierStats } from './types.js';

export interface ObservedCall {
  seq: number;
  at: number;
  principal: string;
  syscall: string;
  args: Record<string, unknown>;
}

export interface KernelObserver {
  /** Every stored process in pid order, terminated ones included; with limit, only the first that many. */
  processes(opts?: { limit?: number }): PCB[];
  /** How many processes are stored, in all and by state (an index scan on a v3 home). */
  counts(): { total: number; byState: Partial<Record<ProcState, number>> };
  /** Tokens charged to all processes so far. */
  tokensConsumed(): number;
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
  const procs = db.prepare('SELECT pid, pcb FROM processes ORDER BY num LIMIT ?');
  const byState = db.prepare('SELECT state, count(*) AS n FROM processes GROUP BY state');
  const consumed = db.prepare("SELECT total(json_extract(pcb, '$.tokenBudget.consumed')) AS n FROM processes");
  const column = (name: string): boolean => db.prepare("SELECT 1 FROM pragma_table_info('processes') WHERE name = ?").get(name) !== undefined;
  const hasContext = column('context');
  // a home of schema v3 keeps the context sizes as columns: tier L1 is summed over an index, not over every PCB's JSON
  const l1 = column('ctx_used') ? db.prepare("SELECT total(ctx_used) AS used, total(ctx_max) AS cap FROM processes WHERE state != 'TERMINATED'") : undefined;
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
    processes: (opts = {}) =>
      (procs.all(opts.limit && opts.limit > 0 ? opts.limit : -1) as { pid: string; pcb: string }[]).map((r) => pcbFromJson(r.pcb, loaders)),
    counts() {
      const out = { total: 0, byState: {} as Partial<Record<ProcState, number>> };
      for (const r of byState.all() as { state: ProcState; n: number }[]) {
        out.total += r.n;
        out.byState[r.state] = r.n;
      }
      return out;
    },
    tokensConsumed: () => scalar(consumed),
    messagesSince: (afterSeq, limit = 500) =>
      (calls.all(afterSeq, ...IPC_CALLS, limit) as { seq: number; at: number; principal: string; syscall: string; args: string }[]).map((r) => ({
        seq: r.seq,
        at: r.at,
        principal: r.principal,
        syscall: r.syscall,
        args: parseArgs(r.args),
      })),
    lastSeq: () => count('SELECT max(seq) AS n FROM audit'),
    tiers: () => observedTiers(db, tables, count, l1 ? (l1.get() as { used: number; cap: number }) : undefined),
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

function scalar(st: { get(): unknown }): number {
  return Number((st.get() as { n: number | null } | undefined)?.n ?? 0);
}

function observedTiers(db: Db, t: { pages: boolean; cache: boolean; chunks: boolean }, count: (sql: string) => number, l1?: { used: number; cap: number }): TierStats[] {
  let used = l1?.used ?? 0;
  let cap = l1?.cap ?? 0;
  // an older home: the sizes are in each PCB's JSON
  for (const { pcb } of l1 ? [] : (db.prepare('SELECT pcb FROM processes').all() as { pcb: string }[])) {
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
