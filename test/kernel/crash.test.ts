// A process killed with SIGKILL in the middle of a burst of syscalls leaves a database that
// opens and holds every write it acknowledged. The child is a real `node` process running the
// kernel core (transpiled on the fly from src/, so no build is needed).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO as repo, transpileClosure } from '../helpers/transpile.js';
import { openDatabase } from '../../src/base/sqlite.js';
import { makeCore } from './core-kit.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CHILD = `
import { makeCore } from './test/kernel/core-kit.js';
const core = makeCore({ file: process.argv[2] });
const s = core.session('alice', 'user');
for (let i = 0; ; i++) {
  const r = await core.call('proc.spawn', { description: 'worker number ' + i + ' doing batch jobs', budget: 1000 + i }, s);
  process.stdout.write('ack ' + r.process.pid + ' ' + (1000 + i) + '\\n');
  if (i % 3 === 0) { await core.call('proc.suspend', { pid: r.process.pid }, s); process.stdout.write('suspended ' + r.process.pid + '\\n'); }
}
`;

describe('crash safety', () => {
  it('SIGKILL during a burst of writes loses no acknowledged write and leaves a verifiable audit chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-crash-'));
    dirs.push(dir);
    const code = join(dir, 'code');
    transpileClosure(join(repo, 'test/kernel/core-kit.ts'), code);
    symlinkSync(join(repo, 'node_modules'), join(code, 'node_modules'));
    writeFileSync(join(code, 'child.mjs'), CHILD);
    const dbFile = join(dir, 'home', 'nlsh.db');

    const child = spawn(process.execPath, [join(code, 'child.mjs'), dbFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/^ack /gm) ?? []).length >= 60) {
          child.kill('SIGKILL');
          res();
        }
      });
      child.on('exit', (c, sig) => (sig === 'SIGKILL' ? res() : rej(new Error(`child exited ${c}: ${err}`))));
    });
    await new Promise((r) => child.once('close', r));

    const acks = [...out.matchAll(/^ack (p\d+) (\d+)$/gm)].map((m) => ({ pid: m[1]!, budget: Number(m[2]) }));
    const suspended = [...out.matchAll(/^suspended (p\d+)$/gm)].map((m) => m[1]!);
    expect(acks.length).toBeGreaterThanOrEqual(60);

    const db = openDatabase({ file: dbFile });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const core = makeCore({ db, auditAnchorDir: join(dir, 'home') });
    for (const a of acks) expect(core.procs.get(a.pid)?.tokenBudget.allocated, a.pid).toBe(a.budget);
    for (const pid of suspended) expect(core.procs.get(pid)!.state).toBe('SUSPENDED');
    const v = core.security.verify();
    expect(v.ok).toBe(true);
    expect(v.records).toBeGreaterThanOrEqual(acks.length + suspended.length);
    // the kernel keeps working on the recovered database
    const next = (await core.call('proc.spawn', { description: 'after the crash' })) as { process: { pid: string } };
    expect(Number(next.process.pid.slice(1))).toBeGreaterThan(acks.length);
    db.close();
  });
});
