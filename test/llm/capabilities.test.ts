// Model capabilities: /api/show read through the real ollama client against the fake server,
// remembered per model; and the notice an agent on a model without tools gets when it starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel, type KernelWithAgents } from '../../src/agents/boot.js';
import { isNlshError } from '../../src/base/errors.js';
import { parseShow } from '../../src/llm/capabilities.js';
import { createOllamaBackend } from '../../src/llm/ollama.js';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';
import { wordEmbedder } from '../agents/kit.js';
import { teardown } from '../helpers/teardown.js';

let fake: FakeOllama | undefined;
let kernel: KernelWithAgents | undefined;
let home: string | undefined;
afterEach(async () => {
  [kernel, fake, home] = await teardown(kernel, fake, home);
});

describe('parseShow', () => {
  it('reads reported capabilities and the context length from model_info', () => {
    const c = parseShow('qwen3', { capabilities: ['completion', 'tools', 'thinking'], model_info: { 'qwen3.context_length': 40960, 'general.architecture': 'qwen3' } });
    expect(c).toEqual({ model: 'qwen3', capabilities: ['completion', 'tools', 'thinking'], tools: true, contextLength: 40960, source: 'reported' });
  });

  it('judges an old server by its template: .Tools means tools', () => {
    expect(parseShow('a', { template: '{{ if .Tools }}{{ .Tools }}{{ end }}' })).toMatchObject({ tools: true, source: 'template', contextLength: null });
    expect(parseShow('b', { template: '{{ .Prompt }}' })).toMatchObject({ tools: false, capabilities: ['completion'] });
  });

  it('gives no tools for a reply of the wrong shape instead of failing', () => {
    expect(parseShow('c', 'garbage')).toMatchObject({ tools: false, contextLength: null });
    expect(parseShow('d', { capabilities: [1, 'tools'], model_info: { 'x.context_length': -5 } })).toMatchObject({ capabilities: ['tools'], tools: true, contextLength: null });
  });
});

describe('the Ollama backend', () => {
  it('reports tool support per model and asks the server once per model', async () => {
    fake = await startFakeOllama({ models: ['llama3.2', 'llama2'], capabilities: { llama2: ['completion'] } });
    const llm = createOllamaBackend({ host: fake.url, model: 'llama3.2' });
    expect(await llm.supportsTools()).toBe(true);
    expect(await llm.supportsTools('llama2')).toBe(false);
    expect(await llm.supportsTools('llama2')).toBe(false);
    expect((await llm.capabilities('llama2')).contextLength).toBe(4096);
    expect(fake.requests.filter((r) => r.path === '/api/show')).toHaveLength(2);
    expect(await llm.version()).toBe('0.0.0-fake');
  });

  it('fails llm.modelMissing for a model the server does not have, and asks again next time', async () => {
    fake = await startFakeOllama({ models: ['llama3.2'] });
    const llm = createOllamaBackend({ host: fake.url });
    const err = await llm.capabilities('nope').catch((e: unknown) => e);
    expect(isNlshError(err, 'llm.modelMissing')).toBe(true);
    await llm.capabilities('nope').catch(() => undefined);
    expect(fake.requests.filter((r) => r.path === '/api/show')).toHaveLength(2);
  });
});

describe('an agent on a model without tools', () => {
  async function boot(model: string, notices: string[]) {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nlsh-caps-'));
    fake = await startFakeOllama({ models: ['llama3.2', 'llama2'], capabilities: { llama2: ['completion'] } });
    kernel = await createKernel({
      home, inMemory: true, embedder: wordEmbedder, user: 'alice', allowedRoots: [home], env: {},
      ollamaHost: fake.url, model, onNotice: (m) => notices.push(m),
    });
    return kernel;
  }

  it('is announced when it is spawned: it answers in text only', async () => {
    const notices: string[] = [];
    const k = await boot('llama2', notices);
    const { process: p } = await k.call('proc.spawn', { description: 'a code-writing agent' });
    await k.close();
    kernel = undefined;
    expect(notices).toEqual([`${p.pid} ${p.name}: model llama2 has no tool support; it answers in text only`]);
  });

  it('is not announced when the model has tools', async () => {
    const notices: string[] = [];
    const k = await boot('llama3.2', notices);
    await k.call('proc.spawn', { description: 'a code-writing agent' });
    await k.close();
    kernel = undefined;
    expect(notices).toEqual([]);
    expect(fake!.requests.some((r) => r.path === '/api/show')).toBe(true);
  });
});
