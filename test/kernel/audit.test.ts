import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAuditLog, GENESIS_HASH } from '../../src/kernel/audit-log.js';
import { makeCore } from './core-kit.js';

const rec = (i: number) => ({ at: i, principal: 'alice', role: 'user' as const, syscall: 'proc.ps', args: { all: i % 2 === 0 }, outcome: 'ok' as const });

describe('audit log', () => {
  it('chains records: each prevHash is the previous hash, starting from the genesis hash', () => {
    const { security } = makeCore();
    for (let i = 0; i < 5; i++) security.audit(rec(i));
    const rs = security.records({ limit: 10 });
    expect(rs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rs[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rs.length; i++) expect(rs[i]!.prevHash).toBe(rs[i - 1]!.hash);
    expect(security.verify()).toEqual({ ok: true, records: 5 });
  });

  it('refuses UPDATE and DELETE on the table', () => {
    const { security, db } = makeCore();
    security.audit(rec(1));
    expect(() => db.prepare("UPDATE audit SET principal = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('verify finds the first tampered record, even when the attacker drops the guard triggers', () => {
    const { security, db } = makeCore();
    for (let i = 0; i < 6; i++) security.audit(rec(i));
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete');
    db.prepare("UPDATE audit SET args = '{\"all\":true,\"x\":1}' WHERE seq = 4").run();
    db.prepare("UPDATE audit SET outcome = 'denied' WHERE seq = 5").run();
    expect(security.verify()).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/hash/) });
  });

  it('verify notices a record removed from the middle', () => {
    const { security, db } = makeCore();
    for (let i = 0; i < 4; i++) security.audit(rec(i));
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit WHERE seq = 2').run();
    expect(security.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: 'record 2 is missing' });
  });

  it('verify notices a record rewritten with a fresh but unchained hash', () => {
    const { security, db } = makeCore();
    for (let i = 0; i < 3; i++) security.audit(rec(i));
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare(`UPDATE audit SET prev_hash = '${'f'.repeat(64)}' WHERE seq = 2`).run();
    expect(security.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/prevHash/) });
  });

  it('keeps big and odd arguments small and JSON-safe', () => {
    const { security } = makeCore();
    const cyclic: Record<string, unknown> = { n: 10n };
    cyclic.self = cyclic;
    const r = security.audit({ ...rec(1), args: { content: 'x'.repeat(5000), cyclic } });
    expect(JSON.stringify(r.args).length).toBeLessThan(400);
    expect(security.verify().ok).toBe(true);
  });

  it('non-durable mode batches writes but keeps the chain intact, and records() flushes', () => {
    const { db } = makeCore();
    const log = createAuditLog(db, { durable: false, batchSize: 100 });
    for (let i = 0; i < 250; i++) log.append(rec(i));
    expect((db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(200);
    expect(log.records({ limit: 1 })[0]!.seq).toBe(250);
    expect(log.verify()).toEqual({ ok: true, records: 250 });
  });

  it('two logs on one database (and one home anchor) chain after each other instead of colliding', () => {
    const { db } = makeCore();
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-anchor-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const a = createAuditLog(db, { anchorDir: dir });
    const b = createAuditLog(db, { anchorDir: dir });
    a.append(rec(1));
    b.append(rec(2));
    a.append(rec(3));
    expect(a.verify()).toEqual({ ok: true, records: 3 });
  });
});
