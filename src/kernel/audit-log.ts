// The audit log (kernel layer): append-only and hash-chained. Each record's hash is
// HMAC-SHA256(key, previous hash + canonical record) under the key of the anchor kept outside
// the database (audit-anchor.ts), so editing, removing, renumbering, re-hashing or forging a
// record breaks the chain at that point, and the anchored head catches a cut tail or an emptied
// table; verify() names the first broken record. SQLite triggers refuse UPDATE and DELETE on
// the table as well. Used by security.ts; nobody else writes it.
import { createHash, createHmac } from 'node:crypto';
import { isNlshError } from '../base/errors.js';
import type { Db } from '../base/sqlite.js';
import type { AuditRecord } from './types.js';
import { memoryAnchor, openAuditAnchor, type AuditAnchor } from './audit-anchor.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

export interface AuditLog {
  /** Appends a record; in durable mode it is on disk (fsync'd) when this returns. */
  append(rec: AuditInput): AuditRecord;
  /** The newest `limit` records (oldest first), optionally of one principal. */
  records(opts?: { limit?: number; principal?: string }): AuditRecord[];
  /** Recomputes the whole chain; reports the first broken record. */
  verify(): { ok: boolean; records: number; brokenAt?: number; reason?: string };
  /** Writes buffered records (non-durable mode); a no-op in durable mode. */
  flush(): void;
  close(): void;
  readonly durable: boolean;
}

interface Row {
  seq: number; at: number; principal: string; role: string; syscall: string; args: string;
  outcome: string; error_code: string | null; prev_hash: string; hash: string;
}
interface Pending { rec: AuditRecord; argsText: string }

/**
 * Opens the log over the kernel's audit table. durable=false batches appends (up to
 * batchSize records or flushMs) into one transaction: faster, but a crash loses the batch.
 */
