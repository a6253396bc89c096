// The ollama embedder against the fake Ollama server, healthy and misbehaving.
import { afterEach, describe, expect, it } from 'vitest';
import { isNlshError } from '../../src/base/errors.js';
import { createEmbedder } from '../../src/embed/index.js';
import { createOllamaEmbedder } from '../../src/embed/ollama-embedder.js';
import { cosine } from '../../src/embed/types.js';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isNlshError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('ollama embedder', () => {
  it('learns its dimension from the server and is named ollama:<model>', async () => {
    fake = await startFakeOllama({ dim: 24 });
    const e = await createOllamaEmbedder({ host: fake.url, model: 'nomic-embed-text' });
    expect(e.id).toBe('ollama:nomic-embed-text');
    expect(e.kind).toBe('ollama');
    expect(e.dim).toBe(24);
  });

  it('embeds in batches of batchSize and keeps the input order', async () => {
    fake = await startFakeOllama({ dim: 16 });
    const e = await createOllamaEmbedder({ host: fake.url, batchSize: 4 });
    const texts = Array.from({ length: 10 }, (_, i) => `text number ${i}`);
    const vecs = await e.embed(texts);
    expect(vecs).toHaveLength(10);
    const batches = fake.requests.filter((r) => r.path === '/api/embed').slice(1); // after the probe
    expect(batches.map((r) => ((r.body as { input: string[] }).input).length)).toEqual([4, 4, 2]);
    const [again] = await e.embed(['text number 7']);
    expect(cosine(again!, vecs[7]!)).toBeCloseTo(1, 5);
    for (const v of vecs) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('normalises the server vectors and replaces a zero vector', async () => {
    fake = await startFakeOllama({ embed: (texts) => texts.map((t) => (t === 'zero' ? [0, 0, 0] : [3, 4, 0])) });
    const e = await createOllamaEmbedder({ host: fake.url });
    const [a, z] = await e.embed(['x', 'zero']);
    expect(Array.from(a!)).toEqual([Math.fround(0.6), Math.fround(0.8), 0]);
    expect(Math.hypot(...z!)).toBeCloseTo(1, 5);
  });

  it('a vector of another length fails with embed.badResponse', async () => {
    let n = 0;
    fake = await startFakeOllama({ embed: (texts) => texts.map(() => new Array(n++ === 0 ? 4 : 5).fill(1)) });
    const e = await createOllamaEmbedder({ host: fake.url });
    expect(await codeOf(e.embed(['a']))).toBe('embed.badResponse');
  });

  it('maps every server failure to an embed.* error with the backend hint', async () => {
    fake = await startFakeOllama({ models: ['llama3.2'] });
    const missing = await createOllamaEmbedder({ host: fake.url, model: 'nomic-embed-text' }).catch((e: unknown) => e);
    expect(isNlshError(missing, 'embed.modelMissing')).toBe(true);
    expect((missing as { hint: string }).hint).toContain('ollama pull nomic-embed-text');
    await fake.close();

    fake = await startFakeOllama({ dim: 8 });
    const e = await createOllamaEmbedder({ host: fake.url, timeoutMs: 150 });
    fake.setBehavior({ kind: 'error', status: 500 });
    expect(await codeOf(e.embed(['a']))).toBe('embed.http');
    fake.setBehavior({ kind: 'garbage' });
    expect(await codeOf(e.embed(['a']))).toBe('embed.badResponse');
    fake.setBehavior({ kind: 'disconnect' });
    expect(await codeOf(e.embed(['a']))).toBe('embed.unreachable');
    fake.setBehavior({ kind: 'hang' });
    expect(await codeOf(e.embed(['a']))).toBe('embed.timeout');
    fake.setBehavior({ kind: 'slow', delayMs: 20 });
    expect(await e.embed(['a'])).toHaveLength(1);
    const ac = new AbortController();
    fake.setBehavior({ kind: 'hang' });
    setTimeout(() => ac.abort(), 30);
    expect(await codeOf(e.embed(['a'], { signal: ac.signal }))).toBe('embed.aborted');
  });

  it('a server that is not there fails at creation with embed.unreachable', async () => {
    const gone = await startFakeOllama();
    const url = gone.url;
    await gone.close();
    expect(await codeOf(createEmbedder('ollama', { ollamaHost: url }))).toBe('embed.unreachable');
  });
});
