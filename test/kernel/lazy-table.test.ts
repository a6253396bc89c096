// The lazily opened process table: after a restart no PCB is made until a process is
// referenced (a made PCB joins the run queue, which is how these tests see it); ps pages come
// straight from SQLite and are exactly what the PCBs show; counts by state and the context
// sizes come from the indexes; the run queue is filled before the first pick.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { openDatabase } from '../../src/base/sqlite.js';
import { migrateKernel } from '../../src/kernel/kernel-store.js';
import { processInfo } from '../../src/kernel/lazy-pcb.js';
import { createProcessTable } from '../../src/kernel/process-table.js';
import { createScheduler, withRunQueueLoader } from '../../src/kernel/scheduler.js';
import type { KernelEvents, PCB } from '../../src/kernel/types.js';
import { makeCore, wordEmbedder } from './core-kit.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A home of six processes: p2 suspended, p3 blocked, p4 terminated, p5 with two turns of context. */
async function storedHome(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nlsh-lazytable-'));
  dirs.push(dir);
  const file = join(dir, 'nlsh.db');
  const { procs, db } = makeCore({ file });
  for (const d of ['writes python code', 'reviews pull requests', 'plans the work', 'tests the server', 'summarises papers', 'translates mail']) {
    await procs.spawn({ description: d, owner: 'alice' });
  }
  procs.transition('p2', 'SUSPENDED');
  procs.transition('p3', 'BLOCKED', 'waiting for a reply');
  procs.transition('p4', 'TERMINATED');
  const p5 = procs.get('p5')!;
  p5.contextWindow.content.push({ role: 'user', content: 'read this', tokens: 3, at: 1 }, { role: 'assistant', content: 'done', tokens: 2, at: 2 });
  p5.contextWindow.currentLength = 5;
  procs.save('p5', 'context');
  db.close();
  return file;
}

/** A table over file whose run queue records what it is handed. */
function reopen(file: string) {
  const db = openDatabase({ file });
  migrateKernel(db);
  const handed: string[] = [];
  const clock = new ManualClock(5_000);
  const events = new Emitter<KernelEvents>();
  const queue = createScheduler({ clock, events });
  const recording = { update: (pcb: PCB) => (handed.push(pcb.pid), queue.update(pcb)), remove: (pid: string) => queue.remove(pid) };
  const procs = createProcessTable({ db, clock, events, embedder: wordEmbedder, scheduler: recording });
  const scheduler = withRunQueueLoader(queue, () => procs.loadLive());
  return { db, procs, handed, scheduler };
}

