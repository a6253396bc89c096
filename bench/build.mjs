#!/usr/bin/env node
// Benchmark: the build workflow's own cost (agent.build minus model time). A minimal Ollama
// stand-in in this process answers every chat at once (architect: a plan of N files; coder: a
// 40-line file; reviewer: approved), so what is measured is the kernel's part: spawning three
// agents, slots, budgets, context windows, bus messages, fs.mkdir/fs.write through dispatch
// (RBAC + fsync'd audit + chunking + embedding), and the HTTP round trips to the stand-in.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/build.mjs [runs] [files]
// Each run: a fresh on-disk home, the hash embedder, one build. Reports the median.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { createKernel } from '../dist/agents/boot.js';

const RUNS = Number(process.argv[2] ?? 7);
const FILES = Number(process.argv[3] ?? 6);
const FILE = Array.from({ length: 40 }, (_, i) => `export const line${i} = ${i}; // some code on line ${i}`).join('\n');

function reply(messages) {
  const sys = messages[0]?.content ?? '';
  if (sys.includes('Your role: software architect')) {
    return JSON.stringify({ summary: 'bench app', files: Array.from({ length: FILES }, (_, i) => ({ path: `src/f${i}.js`, purpose: `part ${i}` })) });
  }
  if (sys.includes('Your role: reviewer')) return JSON.stringify({ approved: true, issues: [] });
  return '```js\n' + FILE + '\n```';
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const r = body ? JSON.parse(body) : {};
    const content = reply(r.messages ?? []);
    const base = { model: r.model, created_at: new Date(0).toISOString() };
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write(JSON.stringify({ ...base, message: { role: 'assistant', content }, done: false }) + '\n');
    res.end(JSON.stringify({ ...base, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 100, eval_count: 100 }) + '\n');
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const host = `http://127.0.0.1:${server.address().port}`;

// scenario 'default': the kernel's default per-process rate limit (1000 tokens/s, burst 8000)
// binds, because this model answers instantly; 'unlimited': each agent's bucket is lifted on spawn,
// leaving the workflow's own overhead.
async function scenario(unlimited) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const home = mkdtempSync(join(os.tmpdir(), 'nlsh-bench-build-'));
    const k = await createKernel({ home, embedder: 'hash', ollamaHost: host, model: 'bench', user: 'bench', env: {} });
    if (unlimited) {
      k.services.events.on('proc', ({ pcb, change }) => {
        if (change === 'spawn') k.services.resources.setRateLimit(pcb.pid, { tokensPerSecond: 1e9, burst: 1e9 });
      });
    }
    const t = performance.now();
    const r = await k.call('agent.build', { goal: 'a bench app' });
    times.push(performance.now() - t);
    if (r.files.length !== FILES) throw new Error(`expected ${FILES} files, got ${r.files.length}`);
    await k.close();
    rmSync(home, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`agent.build, ${FILES} files, instant model, ${unlimited ? 'rate limit lifted' : 'default rate limit'}: median ${median.toFixed(0)} ms over ${RUNS} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}); ${(median / (FILES + 2)).toFixed(1)} ms per model step`);
}
await scenario(false);
await scenario(true);
server.close();
