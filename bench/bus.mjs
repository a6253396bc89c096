#!/usr/bin/env node
// Benchmark: messages per second through the IPC bus, point-to-point, in process.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/bus.mjs [runs]
// Scenarios (each on a real SQLite file in a temp dir, WAL, synchronous=FULL):
//   memory-interleaved  send + receive one at a time, 100 processes, durability 'batched'
//   memory-burst        send 1,000 to one inbox, then receive them; the 1,000 journal entries stay
//                       under the 4,096-change flush threshold and are cancelled by the receives
//   memory-ack          send with requiresAck + receive + ack, one at a time
//   memory-burst+tick   as burst, plus bus.tick() (flush) after every 1,000 messages
//   durable-sync        durability 'sync': every send and every receive commits (fsync)
//   syscall             dispatch('ipc.send') + dispatch('ipc.receive'): schema, RBAC, audit
//                       record (its own fsync), bus, flush — the path the shell uses
//   smm-append          (memory manager) turns/s appended to an agent with a 4,096-token window,
//                       ~100-token turns, overflow compressed extractively into L2 pages
//   smm-recall          recalls/s over that agent's L2 pages (hash embedder, 256-d)
// A "message" = one send and its receive. Median of runs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../dist/base/clock.js';
import { Emitter } from '../dist/base/emitter.js';
import { openDatabase } from '../dist/base/sqlite.js';
import { normalize } from '../dist/embed/types.js';
import { createBus } from '../dist/kernel/bus.js';
import { createDispatcher } from '../dist/kernel/dispatch.js';
import { migrateKernel } from '../dist/kernel/kernel-store.js';
import { createProcessTable } from '../dist/kernel/process-table.js';
import { createSecurity } from '../dist/kernel/security.js';
import { createSyscallTable } from '../dist/kernel/syscall-table.js';
import { ipcSyscalls } from '../dist/kernel/syscalls/ipc.js';
import { createMemory } from '../dist/kernel/memory.js';
import { createHashEmbedder } from '../dist/embed/hash.js';

const RUNS = Number(process.argv[2] ?? 5);
const embedder = {
  id: 'bench-16', kind: 'hash', dim: 16,
  embedSync(t) { const v = new Float32Array(16); for (let i = 0; i < t.length; i++) v[t.charCodeAt(i) % 16] += 1; return normalize(v); },
  async embed(ts) { return ts.map((t) => this.embedSync(t)); },
};

async function world(durability) {
  const dir = mkdtempSync(join(os.tmpdir(), 'nlsh-bench-bus-'));
  const db = openDatabase({ file: join(dir, 'nlsh.db') });
  migrateKernel(db);
  const clock = new ManualClock(0);
  const events = new Emitter();
  const procs = createProcessTable({ db, clock, events, embedder });
  const pids = [];
  for (let i = 0; i < 100; i++) pids.push((await procs.spawn({ description: `agent number ${i}`, owner: 'bench' })).pid);
  const bus = createBus({ db, clock, events, embedder, procs, durability, inboxCapacity: 10_000 });
  const done = () => { bus.close(); db.close(); rmSync(dir, { recursive: true, force: true }); };
  return { db, clock, events, procs, pids, bus, done };
}

// Wall-clock rate, and the rate per CPU-second of this process (less sensitive to other load
// on a shared machine; for the fsync-bound paths the wall figure is the one that matters).
let cpu0 = process.cpuUsage();
const start = () => { cpu0 = process.cpuUsage(); return process.hrtime.bigint(); };
const rate = (n, t0) => {
  const c = process.cpuUsage(cpu0);
  return { wall: n / (Number(process.hrtime.bigint() - t0) / 1e9), cpu: n / ((c.user + c.system) / 1e6) };
};

