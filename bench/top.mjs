#!/usr/bin/env node
// Benchmark: `top` frame render time with 1,000 processes and a full message feed, and how
// much a live top slows the scheduler.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/top.mjs [runs]
//  1. frame: sampler.sample() + render of the whole screen (React + Yoga layout + text) at
//     120x40, median over `runs` frames after warm-up.
//  2. scheduler: pick()+account() in a loop (1,000 runnable processes, priority policy) for
//     2 s, yielding to the event loop every 2,000 picks, alternately without and with a top
//     that samples and renders every 1 s (its default) and every 100 ms (a stress rate);
//     median quanta/s of each and the slowdown against the run without top (noisy on a shared
//     VM: the throughput of 2 s runs swings by 10-20% by itself), and the share of the thread's
//     time spent inside top's refresh (the slowdown top causes, measured directly).
import os from 'node:os';

// As the CLI runs it (src/cli/jobs.ts prepareInk): React's production build. NODE_ENV=development
// on the command line measures the development build instead.
process.env.NODE_ENV ??= 'production';
const { default: React } = await import('react');
const { renderToString } = await import('ink');
const { Emitter } = await import('../dist/base/emitter.js');
const { createScheduler } = await import('../dist/kernel/scheduler.js');
const { TopSampler } = await import('../dist/tui/top/top-sampler.js');
const { TopView } = await import('../dist/tui/top/TopView.js');
const { initialState } = await import('../dist/tui/top/top-state.js');

const RUNS = Number(process.argv[2] ?? 30);
const N = 1000;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const clock = { now: () => Date.now() };

function pcb(i) {
  return {
    pid: `p${i}`, vpid: [], name: `${['architect', 'coder', 'reviewer'][i % 3]}-${i}`, description: '', type: 'specialist',
    state: ['RUNNING', 'THINKING', 'BLOCKED', 'SUSPENDED'][i % 4], priority: i % 20,
    tokenBudget: { allocated: 5000, consumed: (i * 37) % 5000, remaining: 0, reserved: 0 },
    contextWindow: { maxLength: 8192, currentLength: (i * 91) % 8192, content: [] },
    resources: { gpuUnits: 0, memoryMB: 1, diskMB: 0 }, permissions: [], role: 'agent', owner: 'bench',
    parent: null, createdAt: Date.now() - i * 1000, cpuTime: i * 17,
  };
}
const procs = Array.from({ length: N }, (_, i) => pcb(i + 1));
const tiers = ['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk'].map((tier, i) => ({ tier, used: 100 * (i + 1), capacity: 1000 * (i + 1), unit: 'tok', hits: 10, misses: 2, swaps: 1 }));

function source(switches) {
  return { clock, events: new Emitter(), processes: () => procs, tiers: () => tiers, contextSwitches: () => switches() };
}

function fillFeed(src) {
  for (let i = 0; i < 600; i++) {
    src.events.emit('message', { event: 'sent', message: { id: `m${i}`, from: `p${i % N}`, to: `p${(i * 7) % N}`, messageType: 'REQUEST', vector: [], payload: `message number ${i} about the build, with some payload text`, priority: 5, timestamp: Date.now(), requiresAck: false } });
  }
}

function frame(sampler, w, h) {
  const snap = sampler.sample();
  return renderToString(React.createElement(TopView, { snap, state: initialState(), width: w, height: h, refreshMs: 1000 }), { columns: w });
}

console.log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, NODE_ENV=${process.env.NODE_ENV}`);

// 1. frame render time
{
  const src = source(() => 0);
  const sampler = new TopSampler(src);
  fillFeed(src);
  for (let i = 0; i < 10; i++) frame(sampler, 120, 40);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    frame(sampler, 120, 40);
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const med = median(times);
  console.log(`frame (sample + render, ${N} processes, full feed, 120x40): median ${med.toFixed(2)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)].toFixed(2)} ms over ${RUNS} frames; target <= 16 ms: ${med <= 16 ? 'met' : 'MISSED'}`);
}

// 2. scheduler slowdown
async function schedulerRun(topEveryMs) {
  const s = createScheduler({ clock, events: new Emitter(), policy: 'priority', quantumTokens: 100 });
  for (let i = 0; i < N; i++) s.update({ ...procs[i], state: 'RUNNING' });
  let timer = null;
  let sampler = null;
  let inTop = 0;
  if (topEveryMs) {
    const src = source(() => s.contextSwitches);
    sampler = new TopSampler(src);
    fillFeed(src);
    timer = setInterval(() => {
      const t0 = performance.now();
      frame(sampler, 120, 40);
      inTop += performance.now() - t0;
    }, topEveryMs);
  }
  const end = performance.now() + 2000;
  let quanta = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 2000; i++) {
      const p = s.pick();
      s.account(p, 100);
    }
    quanta += 2000;
    await new Promise((r) => setImmediate(r));
  }
  if (timer) clearInterval(timer);
  sampler?.close();
  shares.push(inTop / 2000);
  return quanta / 2;
}
const shares = [];

const base = [], top1s = [], top100ms = [], share1s = [], share100ms = [];
for (let r = 0; r < 7; r++) {
  base.push(await schedulerRun(0));
  shares.length = 0;
  top1s.push(await schedulerRun(1000));
  share1s.push(shares[0] ?? 0);
  shares.length = 0;
  top100ms.push(await schedulerRun(100));
  share100ms.push(shares[0] ?? 0);
}
const b = median(base), t1 = median(top1s), t2 = median(top100ms);
const slow = (x) => (100 * (1 - x / b)).toFixed(1);
console.log(`scheduler without top: median ${Math.round(b).toLocaleString('en')} quanta/s (7 runs of 2 s, interleaved with the runs below)`);
console.log(`time the scheduler's thread spent in top: ${(100 * median(share1s)).toFixed(1)}% at a 1 s refresh, ${(100 * median(share100ms)).toFixed(1)}% at 100 ms (median of 7)`);
console.log(`scheduler with top every 1 s: median ${Math.round(t1).toLocaleString('en')} quanta/s, slowdown ${slow(t1)}%; target <= 5%: ${1 - t1 / b <= 0.05 ? 'met' : 'MISSED'}`);
console.log(`scheduler with top every 100 ms (stress): median ${Math.round(t2).toLocaleString('en')} quanta/s, slowdown ${slow(t2)}%`);
