// The audit log's anchor outside the database (kernel layer). Someone who can edit nlsh.db
// could rewrite the whole hash chain, cut its tail or delete it: a chain kept only in the
// database proves nothing against that. The anchor is two files in the home directory:
//   audit.key   32 random bytes, mode 0600: records are MACed with HMAC-SHA256 under it, so
//               a record cannot be forged, edited, renumbered or re-hashed without the key;
//   audit.head  {seq, hash, keyedFrom, mac}: the newest record's number and hash, rewritten
//               after each commit, so a cut tail or an emptied table no longer matches it.
// Records written before a home had an anchor (keyedFrom) keep their plain sha256 chain.
// An attacker who can also write the owner's anchor files is not detected (see docs/kernel.md).
// Used by audit-log.ts; opened by kernel.ts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NlshError } from '../base/errors.js';

/** The newest anchored record, and the first record number MACed with the key. */
export interface AuditHead {
  seq: number;
  hash: string;
  keyedFrom: number;
}

export interface AuditAnchor {
  /** The HMAC key records are chained with. */
  readonly key: Buffer;
  /** The anchored head; undefined when none was written yet; fails sys.auditAnchor when it is unreadable or its MAC is wrong. */
  readHead(): AuditHead | undefined;
  /** Records a newer head; an older one than what is stored (another nlsh raced ahead) is ignored. */
  advance(head: AuditHead): void;
  /** Where the anchor lives ('memory' for an in-memory kernel). */
  readonly where: string;
}

const KEY_FILE = 'audit.key';
const HEAD_FILE = 'audit.head';
/** Size of the head record on disk: well under one 512-byte sector, so it is written whole. */
const HEAD_BYTES = 384;

function headMac(key: Buffer, h: AuditHead): string {
  return createHmac('sha256', key).update(`audit.head\n${h.seq}\n${h.hash}\n${h.keyedFrom}`).digest('hex');
}

/** Reads the home's key, creating it (0600) on first use; a key others can read is made private again. */
function loadKey(file: string): { key: Buffer; created: boolean } {
  try {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
    return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length < 32) {
    throw new NlshError('sys.auditAnchor', `the audit key ${file} is damaged`, {
      hint: 'restore it from a backup; without it the audit chain cannot be verified',
    });
  }
  return { key, created: false };
}

/** Opens (or creates) the anchor in dir; `tail` is the database's newest record, anchored when the key is new. */
export function openAuditAnchor(dir: string, tail: () => { seq: number; hash: string }): AuditAnchor {
  const headFile = join(dir, HEAD_FILE);
  const { key, created } = loadKey(join(dir, KEY_FILE));
  // Overwritten in place as one fixed-size record (a sector): no rename, which on ext4 would
  // flush like an fsync on every commit and double the cost of a durable audit append.
  const write = (h: AuditHead): void => {
    const text = JSON.stringify({ ...h, mac: headMac(key, h) }).padEnd(HEAD_BYTES - 1) + '\n';
    try {
      writeFileSync(headFile, text, { flag: 'r+' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      writeFileSync(headFile, text, { mode: 0o600 });
    }
  };
  const anchor: AuditAnchor = {
    key,
    where: dir,
    readHead() {
      let text: string;
      try {
        text = readFileSync(headFile, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      let h: AuditHead & { mac?: unknown };
      try {
        h = JSON.parse(text) as AuditHead & { mac?: unknown };
      } catch {
        throw new NlshError('sys.auditAnchor', `the audit head ${headFile} is unreadable`, { hint: 'the anchor file was damaged or edited' });
      }
      const want = Buffer.from(headMac(key, { seq: h.seq, hash: h.hash, keyedFrom: h.keyedFrom }), 'hex');
      const got = Buffer.from(typeof h.mac === 'string' ? h.mac : '', 'hex');
      if (got.length !== want.length || !timingSafeEqual(got, want)) {
        throw new NlshError('sys.auditAnchor', `the audit head ${headFile} does not carry a valid MAC`, { hint: 'the anchor file was edited' });
      }
      return { seq: h.seq, hash: h.hash, keyedFrom: h.keyedFrom };
    },
    advance(h) {
      let cur: AuditHead | undefined;
      try {
        cur = anchor.readHead();
      } catch {
        return; // a damaged anchor stays damaged: audit verify reports it
      }
      // A missing head stays missing (rewriting it would bless a cut tail); a stale write loses to a newer one.
      if (!cur || cur.seq >= h.seq) return;
      write({ seq: h.seq, hash: h.hash, keyedFrom: cur.keyedFrom });
    },
  };
  // A fresh home, or one from before anchors (or whose owner removed both files to re-anchor):
  // the records so far keep their plain chain, and the head starts at the current tail.
  if (created) {
    const t = tail();
    write({ seq: t.seq, hash: t.hash, keyedFrom: t.seq + 1 });
  }
  return anchor;
}

/** An anchor held in memory (in-memory kernels and tests): the same checks, nothing on disk; records already in the database keep their plain chain. */
export function memoryAnchor(tail: { seq: number; hash: string }): AuditAnchor {
  const key = randomBytes(32);
  let head: AuditHead = { seq: tail.seq, hash: tail.hash, keyedFrom: tail.seq + 1 };
  return {
    key,
    where: 'memory',
    readHead: () => head,
    advance(h) {
      if (h.seq > head.seq) head = { seq: h.seq, hash: h.hash, keyedFrom: head.keyedFrom };
    },
  };
}
