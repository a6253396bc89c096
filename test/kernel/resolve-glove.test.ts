// Naming processes by meaning with the real default embedder (GloVe): the thresholds of
// process-table.ts are tuned on it. The GloVe cache is built once by test/global-setup.ts.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGloveEmbedder } from '../../src/embed/glove.js';
import type { Embedder } from '../../src/embed/types.js';
import { createProcessTable, type ProcessTableImpl } from '../../src/kernel/process-table.js';
import { makeCore, rejection } from './core-kit.js';

let procs: ProcessTableImpl;
beforeAll(async () => {
  const embedder: Embedder = await createGloveEmbedder({ cacheDir: process.env.NLSH_CACHE_DIR ?? join(tmpdir(), 'nlsh-test-cache') });
  const { db, clock, events } = makeCore();
  procs = createProcessTable({ db, clock, events, embedder });
  for (const description of [
    'a code-writing agent with Python expertise',
    'an agent that reviews code for bugs',
    'summarises research papers about biology',
    'plans the architecture of a web server',
  ]) await procs.spawn({ description, owner: 'alice' });
});

describe('resolve by meaning (GloVe)', () => {
  it.each([
    ['the reviewer', 'p2'],
    ['the python coder', 'p1'],
    ['biology', 'p3'],
    ['the planner', 'p4'],
  ])('"%s" names %s', async (ref, pid) => {
    expect((await procs.resolve(ref)).pid).toBe(pid);
  });

  it('an unrelated description names nothing and lists the closest processes', async () => {
    const err = await rejection(procs.resolve('the cook'));
    expect(err.code).toBe('proc.notFound');
    expect((err.details!.candidates as unknown[]).length).toBe(3);
  });
});
