import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { createMemory } from '../../src/kernel/memory.js';
import { memSyscalls } from '../../src/kernel/syscalls/mem.js';
import type { MemoryRegion, TierStats } from '../../src/kernel/types.js';
import { makeCore, rejection } from './core-kit.js';

async function setup() {
  const core = makeCore();
  const inner = createHashEmbedder(64);
  let misses = 0;
  const embedder = { ...inner, embed: (t: readonly string[]) => { misses += t.length; return inner.embed(t); }, stats: () => ({ entries: misses, capacity: 100, hits: 0, misses }) };
  const memory = createMemory({
    db: core.db, clock: core.clock, events: core.events, embedder, procs: core.procs, llm: null,
    vfsStats: () => ({ inodes: 0, chunks: 0, vectorsInIndex: 0, deletedInIndex: 0, indexCapacity: 0, cacheEntries: 0, cacheHits: 0, cacheMisses: 0, embedder: 'hash-64', dim: 64 }),
  });
  (core.services as { memory: unknown }).memory = memory;
  core.table.register(...memSyscalls);
  const helper = await core.procs.spawn({ description: 'a helper agent', name: 'helper', owner: 'alice' });
  return { ...core, memory, helper };
}
type R = { region: MemoryRegion };

describe('mem syscalls', () => {
  it('mem.malloc gives the caller a named region', async () => {
    const { call } = await setup();
    const r = (await call('mem.malloc', { description: 'storing user preferences', size: 2048 })) as R;
    expect(r.region).toMatchObject({ id: 'm1', description: 'storing user preferences', owner: 'alice', sizeTokens: 2048, sharedWith: [] });
  });

  it('mem.share shares an owned region with a process named by name', async () => {
    const { call, helper } = await setup();
    await call('mem.malloc', { description: 'notes' });
    const r = (await call('mem.share', { id: 'm1', with: 'helper' })) as R;
    expect(r.region.sharedWith).toEqual([helper.pid]);
  });

  it('mem.free of someone else\'s region fails mem.denied and keeps it', async () => {
    const { call, session, memory } = await setup();
    await call('mem.malloc', { description: 'alice private notes' });
    const err = await rejection(call('mem.free', { id: 'm1' }, session('bob')));
    expect(err.code).toBe('mem.denied');
    expect((await rejection(call('mem.share', { id: 'm1', with: 'helper' }, session('bob')))).code).toBe('mem.denied');
    expect(memory.region('m1')).toBeDefined();
  });

  it('an agent may free its own region, and its owner (the user who spawned it) may too', async () => {
    const { call, session, helper } = await setup();
    const agent = session(helper.pid, 'agent');
    await call('mem.malloc', { description: 'scratch one' }, agent);
    await call('mem.malloc', { description: 'scratch two' }, agent);
    expect(((await call('mem.free', { id: 'm1' }, agent)) as R).region.owner).toBe(helper.pid);
    expect(((await call('mem.free', { id: '2' })) as R).region.id).toBe('m2'); // alice owns helper
  });

  it('mem.free of an unknown region fails mem.notFound; a bad size fails sys.badArgs', async () => {
    const { call } = await setup();
    expect((await rejection(call('mem.free', { id: 'm9' }))).code).toBe('mem.notFound');
    expect((await rejection(call('mem.malloc', { description: 'x', size: 0 }))).code).toBe('sys.badArgs');
    expect((await rejection(call('mem.share', { id: 'm9', with: 'helper' }))).code).toBe('mem.notFound');
  });

  it('mem.stat reports the five tiers and the regions', async () => {
    const { call } = await setup();
    await call('mem.malloc', { description: 'notes' });
    const r = (await call('mem.stat', {})) as { tiers: TierStats[]; regions: MemoryRegion[] };
    expect(r.tiers.map((t) => t.tier)).toEqual(['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk']);
    expect(r.tiers[2]).toMatchObject({ tier: 'L3', misses: 1 });
    expect(r.regions.map((x) => x.id)).toEqual(['m1']);
  });
});
