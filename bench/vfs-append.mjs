// Append cost: N appends of SIZE bytes of fresh prose to one VectorFS file (what `>>` does,
// the fs.write syscall with append), glove embedder. Reports total seconds, the time of the
// first and the last 10 appends (equal when appending costs what is appended, growing when it
// costs the whole file) and peak RSS. Usage:
//   node bench/vfs-append.mjs [appends=160] [kb=60]
// NLSH_BENCH_DIST=/path/to/dist runs another build (e.g. the code before a change).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.NLSH_BENCH_DIST ?? join(import.meta.dirname, '..', 'dist'));
const load = (m) => import(pathToFileURL(join(dist, m)).href);
const { openDatabase } = await load('base/sqlite.js');
const { openVectorFS } = await load('vfs/vectorfs.js');
const { createGloveEmbedder } = await load('embed/glove.js');

const appends = Number(process.argv[2] ?? 160);
const kb = Number(process.argv[3] ?? 60);
const WORDS = 'the scheduler picks a process by priority while memory pages swap to disk and agents send messages about budgets tokens files search meaning index vectors kernel shell'.split(' ');
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
function prose(bytes, n) {
  const lines = [`## part ${n}`, ''];
  let size = 0;
  while (size < bytes) {
    const words = Array.from({ length: 8 + Math.floor(rnd() * 8) }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
    const line = `${words.join(' ')} ${n}.${size}.`;
    lines.push(line, rnd() < 0.2 ? '' : null);
    size += line.length + 1;
  }
  return lines.filter((l) => l !== null).join('\n') + '\n';
}

const embedder = await createGloveEmbedder({ cacheDir: process.env.NLSH_CACHE_DIR ?? join(tmpdir(), 'nlsh-test-cache') });
const dir = mkdtempSync(join(tmpdir(), 'nlsh-bench-append-'));
const db = openDatabase({ file: join(dir, 'nlsh.db') });
const vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [dir], indexDir: dir });
const times = [];
let peak = process.memoryUsage().rss;
const t0 = performance.now();
for (let i = 0; i < appends; i++) {
  const text = prose(kb * 1024, i);
  const t = performance.now();
  await vfs.write('/apps/log.md', text, { append: true });
  times.push(performance.now() - t);
  peak = Math.max(peak, process.memoryUsage().rss);
}
const total = (performance.now() - t0) / 1000;
const size = Buffer.byteLength(vfs.cat('/apps/log.md'));
vfs.close();
db.close();
rmSync(dir, { recursive: true, force: true });
const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
console.log(JSON.stringify({
  bench: 'vfs-append', dist, machine: `${cpus().length} cores (${model}), node ${process.version}`, appends, kb, finalBytes: size,
  seconds: +total.toFixed(2), first10ms: Math.round(avg(times.slice(0, 10))), last10ms: Math.round(avg(times.slice(-10))),
  peakRssMB: Math.round(peak / 1048576),
}));
