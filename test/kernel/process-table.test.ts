import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultName } from '../../src/kernel/process-table.js';
import { makeCore, rejection } from './core-kit.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('default process names', () => {
  it.each([
    ['a code reviewer', 'reviewer-1'],
    ['a code reviewer that looks for security bugs', 'reviewer-1'],
    ['a code-writing agent with Python expertise', 'coder-1'],
    ['an agent that reviews code', 'reviewer-1'],
    ['a senior Python developer', 'developer-1'],
    ['the system architect for the web server', 'architect-1'],
    ['summarize the news every morning', 'summarizer-1'],
    ['a Rust expert who answers questions', 'expert-1'],
    ['an agent to translate French mail', 'translator-1'],
    ['a friendly chatbot', 'chatbot-1'],
    ['an agent', 'proc-1'],
    ['!!! 42 ???', 'proc-1'],
  ])('"%s" is named %s (the head noun, a role word first)', (description, name) => {
    expect(defaultName(description, 1)).toBe(name);
  });

  it('automatic names stay unique: a second "a code reviewer" is reviewer-2, and when the name reviewer-4 of p4 is taken by hand the next is reviewer-4-2', async () => {
    const { procs } = makeCore();
    const a = await procs.spawn({ description: 'a code reviewer', owner: 'alice' });
    const b = await procs.spawn({ description: 'a code reviewer', owner: 'alice' });
    await procs.spawn({ description: 'x', owner: 'alice', name: 'reviewer-4' });
    const d = await procs.spawn({ description: 'another code reviewer', owner: 'alice' });
    expect([a.name, b.name, d.name]).toEqual(['reviewer-1', 'reviewer-2', 'reviewer-4-2']);
  });
});

describe('process table', () => {
  it('spawn gives increasing pids, a name from the description, and a full budget', async () => {
    const { procs } = makeCore();
    const a = await procs.spawn({ description: 'a code-writing agent with Python expertise', owner: 'alice', budget: 500 });
    const b = await procs.spawn({ description: 'an agent that reviews code', owner: 'alice' });
    expect([a.pid, b.pid]).toEqual(['p1', 'p2']);
    expect(a.name).toBe('coder-1');
    expect(b.name).toBe('reviewer-2');
    expect(a.tokenBudget).toEqual({ allocated: 500, consumed: 0, remaining: 500, reserved: 0 });
    expect(a.state).toBe('RUNNING');
    expect(a.vpid.length).toBe(64);
  });

  it('resolves p3, 3, a name, and a description by meaning', async () => {
    const { procs } = makeCore();
    await procs.spawn({ description: 'summarises research papers about biology', owner: 'alice' });
    const coder = await procs.spawn({ description: 'writes python code for data pipelines', owner: 'alice', name: 'coder' });
    await procs.spawn({ description: 'reviews pull requests for security flaws', owner: 'alice' });
    expect((await procs.resolve('p2')).pid).toBe('p2');
    expect((await procs.resolve('2')).pid).toBe('p2');
    expect((await procs.resolve('Coder')).pid).toBe(coder.pid);
    expect((await procs.resolve('the one that writes python code')).pid).toBe('p2');
    expect((await procs.resolve('security reviews')).pid).toBe('p3');
  });

  it('resolve of an unknown pid fails with proc.notFound', async () => {
    const { procs } = makeCore();
    await procs.spawn({ description: 'a worker', owner: 'alice' });
    expect((await rejection(procs.resolve('p42'))).code).toBe('proc.notFound');
  });

  it('a description that matches nothing fails with proc.notFound listing the closest candidates', async () => {
    const { procs } = makeCore();
    await procs.spawn({ description: 'writes python code', owner: 'alice' });
    const err = await rejection(procs.resolve('zebra quantum xylophone'));
    expect(err.code).toBe('proc.notFound');
    expect((err.details!.candidates as { pid: string }[])[0]!.pid).toBe('p1');
  });

  it('two equally near processes make a description ambiguous', async () => {
    const { procs } = makeCore();
    await procs.spawn({ description: 'writes python code', owner: 'alice' });
    await procs.spawn({ description: 'writes python code', owner: 'bob' });
    const err = await rejection(procs.resolve('python code writer'));
    expect(err.code).toBe('proc.ambiguous');
    expect((err.details!.candidates as { pid: string }[]).map((c) => c.pid).sort()).toEqual(['p1', 'p2']);
  });

  it('a name that is taken by a live process, or looks like a pid, is refused', async () => {
    const { procs } = makeCore();
    await procs.spawn({ description: 'x', owner: 'alice', name: 'coder' });
    expect((await rejection(procs.spawn({ description: 'y', owner: 'alice', name: 'CODER' }))).code).toBe('proc.nameTaken');
    expect((await rejection(procs.spawn({ description: 'y', owner: 'alice', name: 'p7' }))).code).toBe('proc.badName');
    expect((await rejection(procs.spawn({ description: 'y', owner: 'alice', priority: 20 }))).code).toBe('proc.badPriority');
  });

  it('waitFor resolves when the process terminates, and honours abort and timeout', async () => {
    const { procs } = makeCore();
    const p = await procs.spawn({ description: 'a worker', owner: 'alice' });
    const waiting = procs.waitFor(p.pid);
    procs.transition(p.pid, 'TERMINATED');
    expect((await waiting).state).toBe('TERMINATED');
    const q = await procs.spawn({ description: 'another worker', owner: 'alice' });
    const ac = new AbortController();
    const aborted = procs.waitFor(q.pid, ac.signal);
    ac.abort();
    expect((await rejection(aborted)).code).toBe('sys.interrupted');
    expect((await rejection(procs.waitFor(q.pid, undefined, 10))).code).toBe('proc.waitTimeout');
  });

  it('tells the scheduler about runnable and finished processes', async () => {
    const { db, clock, events } = makeCore();
    const seen: string[] = [];
    const { createProcessTable } = await import('../../src/kernel/process-table.js');
    const { wordEmbedder } = await import('./core-kit.js');
    const procs = createProcessTable({
      db, clock, events, embedder: wordEmbedder,
      scheduler: { update: (pcb) => seen.push(`update ${pcb.pid} ${pcb.state}`), remove: (pid) => seen.push(`remove ${pid}`) },
    });
    const p = await procs.spawn({ description: 'a worker', owner: 'alice' });
    procs.transition(p.pid, 'SUSPENDED');
    procs.transition(p.pid, 'TERMINATED');
    expect(seen).toEqual([`update ${p.pid} RUNNING`, `update ${p.pid} SUSPENDED`, `remove ${p.pid}`]);
  });

  it('after a restart, processes come back with state, priority, budget and context; THINKING ones as RUNNING', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-pt-'));
    dirs.push(dir);
    const file = join(dir, 'nlsh.db');
    const first = makeCore({ file });
    const a = await first.procs.spawn({ description: 'writes python code', owner: 'alice', priority: 3 });
    const b = await first.procs.spawn({ description: 'reviews code', owner: 'alice' });
    const c = await first.procs.spawn({ description: 'plans work', owner: 'alice' });
    a.contextWindow.content.push({ role: 'user', content: 'write a parser', tokens: 4, at: 5 });
    a.contextWindow.currentLength = 4;
    a.tokenBudget.consumed = 100;
    a.tokenBudget.remaining -= 100;
    first.procs.save(a.pid, 'context');
    first.procs.transition(b.pid, 'SUSPENDED');
    first.procs.transition(c.pid, 'THINKING');
    first.db.close();

    const second = makeCore({ file });
    const a2 = second.procs.get('p1')!;
    expect(a2.priority).toBe(3);
    expect(a2.contextWindow.content).toEqual([{ role: 'user', content: 'write a parser', tokens: 4, at: 5 }]);
    expect(a2.tokenBudget.remaining).toBe(a.tokenBudget.remaining);
    expect(a2.vpid).toHaveLength(64);
    expect(second.procs.get('p2')!.state).toBe('SUSPENDED');
    expect(second.procs.get('p3')!.state).toBe('RUNNING');
    expect((await second.procs.spawn({ description: 'new one', owner: 'alice' })).pid).toBe('p4');
    expect((await second.procs.resolve('python code')).pid).toBe('p1');
    second.db.close();
  });
});