export function createAuditLog(db: Db, opts: { durable?: boolean; batchSize?: number; flushMs?: number; anchorDir?: string } = {}): AuditLog {
  const durable = opts.durable ?? true;
  const batchSize = opts.batchSize ?? 512;
  const insert = db.prepare(
    'INSERT INTO audit(seq, at, principal, role, syscall, args, outcome, error_code, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const lastStmt = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const readLast = (): { seq: number; hash: string } => (lastStmt.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
  let last = readLast();
  const anchor: AuditAnchor = opts.anchorDir ? openAuditAnchor(opts.anchorDir, readLast) : memoryAnchor(last);
  let keyedFrom = 1;
  try {
    keyedFrom = anchor.readHead()?.keyedFrom ?? 1;
  } catch {
    // a damaged anchor: every new record is keyed; verify() reports the damage
  }
  /** A record's hash: keyed from the anchor's start on, plain sha256 for records older than the anchor. */
  const hashOf = (r: Omit<AuditRecord, 'hash' | 'args'>, argsText: string): string =>
    r.seq >= keyedFrom ? hmacRecord(anchor.key, r, argsText) : hashRecord(r, argsText);
  const anchorTail = (): void => {
    const t = readLast();
    anchor.advance({ seq: t.seq, hash: t.hash, keyedFrom });
  };
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

  const write = (p: Pending): void => {
    const r = p.rec;
    insert.run(r.seq, r.at, r.principal, r.role, r.syscall, p.argsText, r.outcome, r.errorCode ?? null, r.prevHash, r.hash);
  };
  // Another nlsh on the same home may have appended meanwhile: chain after the real tail.
  const chainAfterTail = (items: Pending[]): void => {
    let tail = readLast();
    for (const p of items) {
      if (p.rec.seq !== tail.seq + 1 || p.rec.prevHash !== tail.hash) {
        p.rec.seq = tail.seq + 1;
        p.rec.prevHash = tail.hash;
        p.rec.hash = hashOf(p.rec, p.argsText);
      }
      tail = { seq: p.rec.seq, hash: p.rec.hash };
    }
  };
  const appendNow = db.transaction((p: Pending) => {
    chainAfterTail([p]);
    write(p);
  });
  const flushBatch = db.transaction((items: Pending[]) => {
    chainAfterTail(items);
    for (const p of items) write(p);
  });

  const log: AuditLog = {
    durable,
    append(input) {
      const args = sanitize(input.args, 0);
      const argsText = canonicalJson(args);
      const rec: AuditRecord = {
        seq: last.seq + 1,
        at: input.at,
        principal: input.principal,
        role: input.role,
        syscall: input.syscall,
        args,
        outcome: input.outcome,
        ...(input.errorCode ? { errorCode: input.errorCode } : {}),
        prevHash: last.hash,
        hash: '',
      };
      rec.hash = hashOf(rec, argsText);
      const p = { rec, argsText };
      if (durable) {
        appendNow.immediate(p);
        anchorTail();
      } else {
        pending.push(p);
        if (pending.length >= batchSize) log.flush();
        else if (!timer) {
          timer = setTimeout(() => log.flush(), opts.flushMs ?? 200);
          timer.unref();
        }
      }
      last = { seq: rec.seq, hash: rec.hash };
      return rec;
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!pending.length) return;
      const items = pending;
      pending = [];
      flushBatch.immediate(items);
      anchorTail();
      const end = items[items.length - 1]!.rec;
      last = { seq: end.seq, hash: end.hash };
    },
    records(q = {}) {
      log.flush();
      const limit = Math.max(1, Math.min(q.limit ?? 50, 100_000));
      const rows = (q.principal
        ? db.prepare('SELECT * FROM audit WHERE principal = ? ORDER BY seq DESC LIMIT ?').all(q.principal, limit)
        : db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?').all(limit)) as Row[];
      return rows.reverse().map(fromRow);
    },
    verify() {
      log.flush();
      let head: { seq: number; hash: string } | undefined;
      try {
        head = anchor.readHead();
      } catch (err) {
        return { ok: false, records: 0, brokenAt: 0, reason: isNlshError(err) ? err.message : String(err) };
      }
      let prev = GENESIS_HASH;
      let expected = 1;
      let n = 0;
      let headHash: string | undefined;
      for (const row of db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<Row>) {
        n++;
        const broken = (reason: string) => ({ ok: false, records: n, brokenAt: row.seq, reason });
        if (row.seq !== expected) return broken(`record ${expected} is missing`);
        if (row.prev_hash !== prev) return broken('its prevHash does not match the previous record');
        const rec = fromRow(row);
        if (hashOf(rec, row.args) !== row.hash) return broken(row.seq >= keyedFrom ? 'its contents do not match its keyed hash (edited, re-hashed or forged)' : 'its contents do not match its hash');
        if (head && row.seq === head.seq) headHash = row.hash;
        prev = row.hash;
        expected++;
      }
      if (!head) {
        return n === 0 ? { ok: true, records: 0 } : { ok: false, records: n, brokenAt: 0, reason: `the anchored head (${anchor.where}/audit.head) is missing` };
      }
      if (n < head.seq) return { ok: false, records: n, brokenAt: n + 1, reason: `records ${n + 1} to ${head.seq} are missing: the anchored head is record ${head.seq}` };
      if (head.seq > 0 && headHash !== head.hash) return { ok: false, records: n, brokenAt: head.seq, reason: 'it does not match the anchored head' };
      return { ok: true, records: n };
    },
    close() {
      log.flush();
    },
  };
  return log;
}

function fromRow(r: Row): AuditRecord {
  return {
    seq: r.seq, at: r.at, principal: r.principal, role: r.role as AuditRecord['role'], syscall: r.syscall,
    args: JSON.parse(r.args) as unknown, outcome: r.outcome as AuditRecord['outcome'],
    ...(r.error_code ? { errorCode: r.error_code } : {}),
    prevHash: r.prev_hash, hash: r.hash,
  };
}

/** sha256 over the previous hash and the record's canonical form. */
export function hashRecord(r: Omit<AuditRecord, 'hash' | 'args'>, argsText: string): string {
  // a fixed-order array is canonical by construction (and cheaper than sorting object keys)
  const head = JSON.stringify([r.seq, r.at, r.principal, r.role, r.syscall, r.outcome, r.errorCode ?? null]);
  return createHash('sha256').update(r.prevHash).update('\n').update(head).update('\n').update(argsText).digest('hex');
}

/** HMAC-SHA256 under the anchor's key over the same fields as hashRecord: only the key's holder can chain a record. */
export function hmacRecord(key: Buffer, r: Omit<AuditRecord, 'hash' | 'args'>, argsText: string): string {
  const head = JSON.stringify([r.seq, r.at, r.principal, r.role, r.syscall, r.outcome, r.errorCode ?? null]);
  return createHmac('sha256', key).update(r.prevHash).update('\n').update(head).update('\n').update(argsText).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

const MAX_STR = 200;
const MAX_ITEMS = 50;

/** Turns anything (cycles, bigints, huge strings) into a small JSON value fit for the log. */
function sanitize(v: unknown, depth: number, seen: Set<object> = new Set()): unknown {
  switch (typeof v) {
    case 'string':
      return v.length > MAX_STR ? `${v.slice(0, MAX_STR)}…(+${v.length - MAX_STR} chars)` : v;
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'boolean':
      return v;
    case 'undefined':
      return null;
    case 'bigint':
      return `${v}n`;
    case 'function':
    case 'symbol':
      return `[${typeof v}]`;
  }
  if (v === null) return null;
  const obj = v as object;
  if (seen.has(obj)) return '[cycle]';
  if (depth >= 6) return '[…]';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const items = obj.slice(0, MAX_ITEMS).map((x) => sanitize(x, depth + 1, seen));
      if (obj.length > MAX_ITEMS) items.push(`…(+${obj.length - MAX_ITEMS} items)`);
      return items;
    }
    const out: Record<string, unknown> = {};
    let i = 0;
    for (const key of Object.keys(obj)) {
      if (i++ >= MAX_ITEMS) break;
      out[key] = sanitize((obj as Record<string, unknown>)[key], depth + 1, seen);
    }
    return out;
  } catch {
    return '[unreadable]';
  } finally {
    seen.delete(obj);
  }
}
