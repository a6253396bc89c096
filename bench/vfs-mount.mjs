// Mount throughput: imports a real corpus (default /usr/share/man/man1, gzipped man pages)
// into a fresh VectorFS with the glove embedder; reports lines/s and chunks/s (median of runs)
// and the cost of an incremental re-mount. Usage: node bench/vfs-mount.mjs [dir] [runs]
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
  results.push({ s, files: rep.files, lines: rep.lines, chunks: rep.chunks, skipped: rep.skipped.length, lps: rep.lines / s, cps: rep.chunks / s });
  if (r === 0) {
    const t1 = performance.now();
    const again = await h.vfs.mount(dir, '/corpus');
    remount = { s: (performance.now() - t1) / 1000, unchanged: again.unchanged, embedded: again.embedded };
  }
  h.vfs.close();
  h.db.close();
  h.cleanup();
  console.error(`run ${r + 1}: ${rep.files} files, ${rep.lines} lines, ${rep.chunks} chunks in ${s.toFixed(2)} s`);
}
const first = results[0];
console.log(JSON.stringify({
  bench: 'vfs-mount', machine: machine(), corpus: dir, embedder: embedder.id, runs,
  files: first.files, lines: first.lines, chunks: first.chunks, skipped: first.skipped,
  seconds: +median(results.map((x) => x.s)).toFixed(2),
  linesPerSec: Math.round(median(results.map((x) => x.lps))),
  chunksPerSec: Math.round(median(results.map((x) => x.cps))),
  remount,
}, null, 1));
