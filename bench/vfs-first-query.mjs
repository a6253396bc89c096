// The first file-ranking query of a process on a big home (what `nlsh -c 'find ... similar-to'`
// or the first `cd "..."` of a session waits for): opens a copy of HOME in --runs fresh
// processes, one after the other, and times each one's first `find DIR similar-to` (its second
// too, for comparison), printing whether the index stamp held the chunk table's extent before
// the run (a stamp written before the lazy index did not: the load then diffs every chunk).
// Homes: bench/scaling.mjs builds them (chunks-man1 = ~97k chunks under /corpus).
// Usage: node bench/vfs-first-query.mjs HOME [--runs 3] [--dir /]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../dist/base/sqlite.js';
import { openVectorFS } from '../dist/vfs/vectorfs.js';
import { glove, machine } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const dir = arg('--dir', '/');
const QUERIES = ['compress files into an archive', 'show the differences between two files'];

if (process.argv[2] === '--child') {
  const home = process.argv[3];
  const embedder = await glove();
  const db = openDatabase({ file: join(home, 'nlsh.db') });
  const vfs = await openVectorFS({ db, embedder, clock: { now: () => Date.now() }, allowedRoots: [], indexDir: home });
  const ms = [];
  for (const q of QUERIES) {
    const t = performance.now();
    await vfs.find(q, dir, { limit: 10 });
    ms.push(performance.now() - t);
  }
  vfs.close();
  db.close();
  console.log(JSON.stringify(ms));
} else {
  const source = process.argv[2];
  if (!source) throw new Error('usage: node bench/vfs-first-query.mjs HOME [--runs 3] [--dir /]');
  const home = mkdtempSync(join(tmpdir(), 'nlsh-first-'));
  cpSync(resolve(source), home, { recursive: true });
  const extent = () => (JSON.parse(readFileSync(join(home, 'vfs-index.json'), 'utf8')).chunks ? 'yes' : 'no');
  console.log(`# ${machine()}; ${source} (a copy); first and second \`find ${dir} similar-to\` of each process`);
  console.log('| run | stamp had the extent | first query | second query |\n|---|---|---|---|');
  for (let r = 1; r <= Number(arg('--runs', '3')); r++) {
    const had = extent();
    const c = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', home, '--dir', dir], { encoding: 'utf8' });
    if (c.status !== 0) throw new Error(c.stderr);
    const [first, second] = JSON.parse(c.stdout.trim().split('\n').pop());
    console.log(`| ${r} | ${had} | ${first.toFixed(0)} ms | ${second.toFixed(0)} ms |`);
  }
  rmSync(home, { recursive: true, force: true });
}
