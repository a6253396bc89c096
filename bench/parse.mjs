#!/usr/bin/env node
// Benchmark: parser latency (p50/p99 per line) for layer 1 (grammar) and layer 2 (intent
// matcher over the glove embedder), the one-off cost of embedding the intents' examples,
// and accuracy per layer on the utterance table and the held-out phrasings.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/parse.mjs [runs]
// The tables live in test/shell/parse/utterances.ts (no imports); it is transpiled here with
// the typescript package so the bench and the tests read the same table.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { createParser } from '../dist/shell/parse/parser.js';
import { createGloveEmbedder } from '../dist/embed/glove.js';

const RUNS = Number(process.argv[2] ?? 5);
const ITER = 20; // passes over the lines per run

const src = readFileSync(new URL('../test/shell/parse/utterances.ts', import.meta.url), 'utf8');
const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const { UTTERANCES, HELD_OUT, HELD_OUT_B } = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
// held-out set C (issue 12): its own file, written before tuning; entries may be 'refused' or list other right readings
const srcC = readFileSync(new URL('../test/shell/parse/held-out.ts', import.meta.url), 'utf8');
const jsC = ts.transpileModule(srcC, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const { HELD_OUT_C } = await import(`data:text/javascript;base64,${Buffer.from(jsC).toString('base64')}`);

const t0 = performance.now();
const glove = await createGloveEmbedder();
const gloveMs = performance.now() - t0;

async function accuracy(parser, table) {
  const by = {};
  let right = 0;
  for (const u of table) {
    let layer = 'refused';
    let ok = u.expect === 'refused';
    try {
      const c = await parser.parse(u.input);
      layer = `layer ${c.layer}`;
      const got = c.kind === 'syscall' ? c.syscall : `builtin:${c.builtin}`;
      ok = [{ expect: u.expect, args: u.args }, ...(u.also ?? [])].some((w) => w.expect === got && isDeepStrictEqual(c.args, w.args));
    } catch { /* refused */ }
    const t = (by[layer] ??= { n: 0, right: 0 });
    t.n++;
    if (ok) { t.right++; right++; }
  }
  return { by, right, n: table.length };
}

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => pct(xs, 0.5);

// Which lines each layer answers (decided once, with a warm parser).
const warm = createParser({ embedder: async () => glove });
const tIndex = performance.now();
await warm.parse('show me the processes'); // builds the intent index
const indexMs = performance.now() - tIndex;
const l1 = [];
const l2 = [];
for (const u of [...UTTERANCES, ...HELD_OUT, ...HELD_OUT_B, ...HELD_OUT_C]) {
  try {
    const c = await warm.parse(u.input);
    (c.layer === 1 ? l1 : l2).push(u.input);
  } catch { /* refusals are timed with layer 2 below */ l2.push(u.input); }
}

// Wall time per line, and this process's CPU time per line (less disturbed when other jobs
// preempt us on a shared machine; resolution ~1 µs).
async function latencies(parser, lines) {
  const out = [];
  const cpu = [];
  for (let k = 0; k < ITER; k++) {
    for (const line of lines) {
      const c = process.cpuUsage();
      const t = performance.now();
      try { await parser.parse(line); } catch { /* refusal still costs a parse */ }
      out.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
  }
  out.cpu = cpu;
  return out;
}

const rows = { l1p50: [], l1p99: [], l2p50: [], l2p99: [], sync: [], c1p50: [], c1p99: [], c2p50: [], c2p99: [] };
for (let r = 0; r < RUNS; r++) {
  const p = createParser({ embedder: async () => glove });
  await p.parse('what is running?');
  const a = await latencies(p, l1);
  const b = await latencies(p, l2);
  rows.l1p50.push(pct(a, 0.5)); rows.l1p99.push(pct(a, 0.99));
  rows.l2p50.push(pct(b, 0.5)); rows.l2p99.push(pct(b, 0.99));
  rows.c1p50.push(pct(a.cpu, 0.5)); rows.c1p99.push(pct(a.cpu, 0.99));
  rows.c2p50.push(pct(b.cpu, 0.5)); rows.c2p99.push(pct(b.cpu, 0.99));
  const t = performance.now();
  for (let k = 0; k < ITER; k++) for (const line of l1) p.parseSync(line);
  rows.sync.push(((performance.now() - t) * 1000) / (ITER * l1.length));
}

const accT = await accuracy(warm, UTTERANCES);
const accH = await accuracy(warm, HELD_OUT);
const accB = await accuracy(warm, HELD_OUT_B);
const accC = await accuracy(warm, HELD_OUT_C);
const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const cpu = os.cpus()[0]?.model ?? 'unknown';
console.log(`machine: ${os.cpus().length} cpus, ${cpu}, node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`glove load ${gloveMs.toFixed(0)} ms; intent index (all examples embedded once) ${indexMs.toFixed(0)} ms`);
console.log(`lines: layer 1 ${l1.length}, layer 2 ${l2.length}; ${RUNS} runs x ${ITER} passes; medians over runs`);
console.log(`layer 1 parse(): wall p50 ${fmt(median(rows.l1p50))}  p99 ${fmt(median(rows.l1p99))}   cpu p50 ${fmt(median(rows.c1p50))}  p99 ${fmt(median(rows.c1p99))}   parseSync(): mean ${median(rows.sync).toFixed(1)} µs`);
console.log(`layer 2 parse(): wall p50 ${fmt(median(rows.l2p50))}  p99 ${fmt(median(rows.l2p99))}   cpu p50 ${fmt(median(rows.c2p50))}  p99 ${fmt(median(rows.c2p99))}`);
for (const [name, acc] of [['utterance table', accT], ['held-out', accH], ['held-out B', accB], ['held-out C (issue 12)', accC]]) {
  const parts = Object.entries(acc.by).map(([l, t]) => `${l} ${t.right}/${t.n}`).join(', ');
  console.log(`accuracy ${name}: ${acc.right}/${acc.n} (${((100 * acc.right) / acc.n).toFixed(1)}%) — ${parts}`);
}
