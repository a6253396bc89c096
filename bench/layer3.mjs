#!/usr/bin/env node
// Benchmark: how many of the offline parser's misses layer 3 (the Ollama intent compiler)
// fixes. The model is the fake Ollama server of the tests (test/helpers/fake-ollama.ts),
// scripted with a fixed reply per line: the reading the table expects, as the compiler's JSON.
// So this measures the plumbing, not a model's skill: which misses ever reach layer 3 (only
// lines layers 1-2 refuse; a wrong confident reading never does), and whether a right answer
// survives validation. Build first: npx tsc -p tsconfig.build.json ; then: node bench/layer3.mjs
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { createParser } from '../dist/shell/parse/parser.js';
import { createGloveEmbedder } from '../dist/embed/glove.js';
import { createOllamaBackend } from '../dist/llm/ollama.js';

const load = async (rel) => {
  const src = readFileSync(new URL(rel, import.meta.url), 'utf8');
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
};
const { UTTERANCES, HELD_OUT, HELD_OUT_B } = await load('../test/shell/parse/utterances.ts');
const { HELD_OUT_C } = await load('../test/shell/parse/held-out.ts');
const { startFakeOllama } = await load('../test/helpers/fake-ollama.ts');
const syscalls = [];
for (const m of ['proc', 'ipc', 'mem', 'fs', 'sys']) {
  const mod = await import(`../dist/kernel/syscalls/${m}.js`);
  for (const d of Object.values(mod).flat()) if (d && typeof d === 'object' && 'name' in d && 'args' in d) syscalls.push({ name: d.name, summary: d.summary, args: d.args });
}

const all = [...UTTERANCES, ...HELD_OUT, ...HELD_OUT_B, ...HELD_OUT_C];
const byLine = new Map(all.map((u) => [u.input, u]));
const server = await startFakeOllama({
  chat: (req) => {
    const u = byLine.get(req.messages.at(-1)?.content ?? '');
    const ok = u && u.expect !== 'refused' && !u.expect.startsWith('builtin:');
    return JSON.stringify(ok ? { syscall: u.expect, args: u.args, confidence: 0.9 } : { syscall: 'none', args: {}, confidence: 0.1 });
  },
});
const glove = await createGloveEmbedder();
const offline = createParser({ embedder: async () => glove });
const online = createParser({ embedder: async () => glove, llm: createOllamaBackend({ host: server.url, model: 'scripted', timeoutMs: 10_000 }), syscalls });

const right = (u, c) => (u.expect === 'refused' ? c === null
  : c !== null && [{ expect: u.expect, args: u.args }, ...(u.also ?? [])].some((w) => w.expect === (c.kind === 'syscall' ? c.syscall : `builtin:${c.builtin}`) && isDeepStrictEqual(w.args, c.args)));
const tryParse = async (p, line) => { try { return await p.parse(line); } catch { return null; } };

const rows = [];
for (const [name, table] of [['tuning set', UTTERANCES], ['held-out A', HELD_OUT], ['held-out B', HELD_OUT_B], ['held-out C (issue 12)', HELD_OUT_C]]) {
  let misses = 0; let refused = 0; let wrong = 0; let fixed = 0; let after = 0;
  for (const u of table) {
    const c0 = await tryParse(offline, u.input);
    const c1 = await tryParse(online, u.input);
    if (right(u, c1)) after++;
    if (right(u, c0)) continue;
    misses++;
    if (c0 === null) refused++; else wrong++;
    if (right(u, c1)) fixed++;
  }
  rows.push(`| ${name} | ${table.length} | ${misses} | ${refused} | ${wrong} | ${fixed} | ${table.length - misses}/${table.length} -> ${after}/${table.length} (${(100 * after / table.length).toFixed(1)}%) |`);
}
await server.close();
console.log(`Layer 3 against the fake Ollama server scripted with the expected reading per line (${os.cpus().length} cores, Node ${process.version}):\n`);
console.log('| table | lines | offline misses | refused offline | wrong offline | fixed by layer 3 | right: offline -> with layer 3 |');
console.log('|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