describe('process table under concurrency', () => {
  it('concurrent spawns get distinct pids, and only one of two with the same name succeeds', async () => {
    const { db, clock, events } = makeCore();
    const { createProcessTable } = await import('../../src/kernel/process-table.js');
    const { wordEmbedder } = await import('./core-kit.js');
    const asyncOnly = { ...wordEmbedder, embedSync: undefined, embed: (t: readonly string[]) => new Promise<Float32Array[]>((r) => setTimeout(() => r(t.map((x) => wordEmbedder.embedSync!(x))), 5)) };
    const procs = createProcessTable({ db, clock, events, embedder: asyncOnly });
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => procs.spawn({ description: `worker ${i}`, owner: 'alice' })));
    expect(new Set(many.map((p) => p.pid)).size).toBe(20);
    const same = await Promise.allSettled([procs.spawn({ description: 'a', owner: 'alice', name: 'twin' }), procs.spawn({ description: 'b', owner: 'alice', name: 'twin' })]);
    expect(same.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('a name becomes free again when its process terminates', async () => {
    const { procs } = makeCore();
    const p = await procs.spawn({ description: 'x', owner: 'alice', name: 'coder' });
    procs.transition(p.pid, 'TERMINATED');
    expect((await procs.spawn({ description: 'y', owner: 'alice', name: 'coder' })).name).toBe('coder');
  });
});

describe('automatic names', () => {
  it('an automatic name steps aside when a person already chose it', async () => {
    const { procs } = makeCore();
    await procs.spawn({ description: 'x', owner: 'alice', name: 'coder-2' });
    expect((await procs.spawn({ description: 'coder of things', owner: 'alice' })).name).toBe('coder-2-2');
  });
});

describe('write failures', () => {
  it('when the checkpoint cannot be written, the state change is not made in memory either', async () => {
    const { procs, db } = makeCore();
    const p = await procs.spawn({ description: 'a worker', owner: 'alice' });
    db.exec("CREATE TRIGGER fail BEFORE UPDATE ON processes BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => procs.transition(p.pid, 'SUSPENDED')).toThrow(/disk full/);
    expect(() => procs.setPriority(p.pid, 1)).toThrow(/disk full/);
    expect(procs.get(p.pid)).toMatchObject({ state: 'RUNNING', priority: 10 });
  });
});
