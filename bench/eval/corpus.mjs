// The evaluation corpus of bench/vfs-eval.mjs and bench/vfs-tune.mjs: this machine's
// section-1 man pages except the ~16k generated gcloud pages, as text, each page's NAME-line
// description cut out (it is the page's known-item query), one file per distinct text (aliases
// such as bzcat/bzip2 share one). Also the query sets and plain BM25 over whole files (no
// stemming), the yardstick computed in the same run.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { manToText, isManPage } from '../../dist/vfs/man-text.js';
import { HELDOUT_PARAPHRASES } from './heldout-paraphrases.mjs';
import { TUNING_PARAPHRASES } from './tuning-paraphrases.mjs';
import { TUNING_PARAPHRASES_2 } from './tuning-paraphrases-2.mjs';

const SRC = '/usr/share/man/man1';
// NLSH_EVAL_HOST: another place for the corpus (two evals running at once must not share one)
export const HOST = process.env.NLSH_EVAL_HOST ?? '/tmp/nlsh-eval-man1';

/** Writes the corpus to HOST; returns the query sets, relevance and the BM25 yardstick. */
export function prepareCorpus({ sample = 1 } = {}) {
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
    const first = ![...docs.values()].some((d) => d.group === group);
    docs.set(name, { text, group, indexed: first });
    if (first) writeFileSync(join(HOST, name), text);
  }
  const groupOf = (name) => docs.get(name)?.group;
  // one known-item query per distinct text (aliases share a NAME line)
  const seenGroups = new Set();
  const knownItems = known.filter((k) => !seenGroups.has(groupOf(k.target)) && seenGroups.add(groupOf(k.target)));
  const QUERIES = {
    known: knownItems.filter((_, i) => i % sample === 0),
    tuning: TUNING_PARAPHRASES.map(([target, q]) => ({ target, q })).filter((x) => docs.has(x.target)),
    tuning2: TUNING_PARAPHRASES_2.map(([target, q]) => ({ target, q })).filter((x) => docs.has(x.target)),
    heldout: HELDOUT_PARAPHRASES.map(([target, q]) => ({ target, q })).filter((x) => docs.has(x.target)),
  };

  // Plain BM25 over whole files, no stemming (k1 1.2, b 0.75), every query word OR-ed.
  const tok = (s) => s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const STOP = new Set('a an and are as at be by for from has have in is it its of on or that the this to was were will with what which who how do does i me my you your we our they them their there here about into than then so not no can'.split(' '));
  const bm = { tf: new Map(), len: new Map(), df: new Map(), avg: 0 };
  for (const [name, d] of docs) {
    if (!d.indexed) continue;
    const counts = new Map();
    const ws = tok(d.text);
    for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
    bm.tf.set(name, counts);
    bm.len.set(name, ws.length);
    for (const w of counts.keys()) bm.df.set(w, (bm.df.get(w) ?? 0) + 1);
  }
  bm.avg = [...bm.len.values()].reduce((a, b) => a + b, 0) / bm.len.size;
  function plainBm25(q) {
    const words = [...new Set(tok(q).filter((w) => !STOP.has(w) && w.length > 1))];
    const N = bm.len.size;
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
  /** recall@10 / MRR of `top` (a query's ranked file names) over QUERIES[set], as "0.872 / 0.657". */
  const score = async (set, top) => {
    let hit = 0, rr = 0;
    for (const { q, target } of QUERIES[set]) {
      const r = (await top(q)).findIndex((n) => groupOf(n) === groupOf(target));
      if (r >= 0 && r < 10) { hit++; rr += 1 / (r + 1); }
    }
    const n = QUERIES[set].length;
    return `${(hit / n).toFixed(3)} / ${(rr / n).toFixed(3)}`;
  };
  return { docs, groupOf, QUERIES, plainBm25, score, indexed: bm.len.size };
}
