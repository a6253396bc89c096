import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { TopApp } from '../../../src/tui/top/TopApp.js';
import { renderToString } from 'ink';
import { renderTopOnce, snapshotOnce } from '../../../src/tui/top.js';
import { TopView } from '../../../src/tui/top/TopView.js';
import { initialState } from '../../../src/tui/top/top-state.js';
import { frameLines } from '../../../src/tui/top/top-lines.js';
import { TopSampler } from '../../../src/tui/top/top-sampler.js';
import { fakeSource, message, pcb } from './fixtures.js';
import { stripAnsi, textWidth } from '../../../src/tui/text-cells.js';

afterEach(() => cleanup());

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

async function until(frame: () => string | undefined, re: RegExp, ms = 2000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = frame() ?? '';
    if (re.test(f)) return f;
    if (Date.now() > end) throw new Error(`frame never matched ${re}:\n${f}`);
    await tick(10);
  }
}

function app(procs = [pcb(1), pcb(2, { state: 'BLOCKED' }), pcb(3, { state: 'SUSPENDED', name: 'reviewer' })]) {
  const src = fakeSource(procs);
  const calls: [string, Record<string, unknown>][] = [];
  const dispatch = async (name: string, args: Record<string, unknown>) => {
    calls.push([name, args]);
    if (name === 'proc.kill' && args.pid === 'p9') throw new Error('no process p9');
    return {};
  };
  const inst = render(<TopApp source={src} dispatch={dispatch} refreshMs={50} width={100} height={30} />);
  return { src, calls, ...inst };
}

