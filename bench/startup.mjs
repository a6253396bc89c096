#!/usr/bin/env node
// Start-up benchmark: how long `nlsh --version`, `-c pwd`, `-c ls` and `-c help` take as whole
// processes, each run alternating with a bare `node -e 0` (a pair), so a change in the machine's
// load moves both; the figure to read is the median of the pairs' ratios. With --baseline BIN
// (another build's bin/nlsh, e.g. main's checkout) every command of that build is run in the same
// pairs too, for a before/after in one process. Wall time is read around each child (spawnSync,
// output read and dropped); CPU time (user+sys) and peak RSS from /usr/bin/time when present.
// Homes: a fresh one per embedder (its first run, a warm-up, creates it), or --home DIR.
// Build first (npm run build). Usage:
//   node bench/startup.mjs [--runs 11] [--home DIR] [--baseline /path/to/other/bin/nlsh]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', 11));
const BASELINE = opt('--baseline', null);
const GIVEN_HOME = opt('--home', null);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const tmp = mkdtempSync(join(tmpdir(), 'nlsh-bench-startup-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs node with args; wall ms, and CPU ms and peak MB when /usr/bin/time is there. */
function run(args, env = {}) {
  const cmd = TIME ?? process.execPath;
  const full = TIME ? ['-f', '%U %S %M', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const [u, s, m] = TIME ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, cpu: (u + s) * 1000, peak: m / 1024 };
}

// a home per build and embedder: a newer build may migrate a home's schema past what the other reads
const homeFor = (build, embedder) => GIVEN_HOME ?? join(tmp, `${build.replace(/\W/g, '-')}-${embedder}`);

const builds = [['this build', join(ROOT, 'bin', 'nlsh')], ...(BASELINE ? [['baseline', resolve(BASELINE)]] : [])];
const commands = [
  ['--version', () => ['--version'], 'hash'],
  ['-c pwd (hash embedder)', (h, e) => ['--home', h, '--embedder', e, '-c', 'pwd'], 'hash'],
  ['-c pwd (glove, default)', (h) => ['--home', h, '-c', 'pwd'], 'glove'],
  ['-c ls', (h) => ['--home', h, '-c', 'ls'], 'glove'],
  ['-c help (no kernel)', (h) => ['--home', h, '-c', 'help'], 'glove'],
];

try {
  const rows = [];
  for (const [label, args, embedder] of commands) {
    const cells = builds.map(([build, bin]) => ({ build, bin, args: [bin, ...args(homeFor(build, embedder), embedder)], a: [], b: [] }));
    for (const c of cells) { run(c.args); run(['-e', '0']); } // warm-up: the first boot creates the home
    for (let i = 0; i < RUNS; i++) {
      for (const c of cells) {
        c.b.push(run(['-e', '0']));
        c.a.push(run(c.args));
      }
    }
    for (const c of cells) {
      rows.push({
        label: `nlsh ${label}`, build: c.build, ms: median(c.a.map((x) => x.ms)), node: median(c.b.map((x) => x.ms)),
        ratio: median(c.a.map((x, i) => x.ms / c.b[i].ms)), cpuRatio: median(c.a.map((x, i) => x.cpu / c.b[i].cpu)),
        cpu: median(c.a.map((x) => x.cpu)), peak: median(c.a.map((x) => x.peak)),
      });
    }
  }
  const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '?');
  const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '?');
  console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end; median of ${RUNS} pairs (each run alternating with node -e 0)\n`);
  console.log('| command | build | wall ms | `node -e 0` ms | wall / node (paired) | CPU ms | CPU / node (paired) | peak MB |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| \`${r.label}\` | ${r.build} | ${f0(r.ms)} | ${f0(r.node)} | **${f2(r.ratio)}x** | ${f0(r.cpu)} | ${f2(r.cpuRatio)}x | ${f0(r.peak)} |`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
