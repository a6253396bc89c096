#!/usr/bin/env node
// REPL start-up benchmark: milliseconds from starting `nlsh` in a terminal to its first prompt
// (`user@nlsh:/$`) on the screen. The terminal is a real pseudo-terminal made by util-linux
// `script` (120x40); the time is read from spawning `script` to the first output chunk that
// holds the prompt, and the shell is then told `exit`. Each run alternates with a `node -e 0`
// run inside the same kind of terminal (a pair); the ratio is the median of the pairs' ratios.
// With --baseline BIN another build's bin/nlsh runs in the same pairs (before/after in one run).
// Build first (npm run build). Usage:
//   node bench/repl-start.mjs [--runs 9] [--baseline /path/to/other/bin/nlsh]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', 9));
const BASELINE = opt('--baseline', null);
const home = mkdtempSync(join(tmpdir(), 'nlsh-bench-repl-start-'));
const PROMPT = /@nlsh:[^\s$]*\$/;
const ESC = /\x1b\[[0-9;?]*[A-Za-z]/g;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a shell command line in a 120x40 pseudo-terminal; resolves with ms until `until` matches the output (or until exit when no pattern). */
function inTerminal(cmdline, until) {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${cmdline}`, '/dev/null'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let ms = null;
    const timer = setTimeout(() => { p.kill('SIGKILL'); rej(new Error(`no prompt after 60 s: ${out.replace(ESC, '').slice(-300)}`)); }, 60_000);
    p.stdout.on('data', (d) => {
      out += d;
      if (ms === null && until && PROMPT.test(out.replace(ESC, ''))) {
        ms = Number(process.hrtime.bigint() - t0) / 1e6;
        p.stdin.write('exit\r');
      }
    });
    p.on('error', rej);
    p.on('close', () => {
      clearTimeout(timer);
      if (!until) res(Number(process.hrtime.bigint() - t0) / 1e6);
      else if (ms === null) rej(new Error(`nlsh exited before its prompt: ${out.replace(ESC, '').slice(-300)}`));
      else res(ms);
    });
  });
}

const builds = [['this build', join(ROOT, 'bin', 'nlsh')], ...(BASELINE ? [['baseline', resolve(BASELINE)]] : [])];
const nlshLine = (bin) => `${quote(process.execPath)} ${quote(bin)} --home ${quote(home)}`;
const nodeLine = `${quote(process.execPath)} -e 0`;

try {
  const cells = builds.map(([build, bin]) => ({ build, bin, a: [], b: [] }));
  for (const c of cells) { await inTerminal(nlshLine(c.bin), true); await inTerminal(nodeLine, false); } // warm-up: creates the home
  for (let i = 0; i < RUNS; i++) {
    for (const c of cells) {
      c.b.push(await inTerminal(nodeLine, false));
      c.a.push(await inTerminal(nlshLine(c.bin), true));
    }
  }
  console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end; median of ${RUNS} pairs\n`);
  console.log('| build | `nlsh` to first prompt, ms | `node -e 0` in the same terminal, ms | prompt / node (paired) |');
  console.log('|---|---|---|---|');
  for (const c of cells) console.log(`| ${c.build} | ${median(c.a).toFixed(0)} | ${median(c.b).toFixed(0)} | **${median(c.a.map((x, i) => x / c.b[i])).toFixed(2)}x** |`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
