#!/usr/bin/env node
// Benchmark: the agents' tool loop (issue 9). Build first: npx tsc -p tsconfig.build.json ;
// then: node --expose-gc bench/agents.mjs [runs]
//   tool-call   kernel overhead of one tool call — runTool(): JSON arguments -> dispatch (zod
//               validation, two RBAC checks, handler fs.cat, audit record, event) -> the tool
//               message's JSON — as an agent, durable audit (fsync per call, the default) and
//               batched audit; against one model call to a loopback Ollama-compatible server
//               through the real `ollama` client (a lower bound of any backend's time: a real
//               model takes 10^2..10^4 times longer).
//   quanta      quanta per second across 100 agents on a zero-latency in-process backend:
//               each agent gets one REQUEST whose answer is 64 tokens; with a quantum of 16
//               tokens each turn takes 4 quanta (3 preemptions + the answer); one inference slot.
//               In-memory database (no fsync), then a home on disk (every reply's audit record
//               and the bus flush fsync'd).
//   idle-rss    RSS and JS heap per idle agent: 3,000 agents spawned (each with its workspace directory)
//               on a kernel with the runtime attached, after a GC, in a fresh child process.
// Median of runs. The machine is shared with other engineers: read ratios against the
// same-run baselines, not absolute times.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { attachAgentRuntime } from '../dist/agents/runtime.js';
import { runTool } from '../dist/agents/tool-loop.js';
import { createHashEmbedder } from '../dist/embed/hash.js';
import { bootKernel } from '../dist/kernel/kernel.js';
import { createOllamaBackend } from '../dist/llm/ollama.js';

