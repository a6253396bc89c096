// The processes table read without loading it (kernel layer): single rows by pid, pages of the
// listing in pid order, counts by state with the context sizes (from the v3 indexes), the live
// names, and the writes of a checkpoint. process-table.ts is its only caller: it decides which
// rows become PCB objects; everything here returns plain rows or plain ProcessInfo objects.
import type { Db, Statement } from '../base/sqlite.js';
import type { ProcessInfo, ProcState } from './types.js';

/** A stored process as the table holds it: pid, its order, and the PCB JSON (no vpid, no turns). */
export interface StoredRow {
  pid: string;
  num: number;
  pcb: string;
}

/** Orders of a listing besides pid: name (a-z), priority (0 first), cpu and tokens (consumed, most first); ties by pid. */
export type ProcessSort = 'pid' | 'name' | 'priority' | 'cpu' | 'tokens';
export const PROCESS_SORTS: readonly ProcessSort[] = ['pid', 'name', 'priority', 'cpu', 'tokens'];
const ORDER: Record<ProcessSort, string> = {
  pid: 'num',
  name: 'name, num',
  priority: "json_extract(pcb, '$.priority'), num",
  cpu: "json_extract(pcb, '$.cpuTime') DESC, num",
  tokens: "json_extract(pcb, '$.tokenBudget.consumed') DESC, num",
};

/** How many processes there are in each state, and the live ones' context sizes (tier L1). */
export interface ProcessCensus {
  total: number;
  byState: Partial<Record<ProcState, number>>;
  /** Sum of currentLength over processes that are not TERMINATED. */
  contextUsed: number;
  /** Sum of maxLength over processes that are not TERMINATED. */
  contextMax: number;
}

export interface ProcessStore {
  row(pid: string): StoredRow | undefined;
  /** Rows in pid order (or by `sort`); live only unless includeTerminated; `limit` 0 or absent = all. */
  rows(opts: { includeTerminated?: boolean; limit?: number; offset?: number; sort?: ProcessSort }): Iterable<StoredRow>;
  /** Number of rows a listing with the same filter has. */
  count(includeTerminated: boolean): number;
  census(): ProcessCensus;
  /** pid and name of every live process (or of every terminated one), from an index. */
  names(terminated: boolean): { pid: string; name: string }[];
  /** The highest pid number stored, 0 when empty. */
  maxNum(): number;
  /** Processes caught THINKING by a restart are RUNNING again (their inference died with the old process); returns how many. */
  wakeThinking(): number;
  insert(pcb: { pid: string; state: string; name: string; owner: string }, num: number, json: string, vpid: Buffer, ctx: Ctx): void;
  update(pcb: { pid: string; state: string; name: string; owner: string }, json: string, ctx: Ctx, turns?: string): void;
}

interface Ctx {
  currentLength: number;
  maxLength: number;
}

/** Prepares the statements over an already migrated database; never fails after that. */
export function createProcessStore(db: Db): ProcessStore {
  const byPid = db.prepare('SELECT pid, num, pcb FROM processes WHERE pid = ?');
  // one statement per order and filter, made on first use (the ORDER BY clauses are the fixed table above)
  const pages = new Map<string, Statement>();
  const page = (all: boolean, sort: ProcessSort): Statement => {
    const key = `${all}:${sort}`;
    let st = pages.get(key);
    if (!st) {
      st = db.prepare(`SELECT pid, num, pcb FROM processes ${all ? '' : "WHERE state != 'TERMINATED'"} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`);
      pages.set(key, st);
    }
    return st;
  };
  const countLive = db.prepare("SELECT count(*) AS n FROM processes WHERE state != 'TERMINATED'");
  const countAll = db.prepare('SELECT count(*) AS n FROM processes');
  const census = db.prepare('SELECT state, count(*) AS n, sum(ctx_used) AS used, sum(ctx_max) AS cap FROM processes GROUP BY state');
  const liveNames = db.prepare("SELECT pid, name FROM processes WHERE state != 'TERMINATED'");
  const deadNames = db.prepare("SELECT pid, name FROM processes WHERE state = 'TERMINATED'");
  const maxNum = db.prepare('SELECT max(num) AS n FROM processes');
  const wake = db.prepare("UPDATE processes SET state = 'RUNNING', pcb = json_set(pcb, '$.state', 'RUNNING') WHERE state = 'THINKING'");
  const insert = db.prepare('INSERT INTO processes(pid, num, state, name, owner, pcb, vpid, context, ctx_used, ctx_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE processes SET state = ?, name = ?, owner = ?, pcb = ?, ctx_used = ?, ctx_max = ? WHERE pid = ?');
  const updateTurns = db.prepare('UPDATE processes SET state = ?, name = ?, owner = ?, pcb = ?, ctx_used = ?, ctx_max = ?, context = ? WHERE pid = ?');
  const n = (r: unknown): number => Number((r as { n: number | null } | undefined)?.n ?? 0);
  return {
    row: (pid) => byPid.get(pid) as StoredRow | undefined,
    rows({ includeTerminated = false, limit = 0, offset = 0, sort = 'pid' }) {
      return page(includeTerminated, sort).iterate(limit > 0 ? limit : -1, offset) as Iterable<StoredRow>;
    },
    count: (all) => n((all ? countAll : countLive).get()),
    census() {
      const out: ProcessCensus = { total: 0, byState: {}, contextUsed: 0, contextMax: 0 };
      for (const r of census.all() as { state: ProcState; n: number; used: number | null; cap: number | null }[]) {
        out.total += r.n;
        out.byState[r.state] = r.n;
        if (r.state === 'TERMINATED') continue;
        out.contextUsed += r.used ?? 0;
        out.contextMax += r.cap ?? 0;
      }
      return out;
    },
    names: (terminated) => (terminated ? deadNames : liveNames).all() as { pid: string; name: string }[],
    maxNum: () => n(maxNum.get()),
    wakeThinking: () => wake.run().changes,
    insert(p, num, json, vpid, ctx) {
      insert.run(p.pid, num, p.state, p.name, p.owner, json, vpid, '[]', ctx.currentLength, ctx.maxLength);
    },
    update(p, json, ctx, turns) {
      if (turns === undefined) update.run(p.state, p.name, p.owner, json, ctx.currentLength, ctx.maxLength, p.pid);
      else updateTurns.run(p.state, p.name, p.owner, json, ctx.currentLength, ctx.maxLength, turns, p.pid);
    },
  };
}

/**
 * A stored row as users see it (proc.ps), without making a PCB: the stored JSON already has the
 * ProcessInfo shape. A kernel that just started holds no inference slot, and older homes stored
 * never-measured memoryMB/diskMB: resources always read { gpuUnits: 0 } here.
 */
export function infoFromRow(row: StoredRow): ProcessInfo {
  const info = JSON.parse(row.pcb) as ProcessInfo;
  info.resources = { gpuUnits: 0 };
  return info;
}
