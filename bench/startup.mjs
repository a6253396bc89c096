// Startup benchmark: time to first output of `nlsh --version` and `nlsh -c pwd` (glove and
// hash embedders, warm home and caches) against bare `node -e 0`; median of N runs each.
// Target: within 3x bare node. Run after `npm run build`:
//   node bench/startup.mjs [runs=10]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'nlsh');
const RUNS = Number(process.argv[2] ?? 10);
const home = mkdtempSync(join(tmpdir(), 'nlsh-bench-startup-'));

/** Spawns node with args; resolves with ms to the first stdout byte and ms to exit. */
function time(args, env = {}) {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    let first = null;
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const p = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stdout.on('data', () => { first ??= ms(); });
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', rej);
    p.on('close', (code) => {
      if (code !== 0) rej(new Error(`${args.join(' ')} exited ${code}: ${err}`));
      else res({ first: first ?? ms(), exit: ms() });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure(label, args, env) {
  await time(args, env); // warm: first boot creates the database, file caches settle
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await time(args, env));
  return { label, first: median(runs.map((r) => r.first)), exit: median(runs.map((r) => r.exit)) };
}

try {
  const rows = [];
  rows.push(await measure('node -e 0', ['-e', '0']));
  rows.push(await measure('nlsh --version', [BIN, '--version']));
  rows.push(await measure('nlsh -c pwd (hash embedder)', [BIN, '--home', join(home, 'hash'), '--embedder', 'hash', '-c', 'pwd']));
  rows.push(await measure('nlsh -c pwd (glove, default)', [BIN, '--home', join(home, 'glove'), '-c', 'pwd']));
  rows.push(await measure('nlsh -c help (no kernel)', [BIN, '--home', join(home, 'hash'), '-c', 'help']));
  const base = rows[0].exit;
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model ?? '?';
  console.log(`machine: ${cpus().length} cpus (${cpu}), node ${process.version}; median of ${RUNS} runs`);
  console.log('| command | first output (ms) | exit (ms) | x node -e 0 |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| \`${r.label}\` | ${r.first.toFixed(0)} | ${r.exit.toFixed(0)} | ${(r.first / base).toFixed(2)} |`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