const RUNS = Number(process.argv[2] ?? 5);
const ONLY = process.argv[3]; // profile one scenario: quanta
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function boot(opts = {}) {
  const dir = mkdtempSync(join(os.tmpdir(), 'nlsh-bench-agents-'));
  const kernel = await bootKernel({
    ...(opts.disk ? { home: dir } : { inMemory: true }),
    embedder: createHashEmbedder(64), user: 'bench', allowedRoots: [dir], env: {}, durableAudit: opts.durable ?? true,
    ...(opts.quantumTokens ? { quantumTokens: opts.quantumTokens } : {}),
  });
  return { kernel, done: async () => { await kernel.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** µs per tool call through runTool, as an agent. */
async function toolCall(durable, n) {
  const { kernel, done } = await boot({ disk: true, durable });
  await kernel.call('fs.write', { path: '/knowledge/notes.md', content: 'a note about the sea\n'.repeat(20) });
  const agent = (await kernel.call('proc.spawn', { description: 'a reader', budget: 1000 })).process;
  const session = kernel.sessionOf(agent.pid);
  const call = { name: 'fs_cat', arguments: { path: '/knowledge/notes.md' } };
  for (let i = 0; i < 20; i++) await runTool(kernel, session, call, 8000); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = await runTool(kernel, session, call, 8000);
    if (!r.ok) throw new Error(r.content);
  }
  const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  await done();
  return us;
}

/** A loopback Ollama-compatible /api/chat that streams 16 one-word chunks at once. */
async function loopbackServer() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const base = { model: 'bench', created_at: new Date(0).toISOString() };
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (let i = 0; i < 16; i++) res.write(JSON.stringify({ ...base, message: { role: 'assistant', content: ` w${i}` }, done: false }) + '\n');
      res.end(JSON.stringify({ ...base, message: { role: 'assistant', content: '' }, done: true, done_reason: 'length', prompt_eval_count: 3, eval_count: 16 }) + '\n');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** µs per streamed model call (16 tokens) to the loopback server, through the real client. */
async function backendCall(n) {
  const fake = await loopbackServer();
  const llm = createOllamaBackend({ host: fake.url, model: 'bench' });
  const req = { messages: [{ role: 'user', content: 'say sixteen words' }], maxTokens: 16 };
  for (let i = 0; i < 10; i++) for await (const _ of llm.chatStream(req));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) for await (const _ of llm.chatStream(req));
  const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  await fake.close();
  return us;
}

/** A model backend that answers at once: 64 words, cut at num_predict with done_reason 'length'. */
function zeroLatencyBackend() {
  const words = Array.from({ length: 64 }, (_, i) => ` w${i}`);
  return {
    host: 'in-process', model: 'zero',
    async chat() { throw new Error('not used'); },
    async *chatStream(req) {
      const last = req.messages.at(-1);
      const done = last?.role === 'assistant' ? last.content.split(' ').length - 1 : 0;
      const rest = words.slice(done);
      const give = rest.slice(0, req.maxTokens ?? rest.length);
      for (const w of give) yield { content: w, done: false };
      yield { content: '', done: true, promptTokens: 10, completionTokens: give.length, doneReason: give.length < rest.length ? 'length' : 'stop' };
    },
    async embed() { return []; },
    async ping() { return true; },
  };
}

/** Quanta per second across `agents` agents, one REQUEST each. */
async function quanta(disk, agents) {
  const { kernel, done } = await boot({ disk, quantumTokens: 16 });
  kernel.services.llm = zeroLatencyBackend();
  const pids = [];
  for (let i = 0; i < agents; i++) pids.push((await kernel.call('proc.spawn', { description: `agent ${i}`, budget: 1_000_000 })).process.pid);
  const rt = attachAgentRuntime(kernel);
  let count = 0;
  rt.events.on('preempt', () => count++);
  rt.events.on('turn', () => count++);
  const t0 = process.hrtime.bigint();
  for (const pid of pids) await kernel.services.bus.send({ from: 'bench', to: pid, payload: 'count to sixty-four' });
  await rt.idle();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const answers = kernel.services.bus.receive('bench').length;
  await rt.stop();
  await done();
  if (answers !== agents) throw new Error(`expected ${agents} answers, got ${answers}`);
  return { perSecond: count / s, quanta: count };
}

/** RSS bytes per idle agent (runtime attached, workspaces created). */
async function idleRss(n) {
  if (!global.gc) throw new Error('run with node --expose-gc');
  const { kernel, done } = await boot({ durable: false });
  kernel.services.llm = zeroLatencyBackend();
  const rt = attachAgentRuntime(kernel);
  const settle = () => { global.gc(); global.gc(); return process.memoryUsage(); };
  const before = settle();
  for (let i = 0; i < n; i++) await kernel.call('proc.spawn', { description: `idle agent number ${i} that waits`, budget: 10_000 });
  await rt.idle();
  const after = settle();
  await rt.stop();
  await done();
  return { rss: (after.rss - before.rss) / n, heap: (after.heapUsed - before.heapUsed) / n };
}

const load = () => os.loadavg()[0].toFixed(1);
if (ONLY === 'idle-rss-child') {
  console.log(JSON.stringify(await idleRss(Number(process.argv[4] ?? 3000))));
  process.exit(0);
}
/** idleRss in a fresh `node --expose-gc` child: RSS a long run has grown is not given back, so it hides a delta. */
function idleRssChild(n) {
  const out = execFileSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, '1', 'idle-rss-child', String(n)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1));
}
if (ONLY === 'quanta') {
  for (let r = 0; r < RUNS; r++) console.log(`quanta/s in memory: ${fmt((await quanta(false, 100)).perSecond, 0)}`);
  process.exit(0);
}
console.log(`# agents bench — ${new Date().toISOString()}, load ${load()}, node ${process.version}, ${os.cpus().length} cpus`);
const rows = { durable: [], batched: [], backend: [], qMem: [], qDisk: [], rss: [], heap: [] };
for (let r = 0; r < RUNS; r++) {
  // alternating, so a load spike hits every scenario alike
  rows.backend.push(await backendCall(200));
  rows.batched.push(await toolCall(false, 2000));
  rows.durable.push(await toolCall(true, 300));
  rows.qMem.push((await quanta(false, 100)).perSecond);
  rows.qDisk.push((await quanta(true, 100)).perSecond);
  const idle = idleRssChild(3000);
  rows.rss.push(idle.rss);
  rows.heap.push(idle.heap);
  console.log(`run ${r + 1}/${RUNS} done (load ${load()})`);
}
const backend = median(rows.backend);
console.log('\n| scenario | median | ratio |');
console.log('|---|---:|---:|');
console.log(`| model call, loopback fake server, 16 tokens streamed | ${fmt(backend)} µs | 1 |`);
console.log(`| tool call, batched audit | ${fmt(median(rows.batched))} µs | ${fmt(median(rows.batched) / backend, 3)} |`);
console.log(`| tool call, durable audit (default) | ${fmt(median(rows.durable))} µs | ${fmt(median(rows.durable) / backend, 3)} |`);
console.log(`| quanta/s, 100 agents, zero-latency backend, in-memory db | ${fmt(median(rows.qMem), 0)} /s | |`);
console.log(`| quanta/s, 100 agents, zero-latency backend, home on disk | ${fmt(median(rows.qDisk), 0)} /s | |`);
console.log(`| RSS per idle agent (3,000 agents, runtime attached) | ${fmt(median(rows.rss) / 1024)} KB | |`);
console.log(`| JS heap per idle agent (same run) | ${fmt(median(rows.heap) / 1024)} KB | |`);
console.log(`\nload at end ${load()}`);
