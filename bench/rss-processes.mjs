#!/usr/bin/env node
// Benchmark: memory held by the kernel with 10,000 processes (target: RSS < 200 MB).
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/rss-processes.mjs [count] [runs]
// Boots a real kernel on a temp home (SQLite file, WAL, synchronous=FULL) with the hash
// embedder (256-d vpids; GloVe's vocabulary would add its own fixed ~tens of MB, not per
// process), spawns `count` processes through the process table (each one committed to disk),
// gives each a 3-turn context, then reports RSS and heap after a GC, and how long a reboot
// takes to load them all back. Each run is a fresh `node --expose-gc` child; median of runs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createHashEmbedder } from '../dist/embed/hash.js';
import { bootKernel } from '../dist/kernel/kernel.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 3);
const mb = (b) => (b / 2 ** 20).toFixed(1);
const gc = () => globalThis.gc?.();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once() {
  const home = mkdtempSync(join(os.tmpdir(), 'nlsh-bench-rss-'));
  const opts = { home, embedder: createHashEmbedder(256), user: 'bench', allowedRoots: [home], env: {} };
  let k = await bootKernel(opts);
  gc();
  const base = process.memoryUsage();
  const t0 = performance.now();
  const roles = ['writes python code', 'reviews pull requests', 'summarises papers', 'plans the work', 'tests the web server'];
  const db = k.services.db;
  for (let i = 0; i < COUNT; i++) {
    const p = await k.services.procs.spawn({ description: `${roles[i % roles.length]} number ${i}`, owner: 'bench', priority: i % 20 });
    for (let t = 0; t < 3; t++) p.contextWindow.content.push({ role: t % 2 ? 'assistant' : 'user', content: `turn ${t} of process ${i}: some typical text of a sentence or two.`, tokens: 14, at: i });
    p.contextWindow.currentLength = 42;
  }
  // one transaction for the context checkpoints so the run measures memory, not 10,000 fsyncs twice
  db.transaction(() => { for (const p of k.services.procs.list()) k.services.procs.save(p.pid); })();
  const spawnMs = performance.now() - t0;
  gc();
  const full = process.memoryUsage();
  await k.close();
  gc();
  const t1 = performance.now();
  k = await bootKernel(opts);
  const loadMs = performance.now() - t1;
  const loaded = k.services.procs.size;
  gc();
  const reloaded = process.memoryUsage();
  await k.close();
  rmSync(home, { recursive: true, force: true });
  return { base, full, reloaded, spawnMs, loadMs, loaded };
}

if (process.env.NLSH_RSS_CHILD) {
  const x = await once();
  process.stdout.write(JSON.stringify(x));
} else {
  // each run in a fresh node process, so one run's freed heap does not inflate the next one's RSS
  const { execFileSync } = await import('node:child_process');
  console.log(`node ${process.version}, ${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? '?'}; ${COUNT} processes, ${RUNS} runs`);
  const rs = [];
  for (let r = 0; r < RUNS; r++) {
    const out = execFileSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, String(COUNT)], {
      env: { ...process.env, NLSH_RSS_CHILD: '1' }, maxBuffer: 1 << 24,
    });
    const x = JSON.parse(out.toString());
    rs.push(x);
    console.log(`run ${r + 1}: rss ${mb(x.base.rss)} -> ${mb(x.full.rss)} MB (heap ${mb(x.base.heapUsed)} -> ${mb(x.full.heapUsed)} MB); after reboot rss ${mb(x.reloaded.rss)} MB; spawn ${(x.spawnMs / COUNT * 1000).toFixed(0)} µs/process; reboot loads ${x.loaded} in ${x.loadMs.toFixed(0)} ms`);
  }
  console.log(`median: RSS with ${COUNT} processes ${mb(median(rs.map((x) => x.full.rss)))} MB (after reboot ${mb(median(rs.map((x) => x.reloaded.rss)))} MB); heap per process ${(median(rs.map((x) => x.full.heapUsed - x.base.heapUsed)) / COUNT / 1024).toFixed(2)} KB; reboot ${median(rs.map((x) => x.loadMs)).toFixed(0)} ms; spawn ${(median(rs.map((x) => x.spawnMs)) / COUNT * 1000).toFixed(0)} µs`);
}
