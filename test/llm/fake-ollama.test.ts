// Tests of the fake Ollama server itself, driven by the real `ollama` client so other tests can trust it.
import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake ollama', () => {
  it('echoes the last user message and counts whitespace tokens', async () => {
    fake = await startFakeOllama();
    const client = new Ollama({ host: fake.url });
    const r = await client.chat({ model: 'm', messages: [{ role: 'user', content: 'hello there world' }] });
    expect(r.message.content).toBe('You said: hello there world');
    expect(r.prompt_eval_count).toBe(3);
    expect(r.eval_count).toBe(5);
    expect(fake.requests[0]?.path).toBe('/api/chat');
  });

  it('streams the reply as NDJSON chunks that join to the full text', async () => {
    fake = await startFakeOllama({ chat: () => 'one two three' });
    const client = new Ollama({ host: fake.url });
    const parts: string[] = [];
    let last: { done: boolean; eval_count?: number } | undefined;
    for await (const c of await client.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true })) {
      parts.push(c.message.content);
      last = c;
    }
    expect(parts.join('')).toBe('one two three');
    expect(parts.length).toBeGreaterThan(2);
    expect(last?.done).toBe(true);
    expect(last?.eval_count).toBe(3);
  });

  it('answers a schema `format` with JSON that has the required fields', async () => {
    fake = await startFakeOllama();
    const client = new Ollama({ host: fake.url });
    const format = { type: 'object', properties: { op: { type: 'string', enum: ['kill', 'ps'] }, n: { type: 'integer' } }, required: ['op', 'n'] };
    const r = await client.chat({ model: 'm', messages: [{ role: 'user', content: 'kill it' }], format });
    expect(JSON.parse(r.message.content)).toEqual({ op: 'kill', n: 0 });
  });

  it('embeds a batch deterministically with unit vectors of the configured dimension', async () => {
    fake = await startFakeOllama({ dim: 16 });
    const client = new Ollama({ host: fake.url });
    const a = await client.embed({ model: 'e', input: ['alpha beta', 'gamma'] });
    const b = await client.embed({ model: 'e', input: ['alpha beta'] });
    expect(a.embeddings).toHaveLength(2);
    expect(a.embeddings[0]).toHaveLength(16);
    expect(a.embeddings[0]).toEqual(b.embeddings[0]);
    const norm = Math.hypot(...a.embeddings[1]!);
    expect(norm).toBeCloseTo(1, 5);
  });

  it('answers 404 model not found for a model it does not have', async () => {
    fake = await startFakeOllama({ models: ['llama3'] });
    const client = new Ollama({ host: fake.url });
    await expect(client.chat({ model: 'nope', messages: [] })).rejects.toMatchObject({ status_code: 404 });
    await expect(client.chat({ model: 'llama3', messages: [] })).resolves.toBeTruthy();
    expect((await client.list()).models.map((m) => m.name)).toEqual(['llama3']);
    expect((await client.version()).version).toBe('0.0.0-fake');
  });

  it('misbehaves as told: error status, garbage, disconnect', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'error', status: 503, message: 'busy' } });
    const client = new Ollama({ host: fake.url });
    await expect(client.chat({ model: 'm', messages: [] })).rejects.toMatchObject({ status_code: 503, error: 'busy' });
    fake.setBehavior({ kind: 'garbage' });
    await expect(client.chat({ model: 'm', messages: [] })).rejects.toThrow(SyntaxError);
    fake.setBehavior({ kind: 'disconnect' });
    await expect(client.chat({ model: 'm', messages: [] })).rejects.toThrow();
  });

  it('answers /api/generate, /api/embeddings and /api/show like Ollama', async () => {
    fake = await startFakeOllama({ dim: 4, models: ['m'] });
    const client = new Ollama({ host: fake.url });
    const g = await client.generate({ model: 'm', prompt: 'two words' });
    expect(g.response).toBe('You said: two words');
    expect(g.eval_count).toBe(4);
    const e = await client.embeddings({ model: 'm', prompt: 'hello' });
    expect(e.embedding).toHaveLength(4);
    expect((await client.show({ model: 'm' })).details.family).toBe('fake');
    await expect(client.show({ model: 'other' })).rejects.toMatchObject({ status_code: 404 });
  });

  it('delays every streamed chunk when slow, and never answers when hanging', async () => {
    fake = await startFakeOllama({ chat: () => 'a b c', behavior: { kind: 'slow', delayMs: 60 } });
    const client = new Ollama({ host: fake.url });
    const t0 = Date.now();
    const parts: string[] = [];
    for await (const c of await client.chat({ model: 'm', messages: [], stream: true })) parts.push(c.message.content);
    expect(parts.join('')).toBe('a b c');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4 * 55);
    fake.setBehavior({ kind: 'hang' });
    const outcome = await Promise.race([
      client.chat({ model: 'm', messages: [] }).then(() => 'answered', () => 'failed'),
      new Promise((r) => setTimeout(() => r('still waiting'), 300)),
    ]);
    expect(outcome).toBe('still waiting');
  });
});
