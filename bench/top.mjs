#!/usr/bin/env node
// Benchmark: `top` frame render time with 1,000 processes and a full message feed, the
// memory a long-running top keeps, and how much a live top slows the scheduler.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/top.mjs [frames]
//  1. live frame: the real TopApp under Ink's render() at 120x40, refreshing every 50 ms while
//     every process's counters change each refresh and messages flow (40 per 100 ms, so the
//     feed scrolls every frame). A frame is the time from the refresh timer's sample() to
//     Ink's write of the finished screen: sample + React + Yoga layout + Ink's text output.
//     Median and p90 over `frames` frames after 10 warm-up frames. Baseline in the same
//     process: Ink drawing a plain 120x40 screen of 40 ordinary <Text> lines that all change
//     every frame (Ink's own cost for a full screen of text).
//  2. one-shot frame: renderToString of the whole TopView (what `top --once` does: mount,
//     layout, output, unmount).
//  3. memory kept: heap growth over 1,000 live frames, top vs the plain-<Text> baseline
//     (Ink 6 caches the size of every distinct string it lays out, ink#986).
//  4. scheduler: pick()+account() in a loop (1,000 runnable processes, priority policy) for
//     2 s, yielding to the event loop every 2,000 picks, alternately without and with a live
//     TopApp in the same thread refreshing every 1 s (its default) and every 100 ms (a stress rate);
//     median quanta/s of each and the slowdown against the run without top (noisy on a shared
//     VM: the throughput of 2 s runs swings by 10-20% by itself), and the share of the thread's
//     time spent inside top's refresh (the slowdown top causes, measured directly).
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readable, Writable } from 'node:stream';

// As the CLI runs it (src/cli/jobs.ts prepareInk): React's production build, and colours on
// as in a terminal. NODE_ENV=development on the command line measures the development build.
process.env.NODE_ENV ??= 'production';
process.env.FORCE_COLOR ??= '3';
const { default: React } = await import('react');
const { render, renderToString, Box, Text } = await import('ink');
const { Emitter } = await import('../dist/base/emitter.js');
const { createScheduler } = await import('../dist/kernel/scheduler.js');
const { TopSampler } = await import('../dist/tui/top/top-sampler.js');
const { TopView } = await import('../dist/tui/top/TopView.js');
const { TopApp } = await import('../dist/tui/top/TopApp.js');
const { initialState } = await import('../dist/tui/top/top-state.js');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const RUNS = Number(process.argv[2] ?? 60);
const N = 1000;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.9)]; };
const clock = { now: () => Date.now() };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pcb(i, tick = 0) {
  return {
    pid: `p${i}`, vpid: [], name: `${['architect', 'coder', 'reviewer'][i % 3]}-${i}`, description: '', type: 'specialist',
    state: ['RUNNING', 'THINKING', 'BLOCKED', 'SUSPENDED'][i % 4], priority: i % 20,
    tokenBudget: { allocated: 5000, consumed: (i * 37 + tick * 13) % 5000, remaining: 0, reserved: 0 },
    contextWindow: { maxLength: 8192, currentLength: (i * 91 + tick * 7) % 8192, content: [] },
    resources: { gpuUnits: 0, memoryMB: 1, diskMB: 0 }, permissions: [], role: 'agent', owner: 'bench',
    parent: null, createdAt: Date.now() - i * 1000, cpuTime: i * 17 + tick * 250,
  };
}
const procs = Array.from({ length: N }, (_, i) => pcb(i + 1));
const tiers = ['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk'].map((tier, i) => ({ tier, used: 100 * (i + 1), capacity: 1000 * (i + 1), unit: 'tok', hits: 10, misses: 2, swaps: 1 }));

function source(switches) {
  return { clock, events: new Emitter(), processes: () => procs, tiers: () => tiers, contextSwitches: () => switches() };
}

let msgId = 0;
function sendMessages(src, n) {
  for (let k = 0; k < n; k++) {
    const i = msgId++;
    src.events.emit('message', { event: 'sent', message: { id: `m${i}`, from: `p${i % N}`, to: `p${(i * 7) % N}`, messageType: 'REQUEST', vector: [], payload: `message number ${i} about the build, with some payload text`, priority: 5, timestamp: Date.now(), requiresAck: false } });
  }
}
const fillFeed = (src) => sendMessages(src, 600);

function frame(sampler, w, h) {
  const snap = sampler.sample();
  return renderToString(React.createElement(TopView, { snap, state: initialState(), width: w, height: h, refreshMs: 1000 }), { columns: w });
}

