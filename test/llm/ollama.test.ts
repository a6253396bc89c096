// The Ollama backend drives the real `ollama` client against the fake server in every behaviour.
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaBackend, resolveOllamaHost } from '../../src/llm/ollama.js';
import type { ChatChunk } from '../../src/llm/types.js';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';
import { rejection } from '../helpers/rejection.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const failure = rejection;

async function collect(it: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

const hello = { messages: [{ role: 'user' as const, content: 'list my processes please' }] };

describe('resolveOllamaHost', () => {
  it('prefers the explicit host, then OLLAMA_HOST, then the local default', () => {
    expect(resolveOllamaHost('http://a:1/', { OLLAMA_HOST: 'b:2' })).toBe('http://a:1');
    expect(resolveOllamaHost(undefined, { OLLAMA_HOST: 'b:2' })).toBe('http://b:2');
    expect(resolveOllamaHost(undefined, { OLLAMA_HOST: '0.0.0.0:11434' })).toBe('http://127.0.0.1:11434');
    expect(resolveOllamaHost(undefined, {})).toBe('http://127.0.0.1:11434');
  });
});

describe('ollama backend against a healthy server', () => {
  it('chat returns the reply with token counts and sends model, format and options', async () => {
    fake = await startFakeOllama();
    const llm = createOllamaBackend({ host: fake.url, model: 'tiny' });
    const r = await llm.chat({ ...hello, temperature: 0, maxTokens: 20 });
    expect(r.content).toBe('You said: list my processes please');
    expect(r.promptTokens).toBe(4);
    expect(r.completionTokens).toBe(6);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fake.requests[0]).toMatchObject({ path: '/api/chat', body: { model: 'tiny', stream: false, options: { temperature: 0, num_predict: 20 } } });
  });

  it('takes the host from OLLAMA_HOST when none is given', async () => {
    fake = await startFakeOllama();
    const llm = createOllamaBackend({ env: { OLLAMA_HOST: fake.url } });
    expect(llm.host).toBe(fake.url);
    expect(await llm.ping()).toBe(true);
  });

  it('chat with a JSON schema format returns JSON that fits the schema', async () => {
    fake = await startFakeOllama();
    const llm = createOllamaBackend({ host: fake.url });
    const format = { type: 'object', properties: { syscall: { type: 'string', enum: ['proc.kill'] } }, required: ['syscall'] };
    const r = await llm.chat({ ...hello, format });
    expect(JSON.parse(r.content)).toEqual({ syscall: 'proc.kill' });
    expect(fake.requests[0]?.body).toMatchObject({ format });
  });

  it('chatStream yields pieces that join to the reply, counts on the final chunk', async () => {
    fake = await startFakeOllama({ chat: () => 'alpha beta gamma delta' });
    const llm = createOllamaBackend({ host: fake.url });
    const chunks = await collect(llm.chatStream(hello));
    expect(chunks.map((c) => c.content).join('')).toBe('alpha beta gamma delta');
    expect(chunks.length).toBe(5);
    expect(chunks.at(-1)).toMatchObject({ done: true, promptTokens: 4, completionTokens: 4 });
    expect(chunks.slice(0, -1).every((c) => !c.done)).toBe(true);
  });

  it('a consumer that stops reading early leaves the backend usable', async () => {
    fake = await startFakeOllama({ chat: () => 'a b c d e f g', behavior: { kind: 'slow', delayMs: 20 } });
    const llm = createOllamaBackend({ host: fake.url });
    for await (const c of llm.chatStream(hello)) {
      expect(c.content).toBe('a');
      break;
    }
    fake.setBehavior('ok');
    expect((await llm.chat(hello)).content).toBe('a b c d e f g');
  });

  it('embed returns one vector per input in a single request', async () => {
    fake = await startFakeOllama({ dim: 8 });
    const llm = createOllamaBackend({ host: fake.url });
    const v = await llm.embed('nomic-embed-text', ['one', 'two', 'three']);
    expect(v).toHaveLength(3);
    expect(v[0]).toHaveLength(8);
    expect(fake.requests.filter((r) => r.path === '/api/embed')).toHaveLength(1);
    expect(await llm.embed('nomic-embed-text', [])).toEqual([]);
  });

  it('listModels names the installed models', async () => {
    fake = await startFakeOllama({ models: ['llama3.2', 'nomic-embed-text'] });
    const llm = createOllamaBackend({ host: fake.url });
    expect(await llm.listModels()).toEqual(['llama3.2', 'nomic-embed-text']);
  });
});

