#!/usr/bin/env node
// Benchmark: syscall dispatch overhead per call (lookup + argument validation + permission
// check + audit record + 'syscall' event), with and without a durable audit log.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/dispatch.mjs [runs]
// The syscall is fs.pwd with a handler that returns a constant, so the figure is the
// dispatch machinery alone. Each scenario runs on a SQLite file in a temp dir (WAL,
// synchronous=FULL) except 'memory-db'. Median of runs; microseconds per call.
//   direct          the handler called directly (baseline)
//   no-audit        validate + permission + handler, audit replaced by a no-op (isolates audit cost)
//   batched-audit   durableAudit=false: audit records hashed per call, written 512 per transaction
//   durable-audit   every call's audit record is committed (fsync) before dispatch returns
//   memory-db       durable mode on ':memory:' (hashing + SQL insert, no disk)
//   spawn-durable   a real state-changing syscall: proc.spawn as a user (process row + audit
//                   record, each committed and fsync'd), hash embedder; the agent's workspace
//                   directory (a VectorFS mkdir since the descriptors) is stubbed out here
// Then argument validation alone, the old hand-written validator (bench/baseline/, same
// process) against zod (src/kernel/schema.ts), alternating, on two argument shapes: fs.pwd's
// {path, depth} and ipc.send's five fields; plus a failing call (the sys.badArgs path).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../dist/base/clock.js';
import { Emitter } from '../dist/base/emitter.js';
import { openDatabase } from '../dist/base/sqlite.js';
import { createDispatcher } from '../dist/kernel/dispatch.js';
import { migrateKernel } from '../dist/kernel/kernel-store.js';
import { z } from 'zod';
import { argsSchema, validateArgs } from '../dist/kernel/schema.js';
import * as hand from './baseline/hand-validator.mjs';
import { createHashEmbedder } from '../dist/embed/hash.js';
import { createProcessTable } from '../dist/kernel/process-table.js';
import { createSecurity } from '../dist/kernel/security.js';
import { createSyscallTable } from '../dist/kernel/syscall-table.js';
import { procSyscalls } from '../dist/kernel/syscalls/proc.js';

const RUNS = Number(process.argv[2] ?? 5);
const def = {
  name: 'fs.pwd', summary: 'bench', usage: 'pwd', examples: [], args: argsSchema({ path: z.string().max(4096).optional(), depth: z.int().min(0).optional() }),
  permission: (a) => ({ action: 'fs.pwd', resource: { kind: 'path', path: a.path ?? '/' } }),
  handler: () => '/',
};
const session = { creds: { principal: 'p7', role: 'agent', permissions: [] }, cwd: '/' };
const user = { creds: { principal: 'alice', role: 'user', permissions: [] }, cwd: '/' };
const args = { path: '/knowledge/facts', depth: 2 };

function world(mode) {
  const dir = mkdtempSync(join(os.tmpdir(), 'nlsh-bench-dispatch-'));
  const db = openDatabase({ file: mode === 'memory-db' ? ':memory:' : join(dir, 'nlsh.db') });
  migrateKernel(db);
  const events = new Emitter();
  events.on('syscall', () => {});
  const security = createSecurity({ db, clock: systemClock, durableAudit: mode !== 'batched-audit' });
  const sec = mode === 'no-audit' ? { check: security.check, audit: () => undefined } : security;
  const table = createSyscallTable();
  table.register(def, ...procSyscalls);
  const procs = createProcessTable({ db, clock: systemClock, events, embedder: createHashEmbedder(256) });
  const dispatch = createDispatcher({ table, services: { procs, vfs: { mkdir: async () => ({}) } }, security: sec, events, clock: systemClock });
  return { dispatch, security, done: () => { security.close(); db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function run(mode, n) {
  if (mode === 'direct') {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await def.handler(args, {});
    return Number(process.hrtime.bigint() - t0) / 1e3 / n;
  }
  const w = world(mode);
  const [name, a, s] = mode === 'spawn-durable' ? ['proc.spawn', { description: 'writes python code' }, user] : ['fs.pwd', args, session];
  for (let i = 0; i < 200; i++) await w.dispatch(name, a, s); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await w.dispatch(name, a, s);
  w.security.log.flush();
  const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  if (mode !== 'no-audit' && !w.security.verify().ok) throw new Error('audit chain broken');
  w.done();
  return us;
}

const N = { direct: 200_000, 'no-audit': 100_000, 'batched-audit': 50_000, 'durable-audit': 2_000, 'memory-db': 20_000, 'spawn-durable': 1_000 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`node ${process.version}, ${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? '?'}; ${RUNS} runs`);
for (const mode of Object.keys(N)) {
  const xs = [];
  for (let r = 0; r < RUNS; r++) xs.push(await run(mode, N[mode]));
  console.log(`${mode.padEnd(14)} ${median(xs).toFixed(2).padStart(9)} µs/call  (${N[mode]} calls/run; runs: ${xs.map((x) => x.toFixed(1)).join(', ')})`);
}

// ---- argument validation: hand-written (before) vs zod (now), same process, alternating
const shapes = {
  'fs.pwd {path,depth}': {
    hand: hand.objectSchema({ path: { type: 'string' }, depth: { type: 'integer', minimum: 0 } }),
    zod: def.args,
    args,
  },
  'ipc.send (5 fields)': {
    hand: hand.objectSchema({
      to: { type: 'string', minLength: 1, maxLength: 500 }, message: { type: 'string', minLength: 1, maxLength: 100_000 },
      type: { type: 'string', enum: ['REQUEST', 'RESPONSE', 'NOTIFICATION', 'BROADCAST'] },
      priority: { type: 'integer', minimum: 0, maximum: 19 }, requiresAck: { type: 'boolean' },
    }, ['to', 'message']),
    zod: argsSchema({
      to: z.string().min(1).max(500), message: z.string().min(1).max(100_000),
      type: z.enum(['REQUEST', 'RESPONSE', 'NOTIFICATION', 'BROADCAST']).optional(),
      priority: z.int().min(0).max(19).optional(), requiresAck: z.boolean().optional(),
    }),
    args: { to: 'p2', message: 'Analyze this code for bugs', type: 'REQUEST', priority: 5, requiresAck: true },
  },
  'bad args (priority 40)': { hand: null, zod: null, args: null },
};
shapes['bad args (priority 40)'] = { ...shapes['ipc.send (5 fields)'], args: { to: 'p2', message: 'x', priority: 40 }, fails: true };

function timeValidate(kind, shape, n) {
  const validate = kind === 'hand' ? () => hand.validateArgs('ipc.send', shape.hand, shape.args) : () => validateArgs('ipc.send', shape.zod, shape.args);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    try {
      validate();
    } catch (err) {
      if (!shape.fails || err.code !== 'sys.badArgs') throw err;
    }
  }
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
}

console.log('\nargument validation alone (µs/call, median; hand = before, zod = now; alternating runs)');
const VN = 100_000;
for (const [label, shape] of Object.entries(shapes)) {
  timeValidate('hand', shape, 10_000);
  timeValidate('zod', shape, 10_000); // warm up both
  const xs = { hand: [], zod: [] };
  for (let r = 0; r < Math.max(RUNS, 5); r++) for (const kind of r % 2 ? ['zod', 'hand'] : ['hand', 'zod']) xs[kind].push(timeValidate(kind, shape, VN));
  const h = median(xs.hand);
  const zz = median(xs.zod);
  console.log(`${label.padEnd(24)} hand ${h.toFixed(3).padStart(7)}  zod ${zz.toFixed(3).padStart(7)}  zod/hand ${(zz / h).toFixed(2)}x`);
}
