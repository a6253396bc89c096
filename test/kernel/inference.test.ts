// The one inference path against the fake Ollama server through the real client: hard budgets,
// nothing charged without a server, a broken stream charged once what was streamed, bad counts
// failing the turn cleanly (a reply to the sender, the process never left THINKING).
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentReply } from '../../src/agents/messages.js';
import { attachAgentRuntime, type AgentRuntime } from '../../src/agents/runtime.js';
import { infer } from '../../src/kernel/inference.js';
import { COMPLETION_MARGIN } from '../../src/llm/counts.js';
import { makeAgentKernel } from '../agents/kit.js';
import { fakeTokenCount, type FakeOllamaOptions } from '../helpers/fake-ollama.js';
import { rejection } from '../helpers/rejection.js';
import { teardown } from '../helpers/teardown.js';

type Kit = Awaited<ReturnType<typeof makeAgentKernel>>;
let kit: Kit | undefined;
let rt: AgentRuntime | undefined;
afterEach(async () => {
  [rt, kit] = await teardown(rt, kit);
});

const story = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');

async function withAgent(fake: FakeOllamaOptions, budget: number, quantumTokens = 256) {
  kit = await makeAgentKernel({ fake, quantumTokens });
  const p = await kit.procs.spawn({ description: 'a helpful agent', owner: 'alice', budget });
  return { k: kit, p };
}
const replies = (k: Kit) =>
  k.inbox('alice').filter((m) => m.messageType === 'RESPONSE').map((m) => m.payload as AgentReply);

describe('the inference path', () => {
  it('a budget of 85 ends at most at 85: num_predict is what is left after the prompt', async () => {
    const { k, p } = await withAgent({ chat: () => story }, 85);
    const r = await infer(k.k, { pid: p.pid, messages: [{ role: 'user', content: 'write a long story' }], maxTokens: 256 });
    const sent = k.fake.requests.find((q) => q.path === '/api/chat')!.body as { options: { num_predict: number } };
    expect(sent.options.num_predict).toBe(85 - 9); // 85 minus the prompt's estimate (4 tokens + 4 per message, +1 rounding)
    expect(r.cut).toBe(true);
    expect(r.charged).toBe(fakeTokenCount('write a long story') + 76);
    expect(p.tokenBudget.consumed).toBe(r.charged);
    expect(p.tokenBudget.consumed).toBeLessThanOrEqual(85);
    expect(p.state).toBe('RUNNING');
  });

  it('a server that reports more than is left is charged only what is left: the budget never goes past its allocation', async () => {
    const { k, p } = await withAgent({ chat: () => ({ content: 'short', promptTokens: 95, completionTokens: 5 }) }, 100);
    const r = await infer(k.k, { pid: p.pid, messages: [{ role: 'user', content: 'hi' }], maxTokens: 50 });
    expect(r.charged).toBe(100);
    expect(r.exhausted).toBe(true);
    expect(p.tokenBudget).toMatchObject({ consumed: 100, remaining: 0 });
    expect(p.state).toBe('BLOCKED');
  });

  it('an unreachable server charges nothing and blocks the agent with the llm reason; the sender is told', async () => {
    const { k, p } = await withAgent({}, 5000);
    await k.fake.close();
    rt = attachAgentRuntime(k.kernel);
    await k.bus.send({ from: 'alice', to: p.pid, payload: 'are you there?' });
    await rt.idle();
    expect(p.tokenBudget.consumed).toBe(0);
    expect(p.state).toBe('BLOCKED');
    expect(p.blockedReason).toMatch(/^llm\.unreachable: /);
    expect(replies(k)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'llm.unreachable' }) })]);
  });

  it('a stream dropped mid-way is charged what was streamed, once', async () => {
    const { k, p } = await withAgent({ chat: () => ({ content: 'one two three four five six', dropAfter: 3 }) }, 5000);
    const err = await rejection(infer(k.k, { pid: p.pid, messages: [{ role: 'user', content: 'count' }], maxTokens: 50 }));
    expect(err.code).toMatch(/^llm\./);
    expect(err.details).toMatchObject({ charged: 3 });
    expect(p.tokenBudget.consumed).toBe(3);
    expect(p.state).toBe('BLOCKED');
  });

  const hostile: [string, NonNullable<Parameters<typeof withAgent>[0]['chat']>][] = [
    ['prompt_eval_count: -50', () => ({ content: 'one two three', rawCounts: { prompt_eval_count: -50 } })],
    ['eval_count: "12"', () => ({ content: 'one two three', rawCounts: { eval_count: '12' } })],
    ['eval_count: 1.5', () => ({ content: 'one two three', rawCounts: { eval_count: 1.5 } })],
    ['eval_count: 1e12', () => ({ content: 'one two three', rawCounts: { eval_count: 1e12 } })],
  ];
  for (const [what, chat] of hostile) {
    it(`a server answering ${what} fails the turn cleanly: a reply to the sender, charged what was streamed, not THINKING`, async () => {
      const { k, p } = await withAgent({ chat }, 5000);
      rt = attachAgentRuntime(k.kernel);
      await k.bus.send({ from: 'alice', to: p.pid, payload: 'count to three' });
      await rt.idle();
      expect(replies(k)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'llm.badCounts' }) })]);
      expect(p.tokenBudget.consumed).toBe(3);
      expect(p.state).toBe('BLOCKED');
      expect(p.blockedReason).toMatch(/^llm\.badCounts: /);
    });
  }

  it('a never-ending stream is cut at the quantum asked for and charged what was streamed', async () => {
    const { k, p } = await withAgent({ chat: () => ({ content: '', endless: true }) }, 5000, 32);
    rt = attachAgentRuntime(k.kernel);
    await k.bus.send({ from: 'alice', to: p.pid, payload: 'talk forever' });
    await rt.idle();
    expect(replies(k)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'llm.streamTooLong' }) })]);
    expect(p.tokenBudget.consumed).toBe(32 + COMPLETION_MARGIN);
    expect(p.state).toBe('BLOCKED');
  });

  it('memory work for a process (moveState false) takes a slot and is charged, without moving its state', async () => {
    const { k, p } = await withAgent({ chat: () => 'a summary' }, 5000);
    k.procs.transition(p.pid, 'SUSPENDED');
    const r = await infer(k.k, { pid: p.pid, messages: [{ role: 'user', content: 'summarise this' }], maxTokens: 50, moveState: false });
    expect(r.content).toBe('a summary');
    expect(p.tokenBudget.consumed).toBe(fakeTokenCount('summarise this') + 2);
    expect(p.state).toBe('SUSPENDED');
  });

  it("the memory manager's summaries go through the same path: an inference slot, charged to the process", async () => {
    kit = await makeAgentKernel({ fake: { chat: () => 'the short summary' } });
    const p = await kit.procs.spawn({ description: 'a helpful agent', owner: 'alice', budget: 5000, contextWindow: 256 });
    kit.fake.requests.length = 0;
    const inference: number[] = [];
    kit.events.on('inference', (e) => inference.push(e.tokens));
    for (let i = 0; i < 6; i++) await kit.k.memory.appendContext(p.pid, { role: 'user', content: `turn ${i} ${'words about the sea '.repeat(20)}` });
    const summaries = kit.fake.requests.filter((q) => q.path === '/api/chat');
    expect(summaries.length).toBeGreaterThan(0);
    expect(inference.length).toBe(summaries.length); // each one charged through the path
    expect(p.tokenBudget.consumed).toBe(inference.reduce((a, b) => a + b, 0));
    expect(p.tokenBudget.consumed).toBeGreaterThan(0);
    expect(p.state).toBe('RUNNING');
  });
});