describe('top frames', () => {
  it('shows the process table with states, token and context bars', async () => {
    const { lastFrame } = app();
    const f = await until(lastFrame, /reviewer/);
    expect(f).toMatch(/Processes 3/);
    expect(f).toMatch(/PID▲\s+NAME/);
    expect(f).toMatch(/p2\s+agent-2\s+specialist\s+BLOCKED/);
    expect(f).toMatch(/█+░+ 200\/1\.0k/);
    expect(f).toMatch(/1 running, 1 blocked, 1 suspended/);
  });

  it('shows memory tiers with counters and metrics with sparklines', async () => {
    const { lastFrame } = app();
    const f = await until(lastFrame, /Memory tiers/);
    expect(f).toMatch(/L1 context .*1\.9k\/4\.1k tok\s+hit\s+10 miss\s+2 swap\s+1/);
    expect(f).toMatch(/sem\. RAM/);
    expect(f).toMatch(/token throughput/);
    expect(f).toMatch(/context switches/);
  });

  it('adds messages to the feed as they are sent', async () => {
    const { src, lastFrame } = app();
    src.events.emit('message', message(1, 'p1', 'p2', 'Use Express.js framework, JWT for auth'));
    const f = await until(lastFrame, /Express/);
    expect(f).toMatch(/p1 → p2\s+REQUE\s+Use Express\.js framework/);
    expect(f).toMatch(/Messages 1/);
  });

  it('shows control characters in payloads as ?, so a message cannot move the cursor', async () => {
    const { src, lastFrame } = app();
    src.events.emit('message', message(1, 'p1', 'p2', 'clear \u001b[2J\u001b[H the screen'));
    const f = await until(lastFrame, /the screen/);
    expect(f).toMatch(/clear \?\[2J\?\[H the screen/);
    // The only escape sequences left are the view's own colours (SGR, ending in m).
    expect(f).not.toMatch(/\u001b\[[0-9;]*[^0-9;m]/);
  });

  it('k then y kills the selected process through dispatch', async () => {
    const { stdin, lastFrame, calls } = app();
    await until(lastFrame, /reviewer/);
    stdin.write('\u001b[B'); // down
    await tick();
    stdin.write('k');
    await until(lastFrame, /kill p2\? \(y\/n\)/);
    stdin.write('y');
    await until(lastFrame, /kill p2: done/);
    expect(calls).toEqual([['proc.kill', { pid: 'p2' }]]);
  });

  it('s suspends and a failed syscall is shown in the status line', async () => {
    const { stdin, lastFrame, calls } = app([pcb(9)]);
    await until(lastFrame, /agent-9/);
    stdin.write('s');
    await until(lastFrame, /suspend p9: done/);
    stdin.write('k');
    await tick();
    stdin.write('y');
    await until(lastFrame, /proc\.kill failed: no process p9/);
    expect(calls.map((c) => c[0])).toEqual(['proc.suspend', 'proc.kill']);
  });

  it('/ filters the table and ? shows the key help', async () => {
    const { stdin, lastFrame } = app();
    await until(lastFrame, /reviewer/);
    stdin.write('/');
    await tick();
    stdin.write('rev');
    const f = await until(lastFrame, /Processes 1\/3\s+filter: rev/);
    expect(f).not.toMatch(/agent-1/);
    stdin.write('\r');
    await tick();
    stdin.write('?');
    await until(lastFrame, /nlsh top — keys/);
  });

  it('p pauses refreshing: new processes appear only after resuming', async () => {
    const { src, stdin, lastFrame } = app([pcb(1)]);
    await until(lastFrame, /agent-1/);
    stdin.write('p');
    await until(lastFrame, /PAUSED/);
    src.procs = [pcb(1), pcb(2)];
    await tick(200);
    expect(lastFrame()).not.toMatch(/agent-2/);
    stdin.write('p');
    await until(lastFrame, /agent-2/);
  });
});

describe('top --once', () => {
  it('fits 80x24 and has no ANSI codes', () => {
    const procs = Array.from({ length: 1000 }, (_, i) => pcb(i + 1));
    const text = renderTopOnce(fakeSource(procs), { width: 80, height: 24 });
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toMatch(/Processes 1000/);
    expect(text).toMatch(/Memory tiers/);
  });

  it('reads only one screen of processes from a source that pages, and its header counts them all (the --json snapshot reads all)', () => {
    const src = fakeSource(Array.from({ length: 50_000 }, (_, i) => pcb(i + 1, i % 2 ? { state: 'SUSPENDED' } : {})));
    const asked: (number | undefined)[] = [];
    src.processes = (opts) => (asked.push(opts?.limit), opts?.limit ? src.procs.slice(0, opts.limit) : src.procs);
    src.counts = () => ({ total: 50_000, byState: { RUNNING: 25_000, SUSPENDED: 25_000 } });
    const text = renderTopOnce(src, { width: 100, height: 30 });
    expect(asked).toEqual([30]);
    expect(text).toMatch(/50000 procs: 25000 running, 25000 suspended/);
    expect(text).toMatch(/Processes \d+\/50000/);
    expect(text.split('\n').filter((l) => /^p\d+ /.test(l)).map((l) => l.split(' ')[0]).slice(0, 3)).toEqual(['p1', 'p2', 'p3']);
    const snap = snapshotOnce(src);
    expect(asked).toEqual([30, undefined]);
    expect(snap.processes).toHaveLength(50_000);
    expect(snap.counts.total).toBe(50_000);
  });

  it.each([[80, 24], [100, 30], [140, 40]])('prints, without Ink, exactly the frame Ink draws of the live view at %ix%i', (width, height) => {
    const src = fakeSource(Array.from({ length: 40 }, (_, i) => pcb(i + 1, i % 3 ? {} : { state: 'BLOCKED', name: `a-rather-long-name-${i}` })));
    const sampler = new TopSampler(src);
    src.events.emit('message', message(1, 'p1', 'p2', 'Use Express.js framework, JWT for auth'));
    src.events.emit('progress', { task: 'build', done: 3, total: 9, label: 'reviewing' });
    const snap = sampler.sample({ limit: height });
    sampler.close();
    const text = frameLines(snap, initialState(), width, height, 1000).map((l) => stripAnsi(l).trimEnd()).join('\n');
    const ink = stripAnsi(renderToString(<TopView snap={snap} state={initialState()} width={width} height={height} refreshMs={1000} />, { columns: width }));
    expect(text).toMatch(/Express\.js/);
    expect(text).toMatch(/build .* 3\/9/);
    expect(text).toBe(ink.split('\n').map((l) => l.trimEnd()).join('\n'));
    expect(renderTopOnce(src, { width, height }).split('\n')[1]).toBe(text.split('\n')[1]); // --once prints these lines
  });

  it('keeps columns aligned with wide names', () => {
    const src = fakeSource([pcb(1), pcb(2, { name: '数据分析🚀-agent-with-a-long-name' }), pcb(3)]);
    const plain = stripAnsi(renderTopOnce(src, { width: 120, height: 40, color: true }));
    const rows = plain.split('\n').filter((l) => /^p\d /.test(l));
    expect(rows).toHaveLength(3);
    const typeAt = rows.map((r) => textWidth(r.slice(0, r.indexOf('specialist'))));
    expect(new Set(typeAt).size).toBe(1);
    for (const r of rows) expect(textWidth(r)).toBeLessThanOrEqual(120);
  });

  it('uses the extra room of a wide terminal: memory and metrics side by side', () => {
    const text = renderTopOnce(fakeSource(), { width: 140, height: 40 });
    expect(text.split('\n').some((l) => /L1 context/.test(l) && /token throughput|Metrics/.test(l))).toBe(true);
  });

  it('gives a JSON-ready snapshot', () => {
    const snap = snapshotOnce(fakeSource());
    const json = JSON.parse(JSON.stringify(snap)) as typeof snap;
    expect(json.processes.map((p) => p.pid)).toEqual(['p1', 'p2', 'p3']);
    expect(json.tiers.map((t) => t.tier)).toEqual(['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk']);
    expect(json.metrics.map((m) => m.name)).toEqual(['tokensPerSec', 'latencyMs', 'switchesPerSec', 'memoryUtil']);
  });
});
