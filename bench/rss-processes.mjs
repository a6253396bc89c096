#!/usr/bin/env node
// Benchmark: memory held by the kernel with 10,000 processes (target: RSS < 200 MB).
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/rss-processes.mjs [count] [runs]
// Each run uses two fresh `node --expose-gc` children on a temp home (SQLite file, WAL):
//   fill  boots a kernel (hash embedder, 256-d vpids), spawns `count` processes through the
//         process table, gives each a 3-turn context and checkpoints it, then reports RSS/heap
//         after a GC. Spawning runs with synchronous=OFF: RSS does not depend on fsync, and
//         10,000 fsyncs on a shared disk would only make the run slow (see bench/dispatch.mjs
//         for the durable cost of a call).
//   load  boots a second kernel on that home (as after a restart) and reports how long the boot
//         took and the RSS after it (the table opens lazily: no process is read), then the time
//         of the first `ps` page (1,000 rows from SQLite) and of making every live PCB (list(),
//         as a reference by meaning or the run queue does), and the RSS holding them all.
// Median of runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createHashEmbedder } from '../dist/embed/hash.js';
import { bootKernel } from '../dist/kernel/kernel.js';

const mb = (b) => (b / 2 ** 20).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bootOpts = (home) => ({ home, embedder: createHashEmbedder(256), user: 'bench', allowedRoots: [home], env: {} });
const roles = ['writes python code', 'reviews pull requests', 'summarises papers', 'plans the work', 'tests the web server'];

async function fill(home, count) {
  const k = await bootKernel(bootOpts(home));
  globalThis.gc();
  const base = process.memoryUsage();
  k.services.db.pragma('synchronous = OFF');
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const p = await k.services.procs.spawn({ description: `${roles[i % roles.length]} number ${i}`, owner: 'bench', priority: i % 20 });
    for (let t = 0; t < 3; t++) {
      p.contextWindow.content.push({ role: t % 2 ? 'assistant' : 'user', content: `turn ${t} of process ${i}: some typical text of a sentence or two.`, tokens: 14, at: i });
    }
    p.contextWindow.currentLength = 42;
    k.services.procs.save(p.pid);
  }
  const spawnMs = performance.now() - t0;
  k.services.db.pragma('synchronous = FULL');
  globalThis.gc();
  const full = process.memoryUsage();
  const held = k.services.procs.list().length;
  await k.close();
  return { base, full, spawnMs, held };
}

async function load(home) {
  const t0 = performance.now();
  const k = await bootKernel(bootOpts(home));
  const loadMs = performance.now() - t0;
  globalThis.gc();
  const mem = process.memoryUsage();
  // what `ps` reads (a page of 1,000 from SQLite), then every live PCB made (as a reference by meaning or the run queue does)
  const t1 = performance.now();
  const page = k.services.procs.page({ limit: 1000 });
  const pageMs = performance.now() - t1;
  const t2 = performance.now();
  const held = k.services.procs.list().length;
  const listMs = performance.now() - t2;
  globalThis.gc();
  const memAll = process.memoryUsage();
  if (page.total !== held) throw new Error(`ps counts ${page.total}, the table holds ${held}`);
  await k.close();
  return { mem, memAll, loadMs, pageMs, listMs, held };
}

const [mode, arg1, arg2] = process.argv.slice(2);
if (mode === 'fill') process.stdout.write(JSON.stringify(await fill(arg1, Number(arg2))));
else if (mode === 'load') process.stdout.write(JSON.stringify(await load(arg1)));
else {
  const count = Number(mode ?? 10_000);
  const runs = Number(arg1 ?? 3);
  const child = (...a) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, ...a], { maxBuffer: 1 << 24 }).toString());
  console.log(`node ${process.version}, ${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? '?'}; ${count} processes, ${runs} runs`);
  const rs = [];
  for (let r = 0; r < runs; r++) {
    const home = mkdtempSync(join(os.tmpdir(), 'nlsh-bench-rss-'));
    try {
      const f = child('fill', home, String(count));
      const l = child('load', home);
      if (f.held !== count || l.held !== count) throw new Error(`expected ${count} processes, held ${f.held} / loaded ${l.held}`);
      rs.push({ f, l });
      console.log(`run ${r + 1}: fill rss ${mb(f.base.rss)} -> ${mb(f.full.rss)} MB, heap ${mb(f.base.heapUsed)} -> ${mb(f.full.heapUsed)} MB, ${(f.spawnMs / count * 1000).toFixed(0)} µs/spawn; after restart: boot ${l.loadMs.toFixed(0)} ms, rss ${mb(l.mem.rss)} MB, heap ${mb(l.mem.heapUsed)} MB; first ps page ${l.pageMs.toFixed(1)} ms; all ${l.held} PCBs made in ${l.listMs.toFixed(0)} ms, rss then ${mb(l.memAll.rss)} MB`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  console.log(`median: RSS with ${count} processes ${mb(median(rs.map((x) => x.f.full.rss)))} MB (after restart ${mb(median(rs.map((x) => x.l.mem.rss)))} MB, with every PCB made ${mb(median(rs.map((x) => x.l.memAll.rss)))} MB); heap per process ${(median(rs.map((x) => x.f.full.heapUsed - x.f.base.heapUsed)) / count / 1024).toFixed(2)} KB; restart boot ${median(rs.map((x) => x.l.loadMs)).toFixed(0)} ms; first ps page ${median(rs.map((x) => x.l.pageMs)).toFixed(1)} ms; making every PCB ${median(rs.map((x) => x.l.listMs)).toFixed(0)} ms`);
}