const scenarios = {
  async 'memory-interleaved'() {
    const w = await world('batched');
    const N = 1_000_000;
    const t0 = start();
    for (let i = 0; i < N; i++) {
      const to = w.pids[i % 100];
      await w.bus.send({ from: 'bench', to, payload: 'hello', priority: i % 20 });
      if (w.bus.receive(to, 1).length !== 1) throw new Error('lost a message');
    }
    w.bus.flush();
    const r = rate(N, t0);
    w.done();
    return r;
  },
  async 'memory-burst'() {
    const w = await world('batched');
    const N = 500_000;
    const t0 = start();
    for (let i = 0; i < N; i += 1000) {
      const to = w.pids[(i / 1000) % 100];
      for (let j = 0; j < 1000; j++) await w.bus.send({ from: 'bench', to, payload: 'hello', priority: j % 20 });
      if (w.bus.receive(to, 1000).length !== 1000) throw new Error('lost a message');
    }
    w.bus.flush();
    const r = rate(N, t0);
    w.done();
    return r;
  },
  async 'memory-ack'() {
    const w = await world('batched');
    const N = 500_000;
    const t0 = start();
    for (let i = 0; i < N; i++) {
      const to = w.pids[i % 100];
      await w.bus.send({ from: 'bench', to, payload: 'hello', requiresAck: true });
      const [m] = w.bus.receive(to, 1);
      w.bus.ack(to, m.id);
    }
    w.bus.flush();
    const r = rate(N, t0);
    w.done();
    return r;
  },
  async 'memory-burst+tick'() {
    const w = await world('batched');
    const N = 200_000;
    const t0 = start();
    for (let i = 0; i < N; i += 1000) {
      const to = w.pids[(i / 1000) % 100];
      for (let j = 0; j < 1000; j++) await w.bus.send({ from: 'bench', to, payload: 'hello', priority: j % 20 });
      w.bus.tick(); // the 1,000 queued messages are now on disk
      if (w.bus.receive(to, 1000).length !== 1000) throw new Error('lost a message');
      w.bus.tick(); // and deleted again
    }
    const r = rate(N, t0);
    w.done();
    return r;
  },
  async 'durable-sync'() {
    const w = await world('sync');
    const N = 2_000;
    const t0 = start();
    for (let i = 0; i < N; i++) {
      const to = w.pids[i % 100];
      await w.bus.send({ from: 'bench', to, payload: 'hello' });
      w.bus.receive(to, 1);
    }
    const r = rate(N, t0);
    w.done();
    return r;
  },
  async syscall() {
    const w = await world('batched');
    const security = createSecurity({ db: w.db, clock: w.clock, ownerOf: (p) => w.procs.get(p)?.owner, durableAudit: true });
    const table = createSyscallTable();
    table.register(...ipcSyscalls);
    const session = { creds: { principal: 'bench', role: 'root', permissions: [] }, cwd: '/' };
    const services = { clock: w.clock, db: w.db, events: w.events, embedder, procs: w.procs, bus: w.bus, security, defaultSession: () => session };
    const dispatch = createDispatcher({ table, services, security, events: w.events, clock: w.clock });
    const N = 1_000;
    const t0 = start();
    for (let i = 0; i < N; i++) {
      const to = w.pids[i % 100];
      await dispatch('ipc.send', { to, message: 'hello' }, session);
      await dispatch('ipc.receive', { pid: to, max: 1 }, session);
    }
    const r = rate(N, t0);
    security.close?.();
    w.done();
    return r;
  },
  async 'smm-append'() {
    return (await smm()).append;
  },
  async 'smm-recall'() {
    return (await smm()).recall;
  },
};

let smmPages = 0;
async function smm() {
  const w = await world('batched');
  const h = createHashEmbedder(256);
  const embedder = { ...h, stats: () => ({ entries: 0, capacity: 0, hits: 0, misses: 0 }) };
  const vfsStats = () => ({ inodes: 0, chunks: 0, vectorsInIndex: 0, deletedInIndex: 0, indexCapacity: 0, cacheEntries: 0, cacheHits: 0, cacheMisses: 0, embedder: h.id, dim: h.dim });
  const memory = createMemory({ db: w.db, clock: w.clock, events: w.events, embedder, procs: w.procs, llm: null, vfsStats });
  const pcb = await w.procs.spawn({ description: 'a long running agent', owner: 'bench', contextWindow: 4096 });
  const topics = ['postgres index on the orders table', 'python parser unit tests fail', 'deploy the web server with nginx', 'user preferences are stored as json', 'the scheduler starves low priority jobs'];
  const N = 2000;
  let t0 = start();
  for (let i = 0; i < N; i++) {
    const t = topics[i % topics.length];
    await memory.appendContext(pcb.pid, { role: i % 2 ? 'assistant' : 'user', content: `Turn ${i}. We discussed ${t}. ${t} again, with detail number ${i} and a few more words to make this turn about one hundred tokens long in total, more or less, as a typical agent turn would be. Another sentence about ${t} follows here.` });
  }
  const append = rate(N, t0);
  const R = 1000;
  t0 = start();
  for (let i = 0; i < R; i++) await memory.recall(pcb.pid, topics[i % topics.length], 2);
  const recall = rate(R, t0);
  smmPages = memory.pages(pcb.pid).length;
  w.done();
  return { append, recall };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
console.log(`IPC bus, point-to-point, messages/s (send + receive), median of ${RUNS} runs`);
console.log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const only = process.argv[3];
for (const [name, fn] of Object.entries(scenarios)) {
  if (only && name !== only) continue;
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await fn());
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const target = name.startsWith('memory-interleaved') ? `  target >= 500,000/s: ${wall >= 500_000 ? 'met' : 'MISSED'} (wall)` : '';
  const unit = name.startsWith('smm-append') ? 'turns/s' : name.startsWith('smm-recall') ? 'recalls/s' : 'msg/s';
  if (name === 'smm-append') console.log(`  (${smmPages} L2 pages after 2,000 turns)`);
  console.log(`${name.padEnd(18)} wall median ${fmt(wall).padStart(10)} ${unit}  per-CPU-second median ${fmt(cpu).padStart(10)}  (wall runs: ${runs.map((r) => fmt(r.wall)).join(', ')})${target}`);
}
