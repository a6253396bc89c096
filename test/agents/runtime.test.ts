import { afterEach, describe, expect, it } from 'vitest';
import type { AgentReply } from '../../src/agents/messages.js';
import { attachAgentRuntime, type AgentRuntime } from '../../src/agents/runtime.js';
import { BUDGET_EXHAUSTED } from '../../src/kernel/resources.js';
import { fakeTokenCount } from '../helpers/fake-ollama.js';
import { makeAgentKernel } from './kit.js';
import { teardown } from '../helpers/teardown.js';

type Kit = Awaited<ReturnType<typeof makeAgentKernel>>;
let kit: Kit | undefined;
let rt: AgentRuntime | undefined;

afterEach(async () => {
  [rt, kit] = await teardown(rt, kit);
});

async function setup(opts: Parameters<typeof makeAgentKernel>[0] = {}, runtimeOpts: { maxConcurrent?: number } = {}) {
  kit = await makeAgentKernel(opts);
  rt = attachAgentRuntime(kit.kernel, runtimeOpts);
  return { ...kit, rt };
}

const spawn = (k: Kit, description: string, extra: { budget?: number; priority?: number } = {}) =>
  k.procs.spawn({ description, owner: 'alice', ...extra });

const replies = (k: Kit, address = 'alice') =>
  k.inbox(address).filter((m) => m.messageType === 'RESPONSE').map((m) => ({ from: m.from, ...(m.payload as AgentReply) }));

