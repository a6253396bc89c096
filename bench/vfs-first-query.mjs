// The first file-ranking query of a process on a big home (what `nlsh -c 'find ... similar-to'`
// or the first `cd "..."` of a session waits for): opens a copy of HOME in --runs fresh
// processes, one after the other, and times each one's first `find DIR similar-to` (its second
// too, for comparison), printing whether the index stamp held the chunk table's extent before
// the run (a stamp written before the lazy index did not: the load then diffs every chunk).
// Homes: bench/scaling.mjs builds them (chunks-man1 = ~97k chunks under /corpus).
// With --vs DIST (another build's compiled code, e.g. a worktree's dist) each run also opens its
// own copy of HOME with that build, alternating, and the medians and the median of the per-run
// ratios are printed (a same-run before/after).
// --command grep times `grep meaning` instead of `find similar-to`.
// Usage: node bench/vfs-first-query.mjs HOME [--runs 3] [--dir /] [--vs DIST] [--command find|grep]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildOpener, machine, median } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const dir = arg('--dir', '/');
const command = arg('--command', 'find');
if (!['find', 'grep'].includes(command)) throw new Error(`--command: find or grep, not ${command}`);
const QUERIES = ['compress files into an archive', 'show the differences between two files'];

if (process.argv[2] === '--child') {
  const home = process.argv[3];
  const { db, vfs } = await (await buildOpener(resolve(arg('--dist', new URL('../dist', import.meta.url).pathname))))(home);
  const ms = [];
  for (const q of QUERIES) {
    const t = performance.now();
    if (command === 'grep') await vfs.grepMeaning(q, dir, { limit: 10 });
    else await vfs.find(q, dir, { limit: 10 });
    ms.push(performance.now() - t);
  }
  vfs.close();
  db.close();
  console.log(JSON.stringify(ms));
} else {
  const source = process.argv[2];
  if (!source) throw new Error('usage: node bench/vfs-first-query.mjs HOME [--runs 3] [--dir /]');
  const vs = arg('--vs', '');
  const builds = [['this build', new URL('../dist', import.meta.url).pathname], ...(vs ? [['--vs', resolve(vs)]] : [])];
  const homes = builds.map(() => {
    const home = mkdtempSync(join(tmpdir(), 'nlsh-first-'));
    cpSync(resolve(source), home, { recursive: true });
    return home;
  });
  const extent = (home) => (JSON.parse(readFileSync(join(home, 'vfs-index.json'), 'utf8')).chunks ? 'yes' : 'no');
  console.log(`# ${machine()}; ${source} (a copy per build); first and second \`${command === 'grep' ? `grep meaning ... ${dir}` : `find ${dir} similar-to`}\` of each process${vs ? `; alternating with ${vs}` : ''}`);
  console.log('| run | build | stamp had the extent | first query | second query |\n|---|---|---|---|---|');
  const firsts = builds.map(() => []);
  for (let r = 1; r <= Number(arg('--runs', '3')); r++) {
    const order = r % 2 ? builds.map((_, i) => i) : builds.map((_, i) => i).reverse();
    for (const b of order) {
      const had = extent(homes[b]);
      const c = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', homes[b], '--dir', dir, '--command', command, '--dist', builds[b][1]], { encoding: 'utf8' });
      if (c.status !== 0) throw new Error(c.stderr);
      const [first, second] = JSON.parse(c.stdout.trim().split('\n').pop());
      firsts[b].push(first);
      console.log(`| ${r} | ${builds[b][0]} | ${had} | ${first.toFixed(0)} ms | ${second.toFixed(0)} ms |`);
    }
  }
  // the first run of a copy may rewrite an old stamp: the medians leave it out when there are more
  const later = (xs) => (xs.length > 2 ? xs.slice(1) : xs);
  const meds = firsts.map((xs) => median(later(xs)));
  console.log(`first query, median of runs 2-: ${builds.map(([n], b) => `${n} ${meds[b].toFixed(0)} ms`).join(', ')}`);
  if (vs) console.log(`median of per-run ratios (this build / --vs), runs 2-: ${median(later(firsts[0]).map((x, i) => x / later(firsts[1])[i])).toFixed(2)}`);
  for (const home of homes) rmSync(home, { recursive: true, force: true });
}