function terminal() {
  const out = new Writable({ write(chunk, _enc, cb) { out.onChunk?.(chunk); cb(); } });
  Object.assign(out, { isTTY: true, columns: 120, rows: 41 });
  const inp = new Readable({ read() {} });
  Object.assign(inp, { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
  return { out, inp };
}

/**
 * Renders makeElement(arm)'s element live on a fake 120x41 terminal and times its frames:
 * `arm()` is called by whatever starts a frame (top's sample(), the baseline's state update);
 * the frame ends at the first big write to the terminal after it. `times` fills as it runs.
 */
function startLive(makeElement, { maxFps = 30, onFrame } = {}) {
  const { out, inp } = terminal();
  const times = [];
  let t0 = -1;
  const arm = () => { if (t0 < 0) t0 = performance.now(); };
  out.onChunk = (chunk) => {
    if (t0 >= 0 && chunk.length > 500) { times.push(performance.now() - t0); t0 = -1; onFrame?.(times.length); }
  };
  const { element, stop } = makeElement(arm);
  const inst = render(element, { stdout: out, stdin: inp, patchConsole: false, exitOnCtrlC: false, maxFps });
  return { times, stop: () => { stop(); inst.unmount(); inst.cleanup(); } };
}

/** Frame times of `frames` live frames after 10 warm-up ones. */
async function liveFrames(makeElement, frames, opts = {}) {
  const live = startLive(makeElement, opts);
  while (live.times.length < frames + 10) await sleep(20);
  live.stop();
  return live.times.slice(10);
}

/** The real TopApp, refreshing every `refreshMs`, with counters changing and messages flowing. */
function topApp(refreshMs) {
  return (arm) => {
    let tick = 0;
    const src = { ...source(() => tick * 100) };
    src.processes = () => { arm(); tick++; return procs.map((p, i) => (i < N ? pcb(i + 1, tick) : p)); };
    const traffic = setInterval(() => sendMessages(src, 40), 100);
    setImmediate(() => fillFeed(src));
    const element = React.createElement(TopApp, { source: src, dispatch: async () => ({}), refreshMs, width: 120, height: 40 });
    return { element, stop: () => clearInterval(traffic) };
  };
}

/** Baseline: a plain 120x40 screen of ordinary <Text> lines, all changing every frame. */
function plainScreen(everyMs) {
  return (arm) => {
    let set = null;
    function Plain() {
      const [t, setT] = React.useState(0);
      set = setT;
      const lines = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(4)} ${`line ${i} of a plain screen, frame ${t}`.padEnd(100, ' .')} ${String(t * 31 + i).padStart(12)}`);
      return React.createElement(Box, { flexDirection: 'column', width: 120 }, lines.map((l, i) => React.createElement(Text, { key: i }, l)));
    }
    const timer = setInterval(() => { arm(); set?.((t) => t + 1); }, everyMs);
    return { element: React.createElement(Plain), stop: () => clearInterval(timer) };
  };
}

console.log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, NODE_ENV=${process.env.NODE_ENV}, FORCE_COLOR=${process.env.FORCE_COLOR}`);

// 1. live frames, interleaved with the baseline
{
  const top = [], plain = [];
  for (let r = 0; r < 3; r++) {
    top.push(...(await liveFrames(topApp(50), Math.ceil(RUNS / 3))));
    plain.push(...(await liveFrames(plainScreen(50), Math.ceil(RUNS / 3))));
  }
  const m = median(top), b = median(plain);
  console.log(`live frame (TopApp, ${N} processes changing every refresh, feed scrolling, 120x40): median ${m.toFixed(2)} ms, p90 ${p90(top).toFixed(2)} ms over ${top.length} frames; target <= 16 ms: ${m <= 16 ? 'met' : 'MISSED'}`);
  console.log(`baseline, Ink drawing a plain 120x40 screen of 40 changing <Text> lines: median ${b.toFixed(2)} ms, p90 ${p90(plain).toFixed(2)} ms; top / baseline = ${(m / b).toFixed(2)}`);
}

// 2. one-shot frame (top --once)
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
  sampler.close();
  console.log(`one-shot frame (renderToString of TopView, as top --once): median ${median(times).toFixed(2)} ms, p90 ${p90(times).toFixed(2)} ms over ${RUNS} frames`);
}

// 3. memory kept by a long-running view
{
  // Heap after a full GC at frame 510 and at frame 1,510 of one run: the growth between them
  // is what every further frame keeps (warm-up and first-use allocations are behind it).
  const kept = async (make) => {
    let at = 0;
    let growth = 0;
    await liveFrames(make, 1500, {
      maxFps: 0,
      onFrame: (n) => {
        if (n !== 510 && n !== 1510) return;
        gc();
        if (n === 510) at = process.memoryUsage().heapUsed;
        else growth = process.memoryUsage().heapUsed - at;
      },
    });
    return growth / 1000;
  };
  const t = await kept(topApp(1));
  const p = await kept(plainScreen(1));
  console.log(`heap kept per live frame (growth from frame 510 to 1,510): top ${(t / 1024).toFixed(2)} KB/frame, plain <Text> baseline ${(p / 1024).toFixed(2)} KB/frame (at a 1 s refresh: top ${((t * 86400) / 1e6).toFixed(0)} MB/day, baseline ${((p * 86400) / 1e6).toFixed(0)} MB/day)`);
}

// 4. scheduler slowdown
async function schedulerRun(topEveryMs) {
  const s = createScheduler({ clock, events: new Emitter(), policy: 'priority', quantumTokens: 100 });
  for (let i = 0; i < N; i++) s.update({ ...procs[i], state: 'RUNNING' });
  // The real TopApp, live in the scheduler's thread, refreshing every topEveryMs; the time
  // from each refresh's sample() to Ink's write of the screen is counted as time in top.
  const live = topEveryMs
    ? startLive((arm) => {
        const src = source(() => s.contextSwitches);
        src.processes = () => { arm(); return procs; };
        setImmediate(() => fillFeed(src));
        return { element: React.createElement(TopApp, { source: src, dispatch: async () => ({}), refreshMs: topEveryMs, width: 120, height: 40 }), stop: () => {} };
      })
    : null;
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
  live?.stop();
  shares.push((live?.times.reduce((a, b) => a + b, 0) ?? 0) / 2000);
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