describe('ollama backend failures', () => {
  it('a model the server lacks fails with llm.modelMissing and a pull hint', async () => {
    fake = await startFakeOllama({ models: ['llama3.2'] });
    const llm = createOllamaBackend({ host: fake.url, model: 'qwen9' });
    const e = await failure(llm.chat(hello));
    expect(e.code).toBe('llm.modelMissing');
    expect(e.hint).toContain('ollama pull qwen9');
    expect((await failure(collect(llm.chatStream(hello)))).code).toBe('llm.modelMissing');
    expect((await failure(llm.embed('nope', ['x']))).code).toBe('llm.modelMissing');
  });

  it('a 404 that is not about a model (not an Ollama server) fails with llm.http, not modelMissing', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'error', status: 404, message: '404 page not found' } });
    const e = await failure(createOllamaBackend({ host: fake.url }).chat(hello));
    expect(e.code).toBe('llm.http');
    expect(e.details).toMatchObject({ status: 404 });
  });

  it('another HTTP status fails with llm.http carrying the status', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'error', status: 500, message: 'runner crashed' } });
    const llm = createOllamaBackend({ host: fake.url });
    const e = await failure(llm.chat(hello));
    expect(e.code).toBe('llm.http');
    expect(e.message).toContain('runner crashed');
    expect(e.details).toMatchObject({ status: 500 });
    expect((await failure(collect(llm.chatStream(hello)))).code).toBe('llm.http');
  });

  it('a closed port fails with llm.unreachable and tells how to start Ollama', async () => {
    const gone = await startFakeOllama();
    const url = gone.url;
    await gone.close();
    const llm = createOllamaBackend({ host: url });
    const e = await failure(llm.chat(hello));
    expect(e.code).toBe('llm.unreachable');
    expect(e.hint).toContain('ollama serve');
    expect(e.hint).toContain('--ollama-host');
    expect((await failure(collect(llm.chatStream(hello)))).code).toBe('llm.unreachable');
    expect((await failure(llm.embed('m', ['x']))).code).toBe('llm.unreachable');
    expect(await llm.ping()).toBe(false);
  });

  it('a connection dropped mid-reply fails with llm.unreachable', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'disconnect' } });
    const llm = createOllamaBackend({ host: fake.url });
    expect((await failure(llm.chat(hello))).code).toBe('llm.unreachable');
    expect((await failure(collect(llm.chatStream(hello)))).code).toBe('llm.unreachable');
  });

  it('garbage instead of JSON fails with llm.badResponse', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'garbage' } });
    const llm = createOllamaBackend({ host: fake.url });
    expect((await failure(llm.chat(hello))).code).toBe('llm.badResponse');
    expect((await failure(collect(llm.chatStream(hello)))).code).toBe('llm.badResponse');
    expect((await failure(llm.embed('m', ['x']))).code).toBe('llm.badResponse');
  });

  it('a server that never answers fails with llm.timeout after timeoutMs', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'hang' } });
    const llm = createOllamaBackend({ host: fake.url, timeoutMs: 150 });
    const t0 = Date.now();
    const e = await failure(llm.chat(hello));
    expect(e.code).toBe('llm.timeout');
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await failure(collect(llm.chatStream(hello)))).code).toBe('llm.timeout');
    expect((await failure(llm.embed('m', ['x']))).code).toBe('llm.timeout');
    expect(await llm.ping()).toBe(false);
  });

  it('a slow stream times out only when one chunk takes longer than timeoutMs', async () => {
    fake = await startFakeOllama({ chat: () => 'w1 w2 w3 w4 w5 w6', behavior: { kind: 'slow', delayMs: 40 } });
    const steady = createOllamaBackend({ host: fake.url, timeoutMs: 400 });
    expect((await collect(steady.chatStream(hello))).map((c) => c.content).join('')).toBe('w1 w2 w3 w4 w5 w6');
    fake.setBehavior({ kind: 'slow', delayMs: 600 });
    const impatient = createOllamaBackend({ host: fake.url, timeoutMs: 150 });
    expect((await failure(collect(impatient.chatStream(hello)))).code).toBe('llm.timeout');
    expect((await failure(impatient.chat(hello))).code).toBe('llm.timeout');
  });

  it('aborting the signal cancels a pending call with llm.aborted', async () => {
    fake = await startFakeOllama({ behavior: { kind: 'hang' } });
    const llm = createOllamaBackend({ host: fake.url, timeoutMs: 10_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect((await failure(llm.chat({ ...hello, signal: ac.signal }))).code).toBe('llm.aborted');
    const ac2 = new AbortController();
    setTimeout(() => ac2.abort(), 50);
    expect((await failure(collect(llm.chatStream({ ...hello, signal: ac2.signal })))).code).toBe('llm.aborted');
  });

  it('an already-aborted signal fails at once without sending anything', async () => {
    fake = await startFakeOllama();
    const llm = createOllamaBackend({ host: fake.url });
    const e = await failure(llm.chat({ ...hello, signal: AbortSignal.abort() }));
    expect(e.code).toBe('llm.aborted');
    expect((await failure(llm.embed('m', ['x'], AbortSignal.abort()))).code).toBe('llm.aborted');
    expect(fake.requests).toHaveLength(0);
  });
});
