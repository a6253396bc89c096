// Mount throughput: imports a real corpus (default /usr/share/man/man1, gzipped man pages)
// into a fresh VectorFS with the glove embedder; reports lines/s, chunks/s and distinct
// chunks/s (median of runs; symlinked aliases are imported once, so nothing is counted twice),
// wall and CPU time, and the cost of an incremental re-mount. The vector index is lazy (a
// mount into a home that has not searched yet leaves it unbuilt), so the time of the index
// build that the first search then does is measured too, and a rate including it is reported
// beside the mount's own. `--loaded` loads the (empty) index before mounting, so vectors go
// into HNSW after each commit, as in a session that has searched.
// `--baseline DIST` also mounts with another build's compiled code (a copy of dist/ made
// before a change), alternating baseline and this build run by run in this one process, and
// reports the ratio of the medians: on a loaded machine only such same-run ratios mean much.
// Usage: node bench/vfs-mount.mjs [dir] [runs] [--baseline DIST] [--loaded]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { glove, machine, median } from './vfs-common.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const baselineDist = flag('--baseline');
const loaded = args.includes('--loaded');
if (loaded) args.splice(args.indexOf('--loaded'), 1);
const dir = args[0] ?? '/usr/share/man/man1';
const runs = Number(args[1] ?? 3);
const embedder = await glove();

async function build(name, dist) {
  const url = (p) => pathToFileURL(join(resolve(dist), p)).href;
  const { openDatabase } = await import(url('base/sqlite.js'));
  const { openVectorFS } = await import(url('vfs/vectorfs.js'));
  return { name, openDatabase, openVectorFS, results: [], remount: undefined };
}

const builds = [await build('this build', new URL('../dist', import.meta.url).pathname)];
if (baselineDist) builds.unshift(await build(`baseline (${baselineDist})`, baselineDist));

async function once(b, first) {
  const home = mkdtempSync(join(tmpdir(), 'nlsh-bench-vfs-'));
  const db = b.openDatabase({ file: join(home, 'nlsh.db') });
  const vfs = await b.openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [dir], indexDir: home });
  if (loaded) void vfs.openReport;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rep = await vfs.mount(dir, '/corpus');
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const t2 = performance.now();
  const built = vfs.openReport; // what the first search would do: build the index from SQLite (or nothing, when loaded)
  const idx = (performance.now() - t2) / 1000;
  const fts = db.prepare('SELECT (SELECT count(*) FROM vfs_fts_docsize) AS fts, (SELECT count(*) FROM vfs_chunks) AS chunks').get();
  if (fts.fts !== fts.chunks) throw new Error(`${b.name}: ${fts.fts} FTS rows for ${fts.chunks} chunks`);
  const distinct = rep.distinct ?? 0;
  b.results.push({
    s, cpu, idx, files: rep.files, lines: rep.lines, chunks: rep.chunks, distinct, skipped: rep.skipped.length,
    lps: rep.lines / s, lpcpu: rep.lines / cpu, cps: rep.chunks / s, dps: distinct / s, dpcpu: distinct / cpu,
    lpsAll: rep.lines / (s + idx), dpsAll: distinct / (s + idx), built: built.source,
  });
  if (first) {
    const t1 = performance.now();
    const again = await vfs.mount(dir, '/corpus');
    b.remount = { s: +((performance.now() - t1) / 1000).toFixed(2), unchanged: again.unchanged, embedded: again.embedded };
  }
  vfs.close();
  db.close();
  rmSync(home, { recursive: true, force: true });
  const r = b.results.at(-1);
  console.error(
    `${b.name} run ${b.results.length}: ${r.files} files, ${r.lines} lines, ${r.chunks} chunks (${r.distinct} distinct) in ${s.toFixed(2)} s ` +
      `(${cpu.toFixed(2)} s CPU, load ${loadavg()[0].toFixed(1)}); index build after ${idx.toFixed(2)} s`,
  );
}

for (let r = 0; r < runs; r++) {
  // alternate which build goes first, so neither always meets the other's leftovers (GC, page cache)
  const order = r % 2 === 0 ? builds : [...builds].reverse();
  for (const b of order) await once(b, r === 0);
}

const summary = (b) => {
  const m = (k) => median(b.results.map((x) => x[k]));
  const first = b.results[0];
  return {
    build: b.name, files: first.files, lines: first.lines, chunks: first.chunks, distinct: first.distinct, skipped: first.skipped,
    seconds: +m('s').toFixed(2), cpuSeconds: +m('cpu').toFixed(2),
    linesPerSec: Math.round(m('lps')), linesPerCpuSec: Math.round(m('lpcpu')),
    chunksPerSec: Math.round(m('cps')), distinctChunksPerSec: Math.round(m('dps')), distinctChunksPerCpuSec: Math.round(m('dpcpu')),
    indexBuildSeconds: +m('idx').toFixed(2),
    withIndexBuild: { linesPerSec: Math.round(m('lpsAll')), distinctChunksPerSec: Math.round(m('dpsAll')) },
    remount: b.remount,
  };
};
const out = { bench: 'vfs-mount', machine: machine(), corpus: dir, embedder: embedder.id, runs, indexLoaded: loaded, builds: builds.map(summary) };
if (builds.length === 2) {
  const [base, mine] = out.builds;
  out.ratio = {
    linesPerSec: +(mine.linesPerSec / base.linesPerSec).toFixed(2),
    linesPerCpuSec: +(mine.linesPerCpuSec / base.linesPerCpuSec).toFixed(2),
    withIndexBuild: +(mine.withIndexBuild.linesPerSec / base.withIndexBuild.linesPerSec).toFixed(2),
  };
}
console.log(JSON.stringify(out, null, 1));
