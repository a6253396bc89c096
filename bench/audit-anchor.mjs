// Audit anchor cost: durable audit appends (each committed and fsync'd) on a SQLite file with
// the anchor (HMAC + audit.head rewritten after each commit) against the same log with an
// in-memory anchor (HMAC only, no head file), alternating in one process; then verify() of the
// whole chain. Build first (npm run build). Usage: node bench/audit-anchor.mjs [appends=2000] [runs=5]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../dist/base/sqlite.js';
import { createAuditLog } from '../dist/kernel/audit-log.js';
import { migrateKernel } from '../dist/kernel/kernel-store.js';

const n = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 5);
const rec = (i) => ({ at: i, principal: 'alice', role: 'user', syscall: 'fs.pwd', args: { path: '/apps', i }, outcome: 'ok' });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(anchored) {
  const dir = mkdtempSync(join(tmpdir(), 'nlsh-bench-audit-'));
  const db = openDatabase({ file: join(dir, 'nlsh.db') });
  migrateKernel(db);
  const log = createAuditLog(db, anchored ? { anchorDir: dir } : {});
  const t0 = performance.now();
  for (let i = 0; i < n; i++) log.append(rec(i));
  const us = ((performance.now() - t0) * 1000) / n;
  const t1 = performance.now();
  const v = log.verify();
  const verifyMs = performance.now() - t1;
  if (!v.ok) throw new Error('chain broken in the bench');
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { us, verifyMs };
}

const res = { anchored: [], memory: [] };
for (let r = 0; r < runs; r++) {
  res.memory.push(run(false));
  res.anchored.push(run(true));
}
const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
const out = {};
for (const [k, xs] of Object.entries(res)) out[k] = { usPerAppend: +median(xs.map((x) => x.us)).toFixed(1), verifyMs: +median(xs.map((x) => x.verifyMs)).toFixed(1) };
console.log(JSON.stringify({ bench: 'audit-anchor', machine: `${cpus().length} cores (${model}), node ${process.version}`, appends: n, runs, ...out, ratio: +(out.anchored.usPerAppend / out.memory.usPerAppend).toFixed(2) }));
