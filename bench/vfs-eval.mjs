// Retrieval quality of every find-by-meaning command on real text (issue 10), against plain
// BM25 (no stemming, whole files, computed here in the same run) as the yardstick.
// Corpus: the section-1 man pages of this machine except the ~16k generated gcloud pages,
// converted to text, each page's NAME-line description removed from its text (it is the
// known-item query). Query sets: known items (NAME descriptions of >= 3 words), the tuning
// paraphrases and the HELD-OUT paraphrases (bench/eval/*.mjs; held-out never tuned on).
// One file per distinct text is indexed (aliases share it). Reports recall@10 and MRR
// (first relevant rank within the top 10) per command, and cd-style resolution top-1.
// Usage: node bench/vfs-eval.mjs [--sets known,tuning,heldout] [--json]
import { prepareCorpus, HOST } from './eval/corpus.mjs';
import { glove, openHome, machine } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const sets = arg('--sets', 'known,tuning,heldout').split(',');
const sample = Number(arg('--sample', '1')); // every n-th known item (quick tuning runs)
const only = arg('--commands', ''); // comma-separated command names to run (default all)
const { docs, groupOf, QUERIES, plainBm25, indexed } = prepareCorpus({ sample });

// 3. Mount the corpus and define each command's top 10 files.
const embedder = await glove();
const home = await openHome(embedder, [HOST]);
const t0 = performance.now();
const rep = await home.vfs.mount(HOST, '/man');
const mountS = (performance.now() - t0) / 1000;
const vfs = home.vfs;
const nameOf = (p) => p.slice(p.lastIndexOf('/') + 1);
const COMMANDS = {
  'plain BM25 (yardstick)': async (q) => plainBm25(q),
  'ls similar-to': async (q) => (await vfs.ls('/man', { similarTo: q, limit: 10 })).map((e) => nameOf(e.path)),
  'find similar-to': async (q) => (await vfs.find(q, '/man', { limit: 10 })).map((e) => nameOf(e.path)),
  'grep meaning before (alpha 0.5 no stemming)': async (q) => [...new Set((await vfs.searchChunks(q, { limit: 40, dir: '/man', fusion: 'alpha', stemming: false, expansion: { count: 0, weight: 0 } })).map((h) => nameOf(h.path)))].slice(0, 10),
  'grep meaning (files)': async (q) => [...new Set((await vfs.grepMeaning(q, '/man', { limit: 40 })).map((h) => nameOf(h.path)))].slice(0, 10),
  search: async (q) => vfs.search
    ? (await vfs.search(q, '/', { limit: 10 })).map((h) => nameOf(h.path))
    : [...new Set((await vfs.grepMeaning(q, '/', { limit: 40 })).map((h) => nameOf(h.path)))].slice(0, 10),
};
async function resolveTop1(q) {
  try { return { path: nameOf((await vfs.resolve('/man', `"${q}"`, { semanticKind: 'file' })).path) }; } catch (e) { return { refused: e.code ?? String(e) }; }
}

const results = {};
for (const set of sets) {
  const qs = QUERIES[set];
  const row = {};
  for (const [cmd, fn] of Object.entries(COMMANDS)) {
    if (only && !only.split(',').includes(cmd)) continue;
    let hit = 0, rr = 0;
    const ms = [];
    for (const { q, target } of qs) {
      const s = performance.now();
      const top = await fn(q);
      ms.push(performance.now() - s);
      const r = top.findIndex((n) => groupOf(n) === groupOf(target));
      if (r >= 0) { hit++; rr += 1 / (r + 1); }
    }
    ms.sort((a, b) => a - b);
    row[cmd] = { recall10: +(hit / qs.length).toFixed(3), mrr: +(rr / qs.length).toFixed(3), p50ms: +ms[Math.floor(ms.length / 2)].toFixed(2) };
  }
  let top1 = 0, refused = 0;
  for (const { q, target } of only && !only.includes('cd') ? [] : qs) {
    const r = await resolveTop1(q);
    if (r.refused) refused++;
    else if (groupOf(r.path) === groupOf(target)) top1++;
  }
  row['cd-style resolution top-1'] = { top1: +(top1 / qs.length).toFixed(3), refused: +(refused / qs.length).toFixed(3) };
  results[set] = { queries: qs.length, ...row };
}
const out = { machine: machine(), docs: indexed, files: rep.files, chunks: rep.chunks, mountSeconds: +mountS.toFixed(1), results };
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 1));
else {
  console.log(`# ${out.machine}; ${out.docs} pages, ${out.chunks} chunks, mounted in ${out.mountSeconds} s`);
  for (const [set, r] of Object.entries(results)) {
    console.log(`\n## ${set} (${r.queries} queries)\n| command | recall@10 | MRR | p50 ms |\n|---|---|---|---|`);
    for (const [cmd, v] of Object.entries(r)) {
      if (cmd === 'queries') continue;
      if ('top1' in v) console.log(`| ${cmd} | top-1 ${v.top1} | refused ${v.refused} | |`);
      else console.log(`| ${cmd} | ${v.recall10} | ${v.mrr} | ${v.p50ms} |`);
    }
  }
}
home.cleanup();
