#!/usr/bin/env node
// The scaling table: what a user waits for as a home grows. For homes holding more and more
// chunks (real files mounted: man pages, /usr/share/doc) it times `nlsh -c pwd` against
// `node -e 0`, alternating the two in this one program (pairs, so a change in the machine's
// load moves both), and the first `grep meaning` of a fresh process (which loads the vector
// index); for homes holding more and more processes it times `nlsh -c ps` and `nlsh top --once`
// the same way. Wall time is read around each child; peak memory is the child's maximum RSS
// as /usr/bin/time reports it. Medians of the runs; ratios are medians of the pairs' ratios.
// Homes are built once into --homes (default /tmp/nlsh-bench-scale) and reused.
// --startup-only: just the start-up rows (`-c pwd` and `-c ls` against `node -e 0`, per chunk home).
// Build first (npm run build). Usage: node bench/scaling.mjs [--quick] [--startup-only | --procs-only] [--runs N] [--homes DIR]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, basename, join, resolve } from 'node:path';
import { openDatabase } from '../dist/base/sqlite.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'nlsh');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const quick = argv.includes('--quick');
const startupOnly = argv.includes('--startup-only');
const procsOnly = argv.includes('--procs-only'); // only the process rows (1k / 10k / 50k)
const RUNS = Number(opt('--runs', quick ? 3 : 9));
const HOMES = opt('--homes', '/tmp/nlsh-bench-scale');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const CHUNK_HOMES = quick
  ? [['empty', []], ['man7', ['/usr/share/man/man7']]]
  : [['empty', []], ['man3+man7', ['/usr/share/man/man3', '/usr/share/man/man7']], ['man1', ['/usr/share/man/man1']], ['man1+doc', ['/usr/share/man/man1', '/usr/share/doc']]];
// a ~1M-chunk home is not built here (it takes most of an hour: man1 + /usr/share/doc, /usr/include,
// Python and other sources mounted into one home); when one exists under --homes as chunks-1m
// (with its built.json), its rows are measured too
if (!quick && existsSync(join(HOMES, 'chunks-1m', 'built.json'))) CHUNK_HOMES.push(['1m', []]);
const PROCESS_HOMES = quick ? [1000] : [1000, 10_000, 50_000];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs node with args; wall ms and peak RSS (MB, when /usr/bin/time is there). */
function run(args, env = {}) {
  const cmd = TIME ? TIME : process.execPath;
  const full = TIME ? ['-f', '%M', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const peak = TIME ? Number(r.stderr.trim().split('\n').pop()) / 1024 : NaN;
  return { ms, peak };
}

/** Alternates nlsh args with `node -e 0`, RUNS pairs after one warm-up pair. */
function paired(args, env) {
  run(['-e', '0']);
  run(args, env);
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    b.push(run(['-e', '0']));
    a.push(run(args, env));
  }
  return { ms: median(a.map((x) => x.ms)), peak: median(a.map((x) => x.peak)), node: median(b.map((x) => x.ms)), ratio: median(a.map((x, i) => x.ms / b[i].ms)) };
}

function chunkHome(name, sources) {
  const home = join(HOMES, `chunks-${name}`);
  const done = join(home, 'built.json');
  if (!existsSync(done)) {
    mkdirSync(home, { recursive: true });
    const t0 = performance.now();
    for (const src of sources) {
      process.stderr.write(`building ${name}: mounting ${src} ...\n`);
      execFileSync(process.execPath, [BIN, '--home', home, '-c', `mount ./${basename(src)} at /${basename(src)}`], { cwd: dirname(src), stdio: ['ignore', 'ignore', 'inherit'] });
    }
    if (!sources.length) execFileSync(process.execPath, [BIN, '--home', home, '-c', 'pwd'], { stdio: 'ignore' });
    // one search, so the home has a saved index like any home that was ever searched
    execFileSync(process.execPath, [BIN, '--home', home, '-c', 'grep meaning "copy files to another directory"'], { stdio: 'ignore' });
    const db = openDatabase({ file: join(home, 'nlsh.db'), readonly: true });
    const chunks = db.prepare('SELECT count(*) AS n FROM vfs_chunks').get().n;
    db.close();
    writeFileSync(done, JSON.stringify({ chunks, buildSeconds: (performance.now() - t0) / 1000 }));
  }
  return { home, ...JSON.parse(readFileSync(done, 'utf8')) };
}

