import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { createOllamaBackend } from '../../src/llm/ollama.js';
import { estimateTokens, extractiveSummary, split } from '../../src/kernel/context-compress.js';
import { createMemory, type CachedEmbedder } from '../../src/kernel/memory.js';
import type { TierStats } from '../../src/kernel/types.js';
import type { ModelBackend } from '../../src/llm/types.js';
import type { VfsStats } from '../../src/vfs/types.js';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';
import { makeCore, rejection } from './core-kit.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function countingEmbedder(): CachedEmbedder {
  const inner = createHashEmbedder(256);
  const seen = new Set<string>();
  let hits = 0;
  let misses = 0;
  return {
    id: inner.id, kind: inner.kind, dim: inner.dim,
    async embed(texts) {
      for (const t of texts) (seen.has(t) ? hits++ : (seen.add(t), misses++));
      return inner.embed(texts);
    },
    stats: () => ({ entries: seen.size, capacity: 1000, hits, misses }),
  };
}
const vfsStats = (): VfsStats => ({
  inodes: 12, chunks: 40, vectorsInIndex: 40, deletedInIndex: 2, indexCapacity: 1024, cacheEntries: 38, cacheHits: 5, cacheMisses: 35, embedder: 'hash-256', dim: 256,
});

async function setup(opts: { llm?: ModelBackend | null; file?: string; window?: number; l2CapacityTokens?: number } = {}) {
  const core = makeCore(opts.file ? { file: opts.file } : {});
  const memory = createMemory({
    db: core.db, clock: core.clock, events: core.events, embedder: countingEmbedder(), procs: core.procs, llm: opts.llm ?? null, vfsStats,
    ...(opts.l2CapacityTokens ? { l2CapacityTokens: opts.l2CapacityTokens } : {}),
  });
  const agent = await core.procs.spawn({ description: 'a database agent', owner: 'alice', contextWindow: opts.window ?? 400 });
  return { ...core, memory, agent };
}
const tier = (m: { stats(): TierStats[] }, name: string): TierStats => m.stats().find((t) => t.tier === name)!;

const DB_TURN = 'The postgres database needs an index on the orders table. Queries on customer_id scan the whole table and take seconds. We agreed to add a btree index on orders customer_id.';
const PY_TURN = 'The python test suite fails on the parser module. Pytest reports three failing unit tests in test_parser about tokenizing quoted strings and escapes.';

