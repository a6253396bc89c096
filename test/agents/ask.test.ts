// ipc.ask (ask PROC "question") and ipc.receive with wait (msgs --wait), through createKernel
// with the real Ollama backend pointed at the fake server; and what happens with no model.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/agents/ask.js';
import { createKernel, type KernelWithAgents } from '../../src/agents/boot.js';
import { isNlshError } from '../../src/base/errors.js';
import { startFakeOllama, type Behavior, type FakeOllama } from '../helpers/fake-ollama.js';
import { wordEmbedder } from './kit.js';
import { teardown } from '../helpers/teardown.js';

let kernel: KernelWithAgents | undefined;
let fake: FakeOllama | undefined;
let home: string | undefined;

afterEach(async () => {
  [kernel, fake, home] = await teardown(kernel, fake, home);
});

async function boot(opts: { model?: boolean; behavior?: Behavior; notices?: string[] } = {}) {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'nlsh-ask-'));
  fake = await startFakeOllama({ chat: (req) => `Answer: ${req.messages.at(-1)?.content ?? ''}`, ...(opts.behavior ? { behavior: opts.behavior } : {}) });
  kernel = await createKernel({
    home, inMemory: true, embedder: wordEmbedder, user: 'alice', allowedRoots: [home], env: {},
    ...(opts.model === false ? {} : { ollamaHost: fake.url, model: 'fake-model' }),
    ...(opts.notices ? { onNotice: (m: string) => opts.notices!.push(m) } : {}),
  });
  const { process: p } = await kernel.call('proc.spawn', { description: 'a code-writing agent with Python expertise', budget: 20_000 });
  return { k: kernel, p };
}

const errorOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);

describe('ipc.ask', () => {
  it('returns the agent answer, and the reply does not stay in the inbox for msgs', async () => {
    const { k, p } = await boot();
    const r = (await k.call('ipc.ask', { to: p.pid, message: 'print hello in Python' })) as AskResult;
    expect(r.answer).toBe('Answer: Message from alice: print hello in Python');
    expect(r.from).toEqual({ pid: p.pid, name: p.name });
    expect(k.services.procs.get(p.pid)!.tokenBudget.consumed).toBeGreaterThan(0);
    expect((await k.call('ipc.receive', {})).messages).toEqual([]);
  });

  it('fails with the model error when the agent could not answer, and the agent is blocked', async () => {
    const { k, p } = await boot({ behavior: { kind: 'error', status: 500, message: 'out of memory' } });
    const err = await errorOf(k.call('ipc.ask', { to: p.pid, message: 'hello' }));
    expect(isNlshError(err)).toBe(true);
    expect((err as { code: string }).code).toMatch(/^llm\./);
    expect((err as Error).message).toContain(`${p.pid} (${p.name}) could not answer`);
    expect(k.services.procs.get(p.pid)!.state).toBe('BLOCKED');
  });

  it('fails ipc.timeout with a hint when no answer comes in time; the answer later lands in the inbox', async () => {
    const { k, p } = await boot({ behavior: { kind: 'slow', delayMs: 600 } });
    const t0 = performance.now();
    const err = await errorOf(k.call('ipc.ask', { to: p.pid, message: 'hello', timeoutMs: 150 }));
    expect(isNlshError(err, 'ipc.timeout')).toBe(true);
    expect((err as { hint?: string }).hint).toContain('msgs --wait');
    expect(performance.now() - t0).toBeLessThan(550);
    const { messages } = await k.call('ipc.receive', { wait: true, timeoutMs: 10_000 });
    expect(messages.map((m) => [m.from, m.messageType])).toEqual([[p.pid, 'RESPONSE']]);
  });

  it('fails agent.noModel at once when no model is configured, and send warns once per agent', async () => {
    const notices: string[] = [];
    const { k, p } = await boot({ model: false, notices });
    const err = await errorOf(k.call('ipc.ask', { to: p.pid, message: 'hello' }));
    expect(isNlshError(err, 'agent.noModel')).toBe(true);
    expect((err as { hint?: string }).hint).toContain('--model');
    expect((err as { hint?: string }).hint).toContain('nlsh config set model');
    await k.call('ipc.send', { to: p.pid, message: 'one' });
    await k.call('ipc.send', { to: p.pid, message: 'two' });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`no agent will answer: ${p.pid}`);
    expect(k.services.bus.inboxSize(p.pid)).toBe(2); // still delivered: a later run with a model answers
  });

  it('says in the timeout hint that a suspended agent must be resumed first', async () => {
    const { k, p } = await boot();
    await k.call('proc.suspend', { pid: p.pid });
    const err = await errorOf(k.call('ipc.ask', { to: p.pid, message: 'hello', timeoutMs: 100 }));
    expect(isNlshError(err, 'ipc.timeout')).toBe(true);
    expect((err as { hint?: string }).hint).toContain(`${p.pid} is SUSPENDED: resume ${p.pid}`);
  });

  it('fails ipc.badAddress when an agent asks itself', async () => {
    const { k, p } = await boot();
    const s = k.sessionOf(p.pid); // agents may not ask by default: give this one the right
    const err = await errorOf(k.call('ipc.ask', { to: p.pid, message: 'hello' }, { ...s, creds: { ...s.creds, permissions: [...s.creds.permissions, 'ipc.ask'] } }));
    expect(isNlshError(err, 'ipc.badAddress')).toBe(true);
  });

  it('fails ipc.noRecipient for an agent that has terminated', async () => {
    const { k, p } = await boot();
    await k.call('proc.kill', { pid: p.pid });
    const err = await errorOf(k.call('ipc.ask', { to: p.pid, message: 'hello' }));
    expect(isNlshError(err, 'ipc.noRecipient')).toBe(true);
  });
});

describe('ipc.receive with wait', () => {
  it('waits until a message arrives, then returns it', async () => {
    const { k, p } = await boot();
    const got = k.call('ipc.receive', { wait: true, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 50));
    await k.call('ipc.send', { to: p.pid, message: 'what is 2+2?' });
    const { messages } = await got;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ from: p.pid, messageType: 'RESPONSE' });
  });

  it('fails ipc.timeout when nothing comes', async () => {
    const { k } = await boot();
    const err = await errorOf(k.call('ipc.receive', { wait: true, timeoutMs: 100 }));
    expect(isNlshError(err, 'ipc.timeout')).toBe(true);
  });
});
