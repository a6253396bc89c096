// The score a description must reach to be taken as a file (semantic-path.ts minFileScore),
// chosen by measurement (issue 10): on the eval corpus (bench/eval/corpus.mjs, section-1 man
// pages), the best file's score for every tuning query (right or wrong answer) and for 24
// off-topic queries written for this bench (everyday subjects no man page is about). A good
// threshold refuses every off-topic query and keeps every right answer. Tuning data only: the
// held-out paraphrases are not read. Also the ambiguity margin (semantic-path.ts margin): the gap
// between the best file and the runner-up, for right and for wrong best answers; a description
// whose gap is below the margin is ambiguous (cd asks, other commands refuse).
// Usage: node bench/vfs-threshold.mjs [--sample 4]
import { prepareCorpus, HOST } from './eval/corpus.mjs';
import { glove, openHome, machine } from './vfs-common.mjs';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const { QUERIES, groupOf } = prepareCorpus({ sample: Number(arg('--sample', '4')) });
const embedder = await glove();
const home = await openHome(embedder, [HOST]);
await home.vfs.mount(HOST, '/man');
const nameOf = (p) => p.slice(p.lastIndexOf('/') + 1);
const OFF_TOPIC = [
  'knitting patterns for sweaters', 'football results of last weekend', 'holiday photos from the beach', 'how to file my taxes',
  'the history of ancient rome', 'italian cooking recipes', 'xyzzy plugh frobnicate', 'best hiking trails in the alps',
  'how to train a puppy to sit', 'the plot of a famous opera', 'symptoms of the common cold', 'growing tomatoes on a balcony',
  'wedding speech ideas', 'the rules of chess openings', 'cheap flights to lisbon', 'how volcanoes form',
  'baking sourdough bread at home', 'learning to play the guitar', 'the life cycle of butterflies', 'choosing running shoes for a marathon',
  'painting a bedroom wall', 'poems about the sea', 'the french revolution causes', 'birthday gifts for a grandmother',
];
const right = [];
const wrong = [];
const gaps = { right: [], wrong: [] };
for (const set of ['known', 'tuning', 'tuning2']) {
  for (const { q, target } of QUERIES[set]) {
    const r = await home.vfs.find(q, '/man', { kind: 'file' });
    if (!r.length) continue;
    const ok = groupOf(nameOf(r[0].path)) === groupOf(target);
    (ok ? right : wrong).push(r[0].score);
    (ok ? gaps.right : gaps.wrong).push(r[0].score - (r[1]?.score ?? 0));
  }
}
const off = [];
for (const q of OFF_TOPIC) off.push({ q, score: (await home.vfs.find(q, '/man', { kind: 'file' }))[0]?.score ?? 0 });
off.sort((a, b) => b.score - a.score);
console.log(`# ${machine()}; best file's score: ${right.length} right and ${wrong.length} wrong answers of the tuning sets, ${off.length} off-topic queries`);
console.log(`lowest right answer: ${Math.min(...right).toFixed(3)}; highest off-topic: ${off.slice(0, 4).map((o) => `${o.score.toFixed(3)} "${o.q}"`).join(', ')}`);
console.log('| threshold | right answers kept | wrong answers kept | off-topic accepted |\n|---|---|---|---|');
for (const t of [0.25, 0.3, 0.325, 0.35, 0.375, 0.4]) {
  const kept = (xs) => xs.filter((s) => s >= t).length;
  console.log(`| ${t} | ${kept(right)} of ${right.length} | ${kept(wrong)} of ${wrong.length} | ${off.filter((o) => o.score >= t).length} of ${off.length} |`);
}
console.log('\n| margin | right answers taken (gap >= margin) | wrong answers taken |\n|---|---|---|');
for (const m of [0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05]) {
  const taken = (xs) => xs.filter((g) => g >= m).length;
  console.log(`| ${m} | ${taken(gaps.right)} of ${gaps.right.length} | ${taken(gaps.wrong)} of ${gaps.wrong.length} |`);
}
home.cleanup();
