// The file ranking right after a write, on a big home (issue 10's corpus of ~100k chunks with an
// agent writing notes beside it): A/B between two compiled builds. Each build opens its own copy
// of HOME and answers one `find` to warm up; then, alternating A and B per round, each writes a
// note (a new file, or one of the earlier notes again with other words) and times the next
// `find DIR similar-to`, `search` and `grep meaning` (new queries each round: NAME-line
// descriptions of the home's man pages), then one more `find` without a write between.
// Usage: node bench/vfs-after-write.mjs HOME --a OLD/dist [--b dist] [--rounds 20] [--dir /corpus]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildOpener, machine, nameLineQueries } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const root = new URL('..', import.meta.url).pathname;
const home = process.argv[2];
if (!home || home.startsWith('--')) {
  console.error('usage: node bench/vfs-after-write.mjs HOME --a OLD/dist [--b dist] [--rounds 20] [--dir /corpus]');
  process.exit(2);
}
const dir = arg('--dir', '/corpus');
const rounds = Number(arg('--rounds', '20'));

const base = mkdtempSync(join(tmpdir(), 'nlsh-afterwrite-'));
const builds = [];
for (const [name, d] of [['A', arg('--a', 'dist-before')], ['B', arg('--b', 'dist')]]) {
  const copy = join(base, name);
  cpSync(resolve(home), copy, { recursive: true });
  const h = await (await buildOpener(resolve(root, d)))(copy);
  await h.vfs.mkdir('/agent-notes');
  let s = performance.now();
  await h.vfs.find('warm up the caches', dir, { limit: 10 });
  console.log(`${name} = ${d}: first find ${(performance.now() - s).toFixed(0)} ms`);
  builds.push({ name, h, t: { find: [], search: [], grep: [], again: [] } });
}
const qs = nameLineQueries(builds[0].h.db).filter((_, i) => i % 37 === 0).map((x) => x.q);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (list, f) => { const s = performance.now(); await f(); list.push(performance.now() - s); };
for (let r = 0; r < rounds; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    const { vfs } = b.h;
    await vfs.write(`/agent-notes/note-${r % 5}.txt`, `round ${r}: the staging server ${r % 3 ? 'kestrel' : 'osprey'} was restarted after the ${r}th deploy`);
    const [q1, q2, q3, q4] = qs.slice(r * 4, r * 4 + 4);
    await time(b.t.find, () => vfs.find(q1, dir, { limit: 10 }));
    await time(b.t.search, () => vfs.search(q2, '/', { limit: 10 }));
    await time(b.t.grep, () => vfs.grepMeaning(q3, dir, { limit: 10 }));
    await time(b.t.again, () => vfs.find(q4, dir, { limit: 10 }));
  }
}
console.log(`${machine()}; ${rounds} rounds, alternating; p50 ms`);
console.log('| build | find after a write | search after a write | grep meaning after a write | find, no write between |\n|---|---|---|---|---|');
for (const b of builds) console.log(`| ${b.name} | ${med(b.t.find).toFixed(1)} | ${med(b.t.search).toFixed(1)} | ${med(b.t.grep).toFixed(1)} | ${med(b.t.again).toFixed(1)} |`);
for (const b of builds) (b.h.vfs.close(), b.h.db.close());
rmSync(base, { recursive: true, force: true });
