import { describe, expect, it } from 'vitest';
import { HISTORY, TopSampler, excerptOf } from '../../../src/tui/top/top-sampler.js';
import { fakeSource, message, pcb } from './fixtures.js';

describe('top sampler', () => {
  it('turns PCBs into rows with uptime from the clock', () => {
    const src = fakeSource([pcb(7, { createdAt: Date.UTC(2026, 10, 25, 11, 59, 0) })]);
    const snap = new TopSampler(src).sample();
    expect(snap.processes).toHaveLength(1);
    expect(snap.processes[0]).toMatchObject({ pid: 'p7', tokensConsumed: 700, tokensAllocated: 1000, contextUsed: 2800, uptimeMs: 60_000 });
  });

  it('keeps messages in the feed, newest last, with one-line excerpts', () => {
    const src = fakeSource();
    const s = new TopSampler(src);
    src.events.emit('message', message(1, 'p1', 'p2', 'Use Express.js framework'));
    src.events.emit('message', message(2, 'p2', 'p1', { files: 3, note: 'multi\nline' }));
    const feed = s.sample().feed;
    expect(feed.map((f) => f.id)).toEqual(['m1', 'm2']);
    expect(feed[1]!.excerpt).toBe('{"files":3,"note":"multi\\nline"}');
  });

  it('computes token throughput, latency and context switches per second between samples', () => {
    const src = fakeSource();
    const s = new TopSampler(src);
    src.events.emit('inference', { pid: 'p1', tokens: 300, latencyMs: 100 });
    src.events.emit('inference', { pid: 'p2', tokens: 100, latencyMs: 300 });
    src.switches = 20;
    src.clock.advance(2000);
    const m = Object.fromEntries(s.sample().metrics.map((x) => [x.name, x.value]));
    expect(m.tokensPerSec).toBe(200);
    expect(m.latencyMs).toBe(200);
    expect(m.switchesPerSec).toBe(10);
    src.clock.advance(1000);
    const again = Object.fromEntries(s.sample().metrics.map((x) => [x.name, x.value]));
    expect(again.tokensPerSec).toBe(0);
    expect(again.switchesPerSec).toBe(0);
  });

  it('caps metric history and stops listening after close', () => {
    const src = fakeSource();
    const s = new TopSampler(src);
    for (let i = 0; i < HISTORY + 15; i++) {
      src.clock.advance(1000);
      s.sample();
    }
    expect(s.sample().metrics[0]!.history).toHaveLength(HISTORY);
    s.close();
    expect(src.events.has('message')).toBe(false);
  });

  it('shows build progress until the task completes', () => {
    const src = fakeSource();
    const s = new TopSampler(src);
    src.events.emit('progress', { task: 'build webserver', done: 2, total: 6, label: 'coder' });
    expect(s.sample().builds).toEqual([{ task: 'build webserver', done: 2, total: 6, label: 'coder' }]);
    src.events.emit('progress', { task: 'build webserver', done: 6, total: 6 });
    expect(s.sample().builds).toEqual([]);
  });

  it('cuts long payload excerpts with an ellipsis', () => {
    expect(excerptOf('x'.repeat(500))).toHaveLength(120);
    expect(excerptOf('x'.repeat(500)).endsWith('…')).toBe(true);
  });
});
