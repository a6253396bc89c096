#!/usr/bin/env node
// Runs every benchmark program in bench/ one after the other (never two at once: they would
// measure each other) and keeps what each printed in bench/results/raw/<name>.txt, with the
// command, the machine, the time it took and its exit status; then prints a summary table.
// `npm run bench` runs the full set (tens of minutes on 2 shared cores); `npm run bench --
// --quick` is a smoke run with small sizes and few repetitions (its figures are not the ones to
// quote). `--only a,b` runs only those. Build first: npm run build (the benches import dist/).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1]?.split(',') ?? []) : undefined;

/** Each bench's arguments: full run, quick run. Files in bench/ that are not programs, and A/B programs that need a second build, are listed as null. */
const PLAN = {
  'agents.mjs': [[], ['1']],
  'audit-anchor.mjs': [[], ['200', '1']],
  'build.mjs': [[], ['1', '2']],
  'bus.mjs': [[], ['1']],
  'dispatch.mjs': [[], ['1']],
  'embed.mjs': [[], ['--no-recall']],
  'layer3.mjs': [[], []],
  'parse.mjs': [[], ['1']],
  'repl.mjs': [[], ['40']],
  'repl-start.mjs': [[], ['--runs', '3']],
  'rss-processes.mjs': [['10000', '3'], ['1000', '1']],
  'scheduler.mjs': [[], ['1000', '1']],
  'startup.mjs': [[], ['3']],
  'top.mjs': [[], ['10']],
  'vfs-alpha.mjs': [[], []],
  'vfs-append.mjs': [[], ['20', '10']],
  'vfs-after-write.mjs': null, // compares two builds: needs a baseline copy of dist/ as --a (see its header)
  // a probe run by hand: its --vec files are word vectors trained first (bench/docvec/train.mjs: Debian's fasttext, ~30 min)
  'vfs-docvec.mjs': null,
  'vfs-eval.mjs': [[], ['--sets', 'known']],
  'vfs-tune.mjs': [[], ['--sample', '1']],
  'vfs-tune-grep.mjs': [[], ['--sample', '8', '--only', 'default now']],
  'vfs-threshold.mjs': [[], ['--sample', '8']],
  // these read homes that scaling.mjs (run before them: programs run in name order) builds
  'vfs-first-query.mjs': [['/tmp/nlsh-bench-scale/chunks-man1'], ['/tmp/nlsh-bench-scale/chunks-man7', '--runs', '2']],
  'vfs-ef.mjs': [['/tmp/nlsh-bench-scale/chunks-man1'], ['/tmp/nlsh-bench-scale/chunks-man7', '--docs', '20', '--efs', '64,512']],
  'vfs-hybrid-scale.mjs': [['/tmp/nlsh-bench-scale/chunks-man1', '/tmp/nlsh-bench-scale/chunks-man1+doc'], ['/tmp/nlsh-bench-scale/chunks-man7']],
  'vfs-mount.mjs': [['/usr/share/man/man3', '3'], ['/usr/share/man/man7', '1']],
  'vfs-query.mjs': [[], ['/usr/share/man/man7', '/tmp/nlsh-bench-vfs-man7']],
  'scaling.mjs': [[], ['--quick']],
  'vfs-common.mjs': null,
  'vfs-paraphrases.mjs': null,
  'vfs-rank-speed.mjs': null, // compares two builds: needs a baseline copy of dist/ as --a (see its header)
  'vfs-query-ab.mjs': null, // compares two builds: needs a baseline copy of dist/ (see its header)
  'run-all.mjs': null,
};

if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const programs = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.mjs')).sort();
const unknown = programs.filter((f) => !(f in PLAN));
if (unknown.length) {
  // a new bench must be added to PLAN (with its quick arguments), so it is never silently skipped
  console.error(`bench/run-all.mjs does not know ${unknown.join(', ')}: add it to PLAN`);
  process.exit(2);
}
const rawDir = join(ROOT, 'bench', 'results', 'raw');
mkdirSync(rawDir, { recursive: true });
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`;
const rows = [];
for (const f of programs) {
  const plan = PLAN[f];
  if (!plan) continue;
  const name = f.replace(/\.mjs$/, '');
  if (only && !only.has(name)) continue;
  const argv = quick ? plan[1] : plan[0];
  const command = `node bench/${f}${argv.length ? ' ' + argv.join(' ') : ''}`;
  const load = loadavg()[0].toFixed(1);
  process.stderr.write(`${command} ...`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', join('bench', f), ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 3_600_000 });
  const s = (performance.now() - t0) / 1000;
  const status = r.error ? `failed: ${r.error.message}` : r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`;
  process.stderr.write(` ${status} (${s.toFixed(1)} s)\n`);
  const header = `# ${command}\n# ${new Date().toISOString()}; ${machine}; load average ${load} at start${quick ? '; QUICK (smoke) run' : ''}\n# ${status} after ${s.toFixed(1)} s\n\n`;
  writeFileSync(join(rawDir, `${name}${quick ? '.quick' : ''}.txt`), header + (r.stdout ?? '') + (r.stderr ? `\n--- stderr ---\n${r.stderr}` : ''));
  rows.push({ command, status, s });
}
console.log(`| bench | status | seconds |\n|---|---|---|`);
for (const r of rows) console.log(`| \`${r.command}\` | ${r.status} | ${r.s.toFixed(1)} |`);
console.log(`\noutputs: bench/results/raw/*${quick ? '.quick' : ''}.txt (${machine})`);
process.exit(rows.every((r) => r.status === 'ok') ? 0 : 1);
