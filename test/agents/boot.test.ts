import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel, type KernelWithAgents } from '../../src/agents/boot.js';
import type { AgentReply } from '../../src/agents/messages.js';
import type { ProcessTableImpl } from '../../src/kernel/process-table.js';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';
import { wordEmbedder } from './kit.js';
import { teardown } from '../helpers/teardown.js';

let kernel: KernelWithAgents | undefined;
let fake: FakeOllama | undefined;
let home: string | undefined;

afterEach(async () => {
  [kernel, fake, home] = await teardown(kernel, fake, home);
});

async function boot(opts: { model?: boolean; agents?: boolean } = {}) {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'nlsh-agents-'));
  fake = await startFakeOllama({ chat: (req) => `Here is the code for: ${req.messages.at(-1)?.content ?? ''}` });
  kernel = await createKernel({
    home, inMemory: true, embedder: wordEmbedder, user: 'alice', allowedRoots: [home], env: {},
    ...(opts.model === false ? {} : { ollamaHost: fake.url, model: 'fake-model' }),
    ...(opts.agents === undefined ? {} : { agents: opts.agents }),
  });
  return kernel;
}

describe('createKernel with agents', () => {
  it('after a restart only the agents with queued messages are read at start, and a queued request is answered', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nlsh-agents-'));
    fake = await startFakeOllama({ chat: (req) => `answer to ${req.messages.at(-1)?.content ?? ''}` });
    const opts = { home, embedder: wordEmbedder, user: 'alice', allowedRoots: [home], env: {} };
    const first = await createKernel(opts); // no model: the message waits
    for (const d of ['writes python code', 'reviews pull requests', 'plans the work', 'tests the server']) await first.call('proc.spawn', { description: d });
    await first.call('ipc.send', { to: 'p3', message: 'plan the release' });
    await first.close();

    kernel = await createKernel({ ...opts, ollamaHost: fake.url, model: 'fake-model' });
    expect((kernel.services.procs as ProcessTableImpl).resident).toBe(1); // p3 alone, for its inbox
    await kernel.runtime!.idle();
    const { messages } = await kernel.call('ipc.receive', {});
    expect(messages.map((m) => [m.from, (m.payload as AgentReply).text])).toEqual([['p3', 'answer to Message from alice: plan the release']]);
  });

  it('a spawned agent answers a message sent through the syscalls', async () => {
    const k = await boot();
    expect(k.runtime).not.toBeNull();
    const { process: p } = await k.call('proc.spawn', { description: 'a code-writing agent with Python expertise', budget: 20_000 });
    await k.call('ipc.send', { to: p.pid, message: 'print hello in Python' });
    await k.runtime!.idle();
    const { messages } = await k.call('ipc.receive', {});
    const answer = messages.find((m) => m.messageType === 'RESPONSE');
    expect(answer?.from).toBe(p.pid);
    expect((answer?.payload as AgentReply).text).toBe('Here is the code for: Message from alice: print hello in Python');
    const after = k.services.procs.get(p.pid)!;
    expect(after.tokenBudget.consumed).toBeGreaterThan(0);
    expect(after.contextWindow.content.map((t) => t.role)).toEqual(['user', 'assistant']);
  });

  it('an agent that ran out of budget is blocked until another process lends it attention', async () => {
    const k = await boot();
    const { process: rich } = await k.call('proc.spawn', { description: 'a wealthy helper', budget: 10_000 });
    const { process: poor } = await k.call('proc.spawn', { description: 'a poor helper', budget: 5 });
    await k.call('ipc.send', { to: poor.pid, message: 'first question' });
    await k.runtime!.idle();
    expect(k.services.procs.get(poor.pid)).toMatchObject({ state: 'BLOCKED', blockedReason: 'token budget exhausted' });
    await k.call('ipc.send', { to: poor.pid, message: 'second question' });
    await k.runtime!.idle();
    expect(k.services.bus.inboxSize(poor.pid)).toBe(1);
    await k.call('proc.lend', { from: rich.pid, to: poor.pid, percent: 50 });
    await k.runtime!.idle();
    const { messages } = await k.call('ipc.receive', {});
    const texts = messages.filter((m) => m.messageType === 'RESPONSE').map((m) => (m.payload as AgentReply).text);
    expect(texts).toEqual([
      'Here is the code for: Message from alice: first question',
      'Here is the code for: Message from alice: second question',
    ]);
    expect(k.services.procs.get(poor.pid)?.state).toBe('RUNNING');
  });

  it('without a model, or with agents off, there is no runtime and messages wait in the inbox', async () => {
    const k = await boot({ model: false });
    expect(k.services.llm).toBeNull();
    expect(k.runtime).toBeNull();
    await kernel!.close();
    kernel = undefined;
    const k2 = await boot({ agents: false });
    expect(k2.services.llm).not.toBeNull();
    expect(k2.runtime).toBeNull();
    const { process: p } = await k2.call('proc.spawn', { description: 'a helpful agent' });
    await k2.call('ipc.send', { to: p.pid, message: 'hello' });
    expect(k2.services.bus.inboxSize(p.pid)).toBe(1);
  });
});