describe('agent runtime', () => {
  it('an agent answers a request within its budget and records both turns', async () => {
    const { bus, rt, fake } = await setup();
    const p = await spawn(kit!, 'a code-writing agent with Python expertise', { budget: 5000 });
    const sent = await bus.send({ from: 'alice', to: p.pid, payload: 'write hello world' });
    await rt.idle();
    const [r] = replies(kit!);
    expect(r).toMatchObject({ from: p.pid, ok: true, inReplyTo: sent.id });
    expect(r?.text).toBe(`You said: Message from alice: write hello world`);
    const sentChat = fake.requests.find((q) => q.path === '/api/chat')?.body as { messages: { content: string }[] };
    const counted = sentChat.messages.reduce((n, m) => n + fakeTokenCount(m.content), 0) + fakeTokenCount(r!.text!);
    expect(p.tokenBudget.consumed).toBe(counted); // exactly the server's counts
    expect(p.tokenBudget.remaining).toBe(5000 - counted);
    expect(p.state).toBe('RUNNING');
    expect(p.cpuTime).toBeGreaterThan(0);
    expect(p.contextWindow.content.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(kit!.memory.recalls).toEqual(['write hello world']); // relevant pages are swapped in before thinking
    const chat = fake.requests.find((q) => q.path === '/api/chat')?.body as { messages: { role: string; content: string }[]; options: { num_predict: number } };
    expect(chat.options.num_predict).toBe(256); // min(quantum 256, remaining 5000)
    expect(chat.messages[0]?.role).toBe('system');
    expect(chat.messages[0]?.content).toMatch(/programmer/);
  });

  it('streamed chunks arrive in order and end with done', async () => {
    const { bus, rt, events } = await setup({ fake: { chat: () => 'one two three four five six' } });
    const p = await spawn(kit!, 'a helpful agent');
    const chunks: { chunk: string; done: boolean }[] = [];
    events.on('agentOutput', (e) => {
      if (e.pid === p.pid) chunks.push({ chunk: e.chunk, done: e.done });
    });
    await bus.send({ from: 'alice', to: p.pid, payload: 'count' });
    await rt.idle();
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunks.map((c) => c.chunk).join('')).toBe('one two three four five six');
    expect(chunks.filter((c) => c.done)).toHaveLength(1);
    expect(chunks.at(-1)?.done).toBe(true);
  });

  it('a prompt that does not fit the budget is refused before anything is sent; a top-up lets the agent answer it', async () => {
    const { bus, rt, resources, fake } = await setup();
    const p = await spawn(kit!, 'a helpful agent', { budget: 10 });
    await bus.send({ from: 'alice', to: p.pid, payload: 'tell me a long story about the sea' });
    await rt.idle();
    expect(p.state).toBe('BLOCKED');
    expect(p.blockedReason).toBe(BUDGET_EXHAUSTED);
    expect(p.tokenBudget.consumed).toBe(0); // nothing was sent, nothing charged
    expect(fake.requests.filter((q) => q.path === '/api/chat')).toHaveLength(0);
    expect(replies(kit!)).toHaveLength(0); // not answered cut: the turn waits for budget
    kit!.procs.transition(p.pid, 'RUNNING'); // resumed without budget: it blocks again, the turn waits
    await rt.idle();
    expect(p.state).toBe('BLOCKED');
    expect(replies(kit!)).toHaveLength(0);
    resources.topUp(p.pid, 5000);
    await rt.idle();
    const got = replies(kit!);
    expect(got).toHaveLength(1);
    expect(got[0]?.text).toMatch(/long story about the sea/);
    expect(p.tokenBudget.consumed).toBeLessThanOrEqual(p.tokenBudget.allocated);
  });

  it('a model error blocks the agent with the llm.* reason and the sender is told; others keep working', async () => {
    const { bus, rt, fake } = await setup();
    const a = await spawn(kit!, 'a helpful agent');
    fake.setBehavior({ kind: 'error', status: 500, message: 'the GPU caught fire' });
    await bus.send({ from: 'alice', to: a.pid, payload: 'hello' });
    await rt.idle();
    expect(a.state).toBe('BLOCKED');
    expect(a.blockedReason).toMatch(/^llm\.\w+: /);
    const [r] = replies(kit!);
    expect(r?.ok).toBe(false);
    expect(r?.error?.code).toMatch(/^llm\./);
    fake.setBehavior('ok');
    const b = await spawn(kit!, 'another helpful agent');
    await bus.send({ from: 'alice', to: b.pid, payload: 'still there?' });
    await rt.idle();
    expect(replies(kit!)[0]).toMatchObject({ from: b.pid, ok: true });
  });

  it('with gpuUnits=1 no two inferences ever run at once', async () => {
    const { bus, rt, events, resources, procs } = await setup({ gpuUnits: 1, fake: { behavior: { kind: 'slow', delayMs: 3 } } }, { maxConcurrent: 3 });
    const ps = await Promise.all(['first', 'second', 'third'].map((d) => spawn(kit!, `${d} helpful agent`)));
    let thinking = 0;
    let maxThinking = 0;
    let maxSlots = 0;
    events.on('proc', () => {
      thinking = procs.list().filter((p) => p.state === 'THINKING').length;
      maxThinking = Math.max(maxThinking, thinking);
      maxSlots = Math.max(maxSlots, resources.slotsInUse);
    });
    for (const p of ps) await bus.send({ from: 'alice', to: p.pid, payload: 'say something short please' });
    await rt.idle();
    expect(replies(kit!).filter((r) => r.ok)).toHaveLength(3);
    expect(maxThinking).toBe(1);
    expect(maxSlots).toBe(1);
  });

  it('with gpuUnits=2 two inferences do run at once (the concurrency check can see overlap)', async () => {
    const { bus, rt, events, procs } = await setup({ gpuUnits: 2, fake: { behavior: { kind: 'slow', delayMs: 5 } } });
    const ps = await Promise.all(['first', 'second', 'third'].map((d) => spawn(kit!, `${d} helpful agent`)));
    let maxThinking = 0;
    events.on('proc', () => {
      maxThinking = Math.max(maxThinking, procs.list().filter((p) => p.state === 'THINKING').length);
    });
    for (const p of ps) await bus.send({ from: 'alice', to: p.pid, payload: 'say something short please' });
    await rt.idle();
    expect(maxThinking).toBe(2);
  });

  it('every request from many agents gets exactly one answer', async () => {
    const { bus, rt } = await setup({ gpuUnits: 2, policy: 'round-robin' });
    const ps = await Promise.all(Array.from({ length: 6 }, (_, i) => spawn(kit!, `helper number ${i}`, { priority: (i * 7) % 20 })));
    const sent: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const p of ps) sent.push((await bus.send({ from: 'alice', to: p.pid, payload: `question ${round} for ${p.pid}` })).id);
    }
    await rt.idle();
    const got = replies(kit!);
    expect(got.every((r) => r.ok)).toBe(true);
    expect(got.map((r) => r.inReplyTo).sort()).toEqual([...sent].sort());
  });

  it('answers in the order the scheduler picks: higher priority first', async () => {
    const { bus, rt } = await setup({ gpuUnits: 1, policy: 'dynamic' });
    const lo = await spawn(kit!, 'a low priority agent', { priority: 19 });
    const hi = await spawn(kit!, 'a high priority agent', { priority: 0 });
    await bus.send({ from: 'alice', to: lo.pid, payload: 'first sent' });
    await bus.send({ from: 'alice', to: hi.pid, payload: 'second sent' });
    await rt.idle();
    expect(replies(kit!).map((r) => r.from)).toEqual([hi.pid, lo.pid]);
  });

  it('an agent over its rate limit waits retryAfterMs and then answers; nothing is lost', async () => {
    const { bus, rt, resources, fake } = await setup({ quantumTokens: 256 });
    const p = await spawn(kit!, 'a helpful agent');
    resources.setRateLimit(p.pid, { tokensPerSecond: 2560, burst: 256 }); // one quantum per 100 ms
    const t0 = Date.now();
    await bus.send({ from: 'alice', to: p.pid, payload: 'first' });
    await bus.send({ from: 'alice', to: p.pid, payload: 'second' });
    await rt.idle();
    const elapsed = Date.now() - t0;
    expect(replies(kit!).map((r) => r.text)).toEqual(['You said: Message from alice: first', 'You said: Message from alice: second']);
    expect(fake.requests.filter((q) => q.path === '/api/chat')).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(90);
  });

  it('a notification is recorded in the context window without thinking', async () => {
    const { bus, rt, fake } = await setup();
    const p = await spawn(kit!, 'a helpful agent');
    await bus.send({ from: 'alice', to: p.pid, payload: 'the build finished', messageType: 'NOTIFICATION' });
    await rt.idle();
    expect(fake.requests.filter((q) => q.path === '/api/chat')).toHaveLength(0);
    expect(p.contextWindow.content[0]?.content).toBe('[notification from alice] the build finished');
    expect(p.tokenBudget.consumed).toBe(0);
  });

  it('a broadcast reaches an agent that has been idle', async () => {
    const { bus, rt } = await setup();
    const p = await spawn(kit!, 'a helpful agent');
    await bus.send({ from: 'alice', to: p.pid, payload: 'hi' });
    await rt.idle();
    await bus.broadcast('alice', 'system shutting down');
    await rt.idle();
    expect(p.contextWindow.content.at(-1)?.content).toBe('[broadcast from alice] system shutting down');
  });

  it('a suspended agent keeps its messages until it is resumed', async () => {
    const { bus, rt, procs } = await setup();
    const p = await spawn(kit!, 'a helpful agent');
    procs.transition(p.pid, 'SUSPENDED');
    await bus.send({ from: 'alice', to: p.pid, payload: 'are you there' });
    await rt.idle();
    expect(bus.inboxSize(p.pid)).toBe(1);
    procs.transition(p.pid, 'RUNNING');
    await rt.idle();
    expect(replies(kit!)[0]?.ok).toBe(true);
  });

  it('suspending an agent while it thinks interrupts the call; after resume it answers, exactly once', async () => {
    const { bus, rt, procs, events } = await setup({ fake: { behavior: { kind: 'slow', delayMs: 20 }, chat: () => 'a b c d e f g h i j k l m n o p' } });
    const p = await spawn(kit!, 'a helpful agent');
    const firstChunk = new Promise<void>((resolve) => events.on('agentOutput', () => resolve()));
    await bus.send({ from: 'alice', to: p.pid, payload: 'talk slowly' });
    await firstChunk;
    procs.transition(p.pid, 'SUSPENDED');
    await rt.idle();
    expect(p.state).toBe('SUSPENDED');
    expect(replies(kit!)).toHaveLength(0); // the turn is kept, not answered cut
    kit!.setBehavior('ok');
    procs.transition(p.pid, 'RUNNING');
    await rt.idle();
    const got = replies(kit!);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ ok: true, text: 'a b c d e f g h i j k l m n o p' });
  });

  it('stopping the runtime mid-inference tells the sender and leaves the agent runnable', async () => {
    const { bus, rt, events } = await setup({ fake: { behavior: { kind: 'slow', delayMs: 20 }, chat: () => 'a b c d e f g h i j k l m n o p' } });
    const p = await spawn(kit!, 'a helpful agent');
    const firstChunk = new Promise<void>((resolve) => events.on('agentOutput', () => resolve()));
    await bus.send({ from: 'alice', to: p.pid, payload: 'talk slowly' });
    await firstChunk;
    await rt.stop();
    expect(p.state).toBe('RUNNING');
    expect(replies(kit!)[0]).toMatchObject({ ok: false, error: { code: 'agent.interrupted' } });
  });

  it('with no model backend the runtime does nothing and messages stay in the inbox', async () => {
    const { bus, rt } = await setup({ llm: false });
    const p = await spawn(kit!, 'a helpful agent');
    await bus.send({ from: 'alice', to: p.pid, payload: 'hello' });
    await rt.idle();
    expect(bus.inboxSize(p.pid)).toBe(1);
    expect(p.state).toBe('RUNNING');
  });
});