describe('the lazily opened process table', () => {
  it('after a restart makes no PCB until a process is referenced, then only that one', async () => {
    const t = reopen(await storedHome());
    expect(t.handed).toEqual([]);
    expect(t.procs.page().processes).toHaveLength(5); // a listing makes none either
    expect(t.procs.census().total).toBe(6);
    expect(t.handed).toEqual([]);
    expect(t.procs.get('p5')!.contextWindow.currentLength).toBe(5);
    expect(t.handed).toEqual(['p5']);
    expect(t.procs.get('p4')!.state).toBe('TERMINATED'); // made, but a terminated process never joins the run queue
    expect(t.handed).toEqual(['p5']);
    t.db.close();
  });

  it('the first pick of the run queue hands it every live process first, once', async () => {
    const t = reopen(await storedHome());
    expect(t.scheduler.pick()).not.toBeNull();
    expect([...t.handed].sort()).toEqual(['p1', 'p2', 'p3', 'p5', 'p6']);
    expect(t.scheduler.runnable).toBe(3); // RUNNING ones: p1, p5, p6
    t.scheduler.pick();
    expect(t.handed).toHaveLength(5);
    t.db.close();
  });

  it('list() is in pid order even when some PCBs were made before it', async () => {
    const t = reopen(await storedHome());
    t.procs.get('p6');
    t.procs.get('p4');
    expect(t.procs.list().map((p) => p.pid)).toEqual(['p1', 'p2', 'p3', 'p5', 'p6']);
    expect(t.procs.list({ includeTerminated: true }).map((p) => p.pid)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    t.db.close();
  });

  it('a page read from SQLite is exactly what the PCBs show, for processes made or not', async () => {
    const file = await storedHome();
    const t = reopen(file);
    t.procs.get('p3'); // one made, the rest read from rows
    const fromRows = t.procs.page({ includeTerminated: true }).processes;
    const u = reopen(file);
    const fromPcbs = u.procs.list({ includeTerminated: true }).map(processInfo);
    expect(fromRows).toEqual(fromPcbs);
    expect(JSON.stringify(fromRows)).toBe(JSON.stringify(fromPcbs)); // the same keys in the same order too
    expect(fromRows.find((p) => p.pid === 'p5')!.contextWindow).toEqual({ maxLength: 8192, currentLength: 5, turns: 2 });
    expect(fromRows.find((p) => p.pid === 'p3')!.blockedReason).toBe('waiting for a reply');
    t.db.close();
    u.db.close();
  });

  it('pages: limit and offset in pid order, total counts the whole listing', async () => {
    const t = reopen(await storedHome());
    const page = t.procs.page({ limit: 2, offset: 2 });
    expect(page.processes.map((p) => p.pid)).toEqual(['p3', 'p5']);
    expect(page.total).toBe(5);
    expect(t.procs.page({ includeTerminated: true, limit: 2, offset: 2 }).processes.map((p) => p.pid)).toEqual(['p3', 'p4']);
    expect(t.procs.page({ offset: 10 })).toEqual({ processes: [], total: 5 });
    t.db.close();
  });

  it('pages sorted in SQL: by priority (0 first), by cpu and tokens (most first), by name; ties in pid order', async () => {
    const t = reopen(await storedHome());
    t.procs.setPriority('p5', 1);
    t.procs.setPriority('p2', 3);
    const p6 = t.procs.get('p6')!;
    p6.cpuTime = 900;
    p6.tokenBudget.consumed = 40;
    t.procs.save('p6');
    const p1 = t.procs.get('p1')!;
    p1.cpuTime = 50;
    p1.tokenBudget.consumed = 70;
    t.procs.save('p1');
    const order = (sort: 'priority' | 'cpu' | 'tokens' | 'name') => t.procs.page({ sort }).processes.map((p) => p.pid);
    expect(order('priority')).toEqual(['p5', 'p2', 'p1', 'p3', 'p6']);
    expect(order('cpu')).toEqual(['p6', 'p1', 'p2', 'p3', 'p5']);
    expect(order('tokens')).toEqual(['p1', 'p6', 'p2', 'p3', 'p5']);
    const byName = t.procs.page({ sort: 'name' }).processes.map((p) => p.name);
    expect(byName).toEqual([...byName].sort());
    expect(t.procs.page({ sort: 'cpu', limit: 1, offset: 1 })).toMatchObject({ processes: [{ pid: 'p1' }], total: 5 });
    t.db.close();
  });

  it('a change made after a page is read shows in the next page (the row is written first)', async () => {
    const t = reopen(await storedHome());
    t.procs.setPriority('p1', 2);
    t.procs.transition('p6', 'SUSPENDED');
    const rows = t.procs.page().processes;
    expect(rows.find((p) => p.pid === 'p1')!.priority).toBe(2);
    expect(rows.find((p) => p.pid === 'p6')!.state).toBe('SUSPENDED');
    t.db.close();
  });

  it('the census counts by state and sums the live context sizes like the PCBs do', async () => {
    const t = reopen(await storedHome());
    const c = t.procs.census();
    expect(c.byState).toEqual({ RUNNING: 3, SUSPENDED: 1, BLOCKED: 1, TERMINATED: 1 });
    const live = t.procs.list();
    expect(c.contextUsed).toBe(live.reduce((n, p) => n + p.contextWindow.currentLength, 0));
    expect(c.contextUsed).toBe(5);
    expect(c.contextMax).toBe(live.reduce((n, p) => n + p.contextWindow.maxLength, 0));
    t.procs.transition('p1', 'TERMINATED'); // a write makes the next census current
    await t.procs.spawn({ description: 'a new one', owner: 'alice' });
    expect(t.procs.census().byState).toEqual({ RUNNING: 3, SUSPENDED: 1, BLOCKED: 1, TERMINATED: 2 });
    t.db.close();
  });

  it('names stay unique across a restart without loading the table, and a terminated name can be reused', async () => {
    const t = reopen(await storedHome());
    const taken = t.procs.get('p1')!.name;
    await expect(t.procs.spawn({ description: 'x', owner: 'alice', name: taken })).rejects.toMatchObject({ code: 'proc.nameTaken' });
    const ended = (await t.procs.resolve('p4')).name;
    expect((await t.procs.resolve(ended)).pid).toBe('p4'); // found among the terminated
    expect((await t.procs.spawn({ description: 'y', owner: 'alice', name: ended })).pid).toBe('p7');
    expect((await t.procs.resolve(ended.toUpperCase())).pid).toBe('p7'); // the live one first
    t.db.close();
  });
});
