// Mount throughput: imports a real corpus (default /usr/share/man/man1, gzipped man pages)
// into a fresh VectorFS with the glove embedder; reports lines/s, chunks/s and distinct
// chunks/s (median of runs) and the cost of an incremental re-mount. The vector index is
// lazy (a mount into a home that has not searched yet leaves it unbuilt), so the time of the
// index build that the first search then does is measured too, and a rate including it is
// reported beside the mount's own. Usage: node bench/vfs-mount.mjs [dir] [runs]
import { glove, machine, median, openHome } from './vfs-common.mjs';

const dir = process.argv[2] ?? '/usr/share/man/man1';
const runs = Number(process.argv[3] ?? 3);
const embedder = await glove();
const results = [];
let remount;
for (let r = 0; r < runs; r++) {
  const h = await openHome(embedder, [dir]);
  const t0 = performance.now();
  const rep = await h.vfs.mount(dir, '/corpus');
  const s = (performance.now() - t0) / 1000;
  const t2 = performance.now();
  const built = h.vfs.openReport; // what the first search would do: build the index from SQLite
  const idx = (performance.now() - t2) / 1000;
  results.push({
    s, idx, files: rep.files, lines: rep.lines, chunks: rep.chunks, distinct: rep.distinct, skipped: rep.skipped.length,
    lps: rep.lines / s, cps: rep.chunks / s, dps: rep.distinct / s, lpsAll: rep.lines / (s + idx), dpsAll: rep.distinct / (s + idx), built: built.source,
  });
  if (r === 0) {
    const t1 = performance.now();
    const again = await h.vfs.mount(dir, '/corpus');
    remount = { s: (performance.now() - t1) / 1000, unchanged: again.unchanged, embedded: again.embedded };
  }
  h.vfs.close();
  h.db.close();
  h.cleanup();
  console.error(`run ${r + 1}: ${rep.files} files, ${rep.lines} lines, ${rep.chunks} chunks (${rep.distinct} distinct) in ${s.toFixed(2)} s; index build ${results.at(-1).idx.toFixed(2)} s`);
}
const first = results[0];
console.log(JSON.stringify({
  bench: 'vfs-mount', machine: machine(), corpus: dir, embedder: embedder.id, runs,
  files: first.files, lines: first.lines, chunks: first.chunks, distinct: first.distinct, skipped: first.skipped,
  seconds: +median(results.map((x) => x.s)).toFixed(2),
  linesPerSec: Math.round(median(results.map((x) => x.lps))),
  chunksPerSec: Math.round(median(results.map((x) => x.cps))),
  distinctChunksPerSec: Math.round(median(results.map((x) => x.dps))),
  indexBuildSeconds: +median(results.map((x) => x.idx)).toFixed(2),
  withIndexBuild: { linesPerSec: Math.round(median(results.map((x) => x.lpsAll))), distinctChunksPerSec: Math.round(median(results.map((x) => x.dpsAll))) },
  remount,
}, null, 1));