function processHome(count) {
  const home = join(HOMES, `procs-${count}`);
  if (!existsSync(join(home, 'built.json'))) {
    mkdirSync(home, { recursive: true });
    process.stderr.write(`building a home with ${count} processes ...\n`);
    execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'rss-processes.mjs'), 'fill', home, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(join(home, 'built.json'), JSON.stringify({ count }));
  }
  return home;
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '?');
const f2 = (x) => x.toFixed(2);
console.log(`# scaling (${quick ? 'QUICK smoke run' : 'full run'})\n`);
console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start; median of ${RUNS} alternating runs\n`);
if (startupOnly) {
  console.log('| home | chunks | `nlsh -c pwd` ms | `node -e 0` ms | pwd / node (paired) | pwd peak MB | `nlsh -c ls` ms | ls / node (paired) | ls peak MB |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, sources] of CHUNK_HOMES) {
    const h = chunkHome(name, sources);
    const pwd = paired(['bin/nlsh', '--home', h.home, '-c', 'pwd']);
    const ls = paired(['bin/nlsh', '--home', h.home, '-c', 'ls']);
    console.log(`| ${name} | ${h.chunks.toLocaleString('en')} | ${f0(pwd.ms)} | ${f0(pwd.node)} | **${f2(pwd.ratio)}x** | ${f0(pwd.peak)} | ${f0(ls.ms)} | **${f2(ls.ratio)}x** | ${f0(ls.peak)} |`);
  }
  process.exit(0);
}
console.log('| home | chunks | `nlsh -c pwd` ms | `node -e 0` ms | pwd / node (paired) | pwd peak MB | first `grep meaning` ms | its peak MB |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, sources] of procsOnly ? [] : CHUNK_HOMES) {
  const h = chunkHome(name, sources);
  const pwd = paired(['bin/nlsh', '--home', h.home, '-c', 'pwd']);
  const search = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) search.push(run(['bin/nlsh', '--home', h.home, '-c', 'grep meaning "copy files to another directory"']));
  console.log(`| ${name} | ${h.chunks.toLocaleString('en')} | ${f0(pwd.ms)} | ${f0(pwd.node)} | **${f2(pwd.ratio)}x** | ${f0(pwd.peak)} | ${f0(median(search.map((x) => x.ms)))} | ${f0(median(search.map((x) => x.peak)))} |`);
}
console.log('\n| processes | `node -e 0` ms | `nlsh -c pwd` ms | pwd / node (paired) | pwd peak MB | `nlsh -c ps` ms | ps / node (paired) | ps peak MB | `nlsh top --once` ms | top / node (paired) | top peak MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const count of PROCESS_HOMES) {
  const home = processHome(count);
  const env = { NLSH_EMBEDDER: 'hash' };
  run(['bin/nlsh', '--home', home, '-c', 'pwd'], env); // a home of an older schema is migrated once, outside the figures
  const pwd = paired(['bin/nlsh', '--home', home, '-c', 'pwd'], env);
  const ps = paired(['bin/nlsh', '--home', home, '-c', 'ps'], env);
  const top = paired(['bin/nlsh', '--home', home, 'top', '--once'], env);
  const node = median([pwd.node, ps.node, top.node]);
  console.log(`| ${count.toLocaleString('en')} | ${f0(node)} | ${f0(pwd.ms)} | ${f2(pwd.ratio)}x | ${f0(pwd.peak)} | ${f0(ps.ms)} | ${f2(ps.ratio)}x | ${f0(ps.peak)} | ${f0(top.ms)} | ${f2(top.ratio)}x | ${f0(top.peak)} |`);
}
