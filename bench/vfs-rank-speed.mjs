// A/B latency of the file ranking (rank-files.ts; and grep meaning's, rank-chunks.ts, when
// asked for with --commands) between two compiled builds, on the
// bench/vfs-eval.mjs corpus: mounts once (with build A), then opens the same home with both
// builds (copies) and runs every query through ls/find similar-to, search and cd-style resolution,
// alternating A and B per query, checking the results (paths and scores) are identical.
// With --home DIR it runs on a copy of an existing home instead (bench/scaling.mjs builds them:
// chunks-man1 = ~97k chunks in ~17.8k files under /corpus), the queries being every 20th page's
// NAME-line description (as bench/vfs-hybrid-scale.mjs), ranked within --dir (default /corpus).
// Usage: node bench/vfs-rank-speed.mjs [--a dist-before] [--b dist] [--sample 4] [--sets known,tuning,heldout]
//   [--commands 'search,ls similar-to,...'] (in this order: the first command meets each query's words first)
//   [--home DIR [--dir /corpus] [--queries 200]] [--alone]
// --alone times build B by itself (one VectorFS in the process, as one nlsh runs): the two builds
// interleaved share the machine's caches, which adds to both; their ratio is what the A/B is for.
import { mkdtempSync, cpSync, rmSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareCorpus, HOST } from './eval/corpus.mjs';
import { buildOpener, nameLineQueries } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const root = new URL('..', import.meta.url).pathname;
const distA = resolve(root, arg('--a', 'dist-before'));
const distB = resolve(root, arg('--b', 'dist'));
const sample = Number(arg('--sample', '4'));
const sets = arg('--sets', 'known,tuning,heldout').split(',');
const home = arg('--home', '');
const scope = home ? arg('--dir', '/corpus') : '/man';
const { QUERIES } = home ? { QUERIES: {} } : prepareCorpus({ sample });

async function build(dist) {
  const open = await buildOpener(dist);
  return { open: (dir) => open(dir, [HOST]) };
}
const alone = process.argv.includes('--alone');
const A = alone ? undefined : await build(distA);
const B = await build(distB);
const base = mkdtempSync(join(tmpdir(), 'nlsh-rankspeed-'));
const t0 = performance.now();
if (home) cpSync(resolve(home), base, { recursive: true });
else {
  const h = await (A ?? B).open(base);
  await h.vfs.mount(HOST, '/man');
  h.vfs.close();
  h.db.close();
}
console.log(home ? `copied ${home}` : `mounted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const dirA = base + '-a', dirB = base + '-b';
if (A) cpSync(base, dirA, { recursive: true });
cpSync(base, dirB, { recursive: true });
const ha = A ? await A.open(dirA) : undefined;
const hb = await B.open(dirB);
if (home) {
  // every 20th page's NAME-line description, as bench/vfs-hybrid-scale.mjs
  QUERIES.home = nameLineQueries(hb.db).filter((_, i) => i % 20 === 0).slice(0, Number(arg('--queries', '200')));
  sets.splice(0, sets.length, 'home');
}

const CMDS = {
  'ls similar-to': async (vfs, q) => (await vfs.ls(scope, { similarTo: q, limit: 10 })).map((e) => [e.path, e.score]),
  'find similar-to': async (vfs, q) => (await vfs.find(q, scope, { limit: 10 })).map((e) => [e.path, e.score]),
  search: async (vfs, q) => (await vfs.search(q, '/', { limit: 10 })).map((h) => [h.path, h.score, h.line]),
  'grep meaning': async (vfs, q) => (await vfs.grepMeaning(q, scope, { limit: 10 })).map((h) => [h.path, h.score, h.line]),
  resolve: async (vfs, q) => { try { return await vfs.resolve(scope, `"${q}"`, { semanticKind: 'file' }); } catch (e) { return e.code ?? String(e); } },
};
// first query builds the expansion table: timed apart
for (const [name, h] of [['A', ha], ['B', hb]].filter(([, h]) => h)) {
  const s = performance.now();
  await h.vfs.search('warm up the expansion table', '/', { limit: 10 });
  console.log(`first query ${name}: ${(performance.now() - s).toFixed(0)} ms`);
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
let diffs = 0;
let tieOnly = 0;
console.log(`${cpus().length} cores, node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${alone ? '' : `A=${distA} `}B=${distB}`);
for (const set of sets) {
  const qs = QUERIES[set];
  const order = arg('--commands', 'search,ls similar-to,find similar-to,resolve').split(',');
  for (const [cmd, fn] of order.map((c) => [c, CMDS[c]])) {
    const ta = [], tb = [];
    for (const [i, { q }] of qs.entries()) {
      const order = (i % 2 ? [['b', hb, tb], ['a', ha, ta]] : [['a', ha, ta], ['b', hb, tb]]).filter(([, h]) => h);
      const out = {};
      for (const [k, h, t] of order) {
        const s = performance.now();
        out[k] = await fn(h.vfs, q);
        t.push(performance.now() - s);
      }
      if (ha && JSON.stringify(out.a) !== JSON.stringify(out.b)) {
        // the same scores in the same order: only entries of equal (3-decimal) score were ordered
        // or picked at the last place differently (ls now orders by the exact score, as find does)
        const scores = (r) => (Array.isArray(r) ? JSON.stringify(r.map((e) => e[1])) : undefined);
        if (scores(out.a) !== undefined && scores(out.a) === scores(out.b)) { tieOnly++; continue; }
        diffs++;
        if (diffs <= 5) console.log(`DIFF ${cmd} "${q}":\n A ${JSON.stringify(out.a)}\n B ${JSON.stringify(out.b)}`);
      }
    }
    console.log(`${set} (${qs.length}) | ${cmd} | ${ha ? `p50 A ${med(ta).toFixed(2)} ms | ` : ''}p50 B ${med(tb).toFixed(2)} ms`);
  }
}
console.log(`differences: ${diffs} (and ${tieOnly} among equal scores only); load ${loadavg().map((x) => x.toFixed(1)).join(' ')}${alone ? `; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB` : ''}`);
for (const h of [ha, hb].filter(Boolean)) { h.vfs.close(); h.db.close(); }
for (const d of [base, dirA, dirB]) rmSync(d, { recursive: true, force: true });
