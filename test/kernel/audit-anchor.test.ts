// The audit chain anchored outside the database: each kind of tampering by someone who can
// edit nlsh.db (but not the owner's audit.key / audit.head) is detected, one test per kind,
// and legitimate use — reopening, two writers on one home, a home from before anchors — passes.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/base/sqlite.js';
import { createAuditLog, GENESIS_HASH, hashRecord, type AuditLog } from '../../src/kernel/audit-log.js';
import { migrateKernel } from '../../src/kernel/kernel-store.js';

const rec = (i: number) => ({ at: 1000 + i, principal: 'alice', role: 'user' as const, syscall: 'proc.ps', args: { i }, outcome: 'ok' as const });

let home: string;
let db: Db;
let log: AuditLog;
const open = (): AuditLog => {
  db = openDatabase({ file: join(home, 'nlsh.db') });
  migrateKernel(db);
  return createAuditLog(db, { anchorDir: home });
};
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nlsh-audit-'));
  log = open();
  for (let i = 1; i <= 6; i++) log.append(rec(i));
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete'); // the attacker's first step
});
afterEach(() => {
  db.close();
  rmSync(home, { recursive: true, force: true });
});

interface Row { seq: number; at: number; principal: string; role: string; syscall: string; args: string; outcome: string; error_code: string | null }

/** What an attacker without the key does after changing rows: recompute every hash with the public recipe. */
function rechainPlain(): void {
  let prev = GENESIS_HASH;
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[];
  const set = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    const hash = hashRecord({ seq: r.seq, at: r.at, principal: r.principal, role: r.role as 'user', syscall: r.syscall, outcome: r.outcome as 'ok', prevHash: prev }, r.args);
    set.run(prev, hash, r.seq);
    prev = hash;
  }
}

describe('audit chain anchored outside the database', () => {
  it('an untouched log verifies, also after reopening, and the key is readable by its owner only', () => {
    expect(log.verify()).toEqual({ ok: true, records: 6 });
    db.close();
    log = open();
    log.append(rec(7));
    expect(log.verify()).toEqual({ ok: true, records: 7 });
    expect(statSync(join(home, 'audit.key')).mode & 0o777).toBe(0o600);
  });

  it('a key made readable by others is made private again on open', () => {
    chmodSync(join(home, 'audit.key'), 0o644);
    db.close();
    log = open();
    expect(statSync(join(home, 'audit.key')).mode & 0o777).toBe(0o600);
  });

  it('detects deleting every record', () => {
    db.exec('DELETE FROM audit');
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/records 1 to 6 are missing/) });
  });

  it('detects an edit that is re-hashed into a consistent plain chain', () => {
    db.prepare("UPDATE audit SET principal = 'mallory' WHERE seq = 3").run();
    rechainPlain();
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/keyed hash/) });
  });

  it('detects deleting a record and renumbering the rest', () => {
    db.exec('DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3');
    rechainPlain();
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('detects deleting a record and renumbering without re-hashing, at the first renumbered record', () => {
    db.exec('DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3');
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects a forged record appended with a correct plain hash', () => {
    const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const forged = { seq: last.seq + 1, at: 2000, principal: 'root', role: 'root' as const, syscall: 'fs.rm', outcome: 'ok' as const, prevHash: last.hash };
    db.prepare('INSERT INTO audit(seq, at, principal, role, syscall, args, outcome, error_code, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)')
      .run(forged.seq, forged.at, forged.principal, forged.role, forged.syscall, '{}', forged.outcome, forged.prevHash, hashRecord(forged, '{}'));
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 7, reason: expect.stringMatching(/forged/) });
  });

  it('detects cutting the tail', () => {
    db.exec('DELETE FROM audit WHERE seq > 4');
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringMatching(/records 5 to 6 are missing/) });
  });

  it('detects an edited or deleted head file', () => {
    const file = join(home, 'audit.head');
    const head = JSON.parse(readFileSync(file, 'utf8')) as { seq: number };
    writeFileSync(file, JSON.stringify({ ...head, seq: 4 }));
    expect(log.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/valid MAC/) });
    unlinkSync(file);
    expect(log.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/head .* is missing/) });
    log.append(rec(8)); // appending does not quietly re-create a missing head
    expect(log.verify().ok).toBe(false);
  });

  it('a home whose records predate the anchor (a plain sha256 chain) keeps them verifiable and anchors from there on', () => {
    rechainPlain(); // what an nlsh from before anchors wrote
    db.close();
    unlinkSync(join(home, 'audit.key'));
    unlinkSync(join(home, 'audit.head'));
    log = open();
    log.append(rec(7));
    expect(log.verify()).toEqual({ ok: true, records: 7 });
    db.exec('DELETE FROM audit WHERE seq = 7');
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 7 });
  });
});
