// Retrieval quality of every find-by-meaning command on real text (issue 10), against plain
// BM25 (no stemming, whole files, computed here in the same run) as the yardstick.
// Corpus: the section-1 man pages of this machine except the ~16k generated gcloud pages,
// converted to text, each page's NAME-line description removed from its text (it is the
// known-item query). Query sets: known items (NAME descriptions of >= 3 words), the tuning
// paraphrases and the HELD-OUT paraphrases (bench/eval/*.mjs; held-out never tuned on).
// A hit is the target page or a page with identical text (aliases). Reports recall@10 and MRR
// (first relevant rank within the top 10) per command, and cd-style resolution top-1.
// Usage: node bench/vfs-eval.mjs [--sets known,tuning,heldout] [--json]
import { mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { manToText, isManPage } from '../dist/vfs/man-text.js';
import { glove, openHome, machine } from './vfs-common.mjs';
import { HELDOUT_PARAPHRASES } from './eval/heldout-paraphrases.mjs';
import { TUNING_PARAPHRASES } from './eval/tuning-paraphrases.mjs';

const SRC = '/usr/share/man/man1';
const HOST = '/tmp/nlsh-eval-man1';
const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const sets = arg('--sets', 'known,tuning,heldout').split(',');
const sample = Number(arg('--sample', '1')); // every n-th known item (quick tuning runs)
const only = arg('--commands', ''); // comma-separated command names to run (default all)

// 1. The corpus: text of each page with its NAME description cut out.
rmSync(HOST, { recursive: true, force: true });
mkdirSync(HOST, { recursive: true });
const docs = new Map(); // name -> { text, group }
const known = [];
for (const f of readdirSync(SRC).sort()) {
  if (!f.endsWith('.gz') || f.startsWith('gcloud')) continue;
  const name = f.slice(0, -3);
  let text;
  try { text = gunzipSync(readFileSync(join(SRC, f))).toString('utf8'); } catch { continue; }
  if (isManPage(name, text)) text = manToText(text);
  const m = /^NAME\n([^\n]*?)(?:\s|\n)-+\s+([^\n]+)/m.exec(text.slice(0, 4000));
  if (m) {
    text = text.replace(m[0], `NAME\n${m[1]}`);
    if (m[2].trim().split(/\s+/).length >= 3) known.push({ q: m[2].trim(), target: name });
  }
  const group = createHash('sha1').update(text).digest('hex');
  docs.set(name, { text, group });
  writeFileSync(join(HOST, name), text);
}
const groupOf = (name) => docs.get(name)?.group;
// one known-item query per distinct text (aliases share a NAME line)
const seenGroups = new Set();
const knownItems = known.filter((k) => !seenGroups.has(groupOf(k.target)) && seenGroups.add(groupOf(k.target)));
const QUERIES = {
  known: knownItems.filter((_, i) => i % sample === 0),
  tuning: TUNING_PARAPHRASES.map(([target, q]) => ({ target, q })).filter((x) => docs.has(x.target)),
  heldout: HELDOUT_PARAPHRASES.map(([target, q]) => ({ target, q })).filter((x) => docs.has(x.target)),
};

// 2. Plain BM25 over whole files, no stemming (k1 1.2, b 0.75), every query word OR-ed.
const tok = (s) => s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
const STOP = new Set('a an and are as at be by for from has have in is it its of on or that the this to was were will with what which who how do does i me my you your we our they them their there here about into than then so not no can'.split(' '));
const bm = { tf: new Map(), len: new Map(), df: new Map(), avg: 0 };
for (const [name, d] of docs) {
  const counts = new Map();
  const ws = tok(d.text);
  for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
  bm.tf.set(name, counts);
  bm.len.set(name, ws.length);
  for (const w of counts.keys()) bm.df.set(w, (bm.df.get(w) ?? 0) + 1);
}
bm.avg = [...bm.len.values()].reduce((a, b) => a + b, 0) / docs.size;
function plainBm25(q) {
  const words = [...new Set(tok(q).filter((w) => !STOP.has(w) && w.length > 1))];
  const N = docs.size;
  const scores = [];
  for (const [name, counts] of bm.tf) {
    let s = 0;
    for (const w of words) {
      const f = counts.get(w);
      if (!f) continue;
      const n = bm.df.get(w);
      const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * bm.len.get(name)) / bm.avg));
    }
    if (s > 0) scores.push([name, s]);
  }
  return scores.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10).map(([n]) => n);
}

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
const out = { machine: machine(), docs: docs.size, files: rep.files, chunks: rep.chunks, mountSeconds: +mountS.toFixed(1), results };
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