describe('semantic memory manager', () => {
  it('appending under the window keeps every turn in L1 and counts its tokens', async () => {
    const { memory, agent, procs } = await setup();
    await memory.appendContext(agent.pid, { role: 'system', content: 'You are a database agent.' });
    await memory.appendContext(agent.pid, { role: 'user', content: 'hello', tokens: 7 });
    const cw = procs.get(agent.pid)!.contextWindow;
    expect(cw.content.map((t) => t.tokens)).toEqual([estimateTokens('You are a database agent.'), 7]);
    expect(cw.currentLength).toBe(estimateTokens('You are a database agent.') + 7);
    expect(memory.pages(agent.pid)).toEqual([]);
    expect(tier(memory, 'L1')).toMatchObject({ used: cw.currentLength, capacity: 400, swaps: 0 });
  });

  it('overflow compresses the oldest turns into an L2 page and leaves a summary in L1 (extractive without a model)', async () => {
    const { memory, agent, procs } = await setup({ window: 200 });
    await memory.appendContext(agent.pid, { role: 'system', content: 'You are a database agent.' });
    for (let i = 0; i < 5; i++) await memory.appendContext(agent.pid, { role: 'user', content: `${i}: ${DB_TURN}` });
    const cw = procs.get(agent.pid)!.contextWindow;
    expect(cw.currentLength).toBeLessThanOrEqual(200);
    expect(cw.currentLength).toBe(cw.content.reduce((s, t) => s + t.tokens, 0));
    expect(cw.content[0]!.content).toBe('You are a database agent.'); // the system prompt stays
    expect(cw.content[1]!.content).toMatch(/^\[summary pg1\] /);
    expect(cw.content.at(-1)!.content).toBe(`4: ${DB_TURN}`); // the newest turn stays
    const [page] = memory.pages(agent.pid);
    expect(page).toMatchObject({ id: 'pg1', method: 'extractive', pid: agent.pid });
    expect(page!.text).toContain(`user: 0: ${DB_TURN}`);
    expect(tier(memory, 'L1').swaps).toBe(1);
    expect(tier(memory, 'L2')).toMatchObject({ used: page!.tokens, swaps: 1 });
  });

  it('recall swaps the most similar page back into L1; a second recall is an L1 hit; an unrelated query misses', async () => {
    const { memory, agent, procs } = await setup({ window: 160 });
    for (let i = 0; i < 3; i++) await memory.appendContext(agent.pid, { role: 'user', content: DB_TURN });
    for (let i = 0; i < 5; i++) await memory.appendContext(agent.pid, { role: 'user', content: PY_TURN });
    const pages = memory.pages(agent.pid);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const dbPage = pages.find((p) => p.text.includes('postgres') && !p.text.includes('pytest'))!;
    expect(dbPage).toBeDefined();

    const got = await memory.recall(agent.pid, 'which index does the orders table in postgres need', 1);
    expect(got[0]).toMatch(/postgres|orders/);
    expect(procs.get(agent.pid)!.contextWindow.content.some((t) => t.content.startsWith(`[recalled ${dbPage.id}] `))).toBe(true);
    expect(tier(memory, 'L2').hits).toBe(1);
    expect(tier(memory, 'L1')).toMatchObject({ misses: 1, hits: 0 });

    await memory.recall(agent.pid, 'which index does the orders table in postgres need', 1);
    expect(tier(memory, 'L1').hits).toBe(1);
    expect(tier(memory, 'L2').hits).toBe(1);

    expect(await memory.recall(agent.pid, 'zebra giraffe savanna migration', 1)).toEqual([]);
    expect(tier(memory, 'L2').misses).toBe(1);
  });

  it('with a model backend the summary comes from the model, and every summary prompt fits the context window', async () => {
    const fake: FakeOllama = await startFakeOllama({ chat: () => 'SUMMARY: orders table needs a btree index on customer_id.' });
    cleanups.push(() => fake.close());
    const llm = createOllamaBackend({ host: fake.url, model: 'tiny' });
    const { memory, agent, procs } = await setup({ llm, window: 300 });
    for (let i = 0; i < 7; i++) await memory.appendContext(agent.pid, { role: 'user', content: `${i}: ${DB_TURN}` });
    const [page] = memory.pages(agent.pid);
    expect(page!.method).toBe('llm');
    expect(page!.summary).toContain('SUMMARY: orders table');
    expect(procs.get(agent.pid)!.contextWindow.content[0]!.content).toMatch(/^\[summary pg1\] SUMMARY: orders/);
    const chats = fake.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as { messages: { content: string }[]; options?: { num_predict?: number } });
    expect(chats.length).toBeGreaterThan(1); // the excerpt did not fit one prompt: map, then reduce
    for (const c of chats) {
      const prompt = c.messages.reduce((s, m) => s + estimateTokens(m.content), 0);
      expect(prompt + (c.options?.num_predict ?? 0)).toBeLessThanOrEqual(300);
    }
  });

  it('when the model fails the summary falls back to extractive and nothing is lost', async () => {
    const fake = await startFakeOllama({ behavior: { kind: 'error', status: 500, message: 'boom' } });
    cleanups.push(() => fake.close());
    const llm = createOllamaBackend({ host: fake.url, model: 'tiny' });
    const { memory, agent } = await setup({ llm, window: 200 });
    for (let i = 0; i < 5; i++) await memory.appendContext(agent.pid, { role: 'user', content: `${i}: ${DB_TURN}` });
    const [page] = memory.pages(agent.pid);
    expect(page!.method).toBe('extractive');
    expect(page!.text).toContain(`0: ${DB_TURN}`);
  });

  it('a model that hangs does not hold compression up: after the summary timeout the summary is extractive', async () => {
    const fake = await startFakeOllama({ behavior: { kind: 'hang' } });
    cleanups.push(() => fake.close());
    const llm = createOllamaBackend({ host: fake.url, model: 'tiny' });
    const core = makeCore();
    const memory = createMemory({ db: core.db, clock: core.clock, events: core.events, embedder: countingEmbedder(), procs: core.procs, llm, vfsStats, summaryTimeoutMs: 200 });
    const agent = await core.procs.spawn({ description: 'a database agent', owner: 'alice', contextWindow: 200 });
    const started = Date.now();
    for (let i = 0; i < 5; i++) await memory.appendContext(agent.pid, { role: 'user', content: `${i}: ${DB_TURN}` });
    expect(memory.pages(agent.pid)[0]!.method).toBe('extractive');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a turn larger than the whole window fails mem.turnTooLarge; an unknown pid fails proc.notFound', async () => {
    const { memory, agent } = await setup({ window: 50 });
    expect((await rejection(memory.appendContext(agent.pid, { role: 'user', content: 'x'.repeat(400) }))).code).toBe('mem.turnTooLarge');
    expect((await rejection(memory.appendContext('p99', { role: 'user', content: 'x' }))).code).toBe('proc.notFound');
  });

  it('L2 evicts its least recently used page when over capacity, counting the swap', async () => {
    const { memory, agent } = await setup({ window: 120, l2CapacityTokens: 100 });
    for (let i = 0; i < 8; i++) await memory.appendContext(agent.pid, { role: 'user', content: `${i}: ${DB_TURN}` });
    const l2 = tier(memory, 'L2');
    expect(l2.used).toBeLessThanOrEqual(100 + memory.pages(agent.pid).at(-1)!.tokens);
    expect(l2.swaps).toBeGreaterThan(memory.pages(agent.pid).length); // pages in + pages evicted
    expect(memory.pages(agent.pid)[0]!.id).not.toBe('pg1');
  });

  it('L2 evicts pages of terminated processes before older pages of live ones', async () => {
    const { memory, agent, procs } = await setup({ window: 200, l2CapacityTokens: 400 });
    const b = await procs.spawn({ description: 'another agent', owner: 'alice', contextWindow: 200 });
    for (let i = 0; i < 5; i++) await memory.appendContext(b.pid, { role: 'user', content: `b${i}: ${DB_TURN}` });
    for (let i = 0; i < 5; i++) await memory.appendContext(agent.pid, { role: 'user', content: `a${i}: ${DB_TURN}` });
    expect(memory.pages(agent.pid)).toHaveLength(1);
    procs.transition(agent.pid, 'TERMINATED');
    for (let i = 5; i < 9; i++) await memory.appendContext(b.pid, { role: 'user', content: `b${i}: ${DB_TURN}` });
    expect(memory.pages(agent.pid)).toEqual([]);
    expect(memory.pages(b.pid).map((p) => p.id)).toEqual(['pg1', 'pg3']);
  });

  it('malloc, share and free keep regions; errors are mem.notFound, mem.badSize, mem.badShare', async () => {
    const { memory, agent, procs } = await setup();
    const other = await procs.spawn({ description: 'a helper', owner: 'alice' });
    const r = await memory.malloc('alice', 'storing user preferences', 1000);
    expect(r).toMatchObject({ id: 'm1', description: 'storing user preferences', owner: 'alice', sharedWith: [], sizeTokens: 1000, usedTokens: 0 });
    expect(memory.share(r.id, other.pid).sharedWith).toEqual([other.pid]);
    expect(memory.share(r.id, other.pid).sharedWith).toEqual([other.pid]); // idempotent
    const own = await memory.malloc(agent.pid, 'scratch');
    expect(() => memory.share(own.id, agent.pid)).toThrow(expect.objectContaining({ code: 'mem.badShare' }));
    expect(memory.free(r.id).id).toBe('m1');
    expect(() => memory.free(r.id)).toThrow(expect.objectContaining({ code: 'mem.notFound' }));
    expect((await rejection(memory.malloc('alice', 'x', 0))).code).toBe('mem.badSize');
    expect(memory.regions().map((x) => x.id)).toEqual([own.id]);
  });

  it('a shared region carries text from its owner to the process it is shared with, by order or by meaning', async () => {
    const { memory, agent, procs } = await setup();
    const reader = await procs.spawn({ description: 'a reader', owner: 'bob' });
    const stranger = await procs.spawn({ description: 'a stranger', owner: 'bob' });
    const r = await memory.malloc(agent.pid, 'shared findings', 60);
    await memory.write(r.id, agent.pid, 'The postgres orders table needs a btree index on customer_id.');
    const after = await memory.write(r.id, 'alice', 'Pytest fails on the parser tokenizing quoted strings.'); // alice owns the agent
    expect(after.usedTokens).toBe(estimateTokens('The postgres orders table needs a btree index on customer_id.') + estimateTokens('Pytest fails on the parser tokenizing quoted strings.'));
    expect((await rejection(memory.read(r.id, reader.pid))).code).toBe('mem.denied');
    memory.share(r.id, reader.pid);
    expect((await memory.read(r.id, reader.pid)).map((e) => e.author)).toEqual([agent.pid, 'alice']);
    const [best] = await memory.read(r.id, reader.pid, { query: 'which index for the postgres orders table', k: 1 });
    expect(best!.text).toContain('btree');
    expect((await rejection(memory.write(r.id, stranger.pid, 'hi'))).code).toBe('mem.denied');
    expect((await rejection(memory.write(r.id, agent.pid, 'x'.repeat(200)))).code).toBe('mem.regionFull');
    memory.free(r.id);
    expect((await rejection(memory.read(r.id, agent.pid))).code).toBe('mem.notFound');
  });

  it('reports five tiers with L3 and semantic RAM/disk from their owners', async () => {
    const { memory } = await setup();
    await memory.malloc('alice', 'storing user preferences');
    const tiers = memory.stats();
    expect(tiers.map((t) => t.tier)).toEqual(['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk']);
    expect(tier(memory, 'L3')).toMatchObject({ used: 1, capacity: 1000, misses: 1 }); // the region's description (vpids are embedded by the process table)
    expect(tier(memory, 'semanticRAM')).toMatchObject({ used: 40, capacity: 1024, unit: 'vectors' });
    expect(tier(memory, 'semanticDisk')).toMatchObject({ used: 40, hits: 5, misses: 35 });
  });

  it('regions and L2 pages survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-mem-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'nlsh.db');
    const one = await setup({ file, window: 200 });
    for (let i = 0; i < 5; i++) await one.memory.appendContext(one.agent.pid, { role: 'user', content: `${i}: ${DB_TURN}` });
    await one.memory.malloc('alice', 'storing user preferences');
    const pages = one.memory.pages(one.agent.pid);
    one.db.close();
    const core = makeCore({ file });
    const two = createMemory({ db: core.db, clock: core.clock, events: core.events, embedder: countingEmbedder(), procs: core.procs, llm: null, vfsStats });
    expect(two.pages(one.agent.pid)).toEqual(pages);
    expect(two.regions().map((r) => r.description)).toEqual(['storing user preferences']);
    expect((await two.malloc('alice', 'another')).id).toBe('m2');
    expect(core.procs.get(one.agent.pid)!.contextWindow.content[0]!.content).toMatch(/^\[summary pg1\]/);
    core.db.close();
  });
});

describe('context compression helpers', () => {
  it('an extractive summary keeps the sentences with the most shared content words, within budget', () => {
    const text = 'The cache is slow. The cache misses on every cold start. Lunch was nice. Cache warmup fixes cold start misses.';
    const s = extractiveSummary(text, 20);
    expect(estimateTokens(s)).toBeLessThanOrEqual(20);
    expect(s).not.toContain('Lunch');
    expect(s).toContain('cold start');
  });

  it('split cuts text into pieces that each fit the token budget', () => {
    const parts = split(DB_TURN.repeat(10), 60);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(estimateTokens(p)).toBeLessThanOrEqual(60);
    expect(parts.join(' ').replace(/\s+/g, '')).toBe(DB_TURN.repeat(10).replace(/\s+/g, ''));
  });
});
