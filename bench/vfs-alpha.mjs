// Tunes the hybrid fusion weight (alpha = weight of the vector side) on our own fixtures:
// the paraphrase fixture (12 word-sharing + 12 paraphrase queries) and the topic fixture
// (each file's first sentence as a query). Reports top-1 accuracy and MRR per alpha.
// Usage: node bench/vfs-alpha.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { glove, machine, openHome } from './vfs-common.mjs';

const fx = join(import.meta.dirname, '..', 'test', 'vfs', 'fixtures');
const q = JSON.parse(readFileSync(join(fx, 'paraphrase-queries.json'), 'utf8'));
const embedder = await glove();
const h = await openHome(embedder, [fx]);
await h.vfs.mount(join(fx, 'paraphrase'), '/p');
await h.vfs.mount(join(fx, 'topics'), '/t');
const topicQueries = [];
for (const d of readdirSync(join(fx, 'topics'))) {
  for (const f of readdirSync(join(fx, 'topics', d))) {
    const text = readFileSync(join(fx, 'topics', d, f), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))[0];
    topicQueries.push([text.split(/[.:]/)[0], `/t/${d}/${f}`]);
  }
}
const sets = {
  wordy: q.wordy.map(([s, f]) => [s, `/p/${f}`]),
  paraphrase: q.paraphrases.map(([s, f]) => [s, `/p/${f}`]),
  topicSentences: topicQueries,
};
const rows = [];
for (const alpha of [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1]) {
  const row = { alpha };
  for (const [name, set] of Object.entries(sets)) {
    let top1 = 0;
    let mrr = 0;
    for (const [query, target] of set) {
      const dir = target.startsWith('/p/') ? '/p' : '/t';
      const hits = await h.vfs.searchChunks(query, { limit: 10, dir, alpha, mode: 'hybrid' });
      const r = hits.findIndex((x) => x.path === target);
      if (r === 0) top1++;
      if (r >= 0) mrr += 1 / (r + 1);
    }
    row[name] = { top1: `${top1}/${set.length}`, mrr: +(mrr / set.length).toFixed(3) };
  }
  rows.push(row);
}
console.log(JSON.stringify({ bench: 'vfs-alpha', machine: machine(), embedder: embedder.id, rows }, null, 1));
h.vfs.close();
h.db.close();
h.cleanup();
