// An agent waits for another agent's reply (ipc_ask in its tool loop, agents/parked.ts): the
// REQUEST goes through dispatch (audited), the turn is parked without holding an inference
// slot, and the answer, a timeout or the other side's end comes back as the tool result.
// Against the scripted fake Ollama server, with ONE inference slot.
import { afterEach, describe, expect, it } from 'vitest';
import { askSyscall } from '../../src/agents/ask.js';
import type { AgentReply } from '../../src/agents/messages.js';
import { attachAgentRuntime, type AgentRuntime } from '../../src/agents/runtime.js';
import type { FakeChatRequest, FakeReply } from '../helpers/fake-ollama.js';
import { makeAgentKernel } from './kit.js';
import { teardown } from '../helpers/teardown.js';

type Kit = Awaited<ReturnType<typeof makeAgentKernel>>;
let kit: Kit | undefined;
let rt: AgentRuntime | undefined;
afterEach(async () => {
  [rt, kit] = await teardown(rt, kit);
});

type Script = (req: FakeChatRequest, n: number) => string | FakeReply;
const call = (name: string, args: unknown): FakeReply => ({ content: '', toolCalls: [{ name, arguments: args }] });
/** The last tool message a request carried, parsed. */
const lastTool = (req: FakeChatRequest) => JSON.parse(req.messages.filter((m) => m.role === 'tool').at(-1)!.content) as {
  ok: boolean; result?: { answer: string; from: string }; error?: { code: string; message: string };
};
const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** Two agents p1 and p2, each with its own script (n = that agent's model call count); one inference slot. */
async function setup(scripts: Record<string, Script>) {
  const order: string[] = [];
  const count: Record<string, number> = {};
  kit = await makeAgentKernel({
    gpuUnits: 1,
    fake: {
      chat: (req) => {
        const pid = /\((p\d+)\)/.exec(req.messages[0]!.content)?.[1] ?? '?';
        order.push(pid);
        count[pid] = (count[pid] ?? 0) + 1;
        return scripts[pid]?.(req, count[pid]!) ?? 'ok';
      },
    },
  });
  kit.kernel.register(askSyscall(() => true, (pid) => rt?.waitingOn(pid)));
  rt = attachAgentRuntime(kit.kernel);
  const a = await kit.procs.spawn({ description: 'a helpful agent', owner: 'alice', budget: 50_000 });
  const b = await kit.procs.spawn({ description: 'another helpful agent', owner: 'alice', budget: 50_000 });
  return { k: kit, rt, a, b, order };
}
const replies = (k: Kit) =>
  k.inbox('alice').filter((m) => m.messageType === 'RESPONSE').map((m) => ({ from: m.from, ...(m.payload as AgentReply) }));
const seen: FakeChatRequest[] = [];

describe('an agent waits for a reply (ipc_ask)', () => {
  it('A asks B with one inference slot: the turn is parked, B answers, A goes on with the answer', async () => {
    const { k, rt, order } = await setup({
      p1: (req, n) => {
        if (n === 1) return call('ipc_ask', { to: 'p2', message: 'what is 2+2?' });
        seen.push(req);
        return `p2 says ${lastTool(req).result!.answer}`;
      },
      p2: () => '4',
    });
    expect(k.k.resources.slotsTotal).toBe(1);
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'ask p2 what 2+2 is' });
    await until(() => order.includes('p2')); // B ran while A was parked
    await rt.idle();
    expect(order).toEqual(['p1', 'p2', 'p1']);
    expect(lastTool(seen.at(-1)!)).toMatchObject({ ok: true, result: { answer: '4', from: 'p2' } });
    expect(replies(k)).toEqual([expect.objectContaining({ from: 'p1', ok: true, text: 'p2 says 4' })]);
    const audit = k.k.security.records({ principal: 'p1', limit: 100 }).map((r) => `${r.syscall} ${r.outcome}`);
    expect(audit).toContain('ipc.ask ok');
    expect(k.bus.inboxSize('p1')).toBe(0); // the answer was the tool result, not an inbox message
    expect(rt.working()).toEqual([]);
  });

  it('a parked turn frees its slot and takes no new message; a timeout comes back as a tool error', async () => {
    const { k, rt, b } = await setup({
      p1: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p2', message: 'hello?', timeoutMs: 300 }) : n === 2 ? `gave up: ${lastTool(req).error!.code}` : 'second answered'),
    });
    k.procs.transition(b.pid, 'SUSPENDED'); // p2 will not answer
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'ask p2' });
    await until(() => rt.working().includes('p1') && rt.active === 0); // parked: no turn in flight
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'another question' });
    await new Promise((r) => setTimeout(r, 50));
    expect(k.bus.inboxSize('p1')).toBe(1); // not taken while parked
    await rt.idle();
    expect(replies(k).map((r) => r.text)).toEqual(['gave up: ipc.timeout', 'second answered']);
    expect(k.bus.inboxSize('p2')).toBe(1); // the question stays with p2
  });

  it('asking yourself is refused at once (audited), and the turn is not parked', async () => {
    const { k, rt } = await setup({
      p1: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p1', message: 'me?' }) : `refused: ${lastTool(req).error!.code}`),
    });
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'ask yourself' });
    await rt.idle();
    expect(replies(k).map((r) => r.text)).toEqual(['refused: ipc.badAddress']);
    const audit = k.k.security.records({ principal: 'p1', limit: 100 }).map((r) => `${r.syscall} ${r.outcome}`);
    expect(audit.some((a) => a.startsWith('ipc.ask ') && a !== 'ipc.ask ok')).toBe(true);
  });

  it('asking back the agent that waits for you is refused at once (ipc.deadlock), so both do not time out', async () => {
    const { k, rt } = await setup({
      p1: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p2', message: 'what is 2+2?', timeoutMs: 20_000 }) : `p2 says ${lastTool(req).result!.answer}`),
      p2: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p1', message: 'why do you ask?', timeoutMs: 20_000 }) : `4 (${lastTool(req).error!.code})`),
    });
    const t0 = Date.now();
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'ask p2 what 2+2 is' });
    await rt.idle();
    expect(Date.now() - t0).toBeLessThan(10_000); // not the 20 s timeouts
    expect(replies(k).map((r) => r.text)).toEqual(['p2 says 4 (ipc.deadlock)']);
    expect(k.bus.inboxSize('p1')).toBe(0); // the refused question was never sent
    const audit = k.k.security.records({ principal: 'p2', limit: 100 }).map((r) => `${r.syscall} ${r.outcome}`);
    expect(audit.some((a) => a.startsWith('ipc.ask ') && a !== 'ipc.ask ok')).toBe(true);
  });

  it('a longer cycle is refused too: p1 waits for p2, p2 for p3, and p3 asks p1', async () => {
    const { k, rt } = await setup({
      p1: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p2', message: 'q1', timeoutMs: 20_000 }) : `done: ${lastTool(req).result!.answer}`),
      p2: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p3', message: 'q2', timeoutMs: 20_000 }) : `via p3: ${lastTool(req).result!.answer}`),
      p3: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p1', message: 'q3', timeoutMs: 20_000 }) : lastTool(req).error!.message),
    });
    await k.procs.spawn({ description: 'a third agent', owner: 'alice', budget: 50_000 });
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'start' });
    await rt.idle();
    expect(replies(k).map((r) => r.text)).toEqual(['done: via p3: p1 is waiting for your answer (p3 -> p1 -> p2 -> p3): it cannot answer you until you answer']);
  });

  it('the other side terminating before answering comes back as ipc.undeliverable', async () => {
    const { k, rt, b } = await setup({
      p1: (req, n) => (n === 1 ? call('ipc_ask', { to: 'p2', message: 'hello?' }) : `failed: ${lastTool(req).error!.code}`),
    });
    k.procs.transition(b.pid, 'SUSPENDED');
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'ask p2' });
    await until(() => rt.working().includes('p1') && rt.active === 0);
    await k.kernel.call('proc.kill', { pid: b.pid });
    await rt.idle();
    expect(replies(k).map((r) => r.text)).toEqual(['failed: ipc.undeliverable']);
  });

  it('an agent cannot call ipc.ask outside its tool loop (it would wait holding its slot)', async () => {
    const { k } = await setup({});
    const err = await k.kernel.dispatch('ipc.ask', { to: 'p2', message: 'hi' }, k.kernel.sessionOf('p1')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ipc.denied' });
    expect(k.bus.inboxSize('p2')).toBe(0);
  });

  it('nothing survives a stop: the asker is told, and the answer later is an ordinary inbox message', async () => {
    const { k, rt, b } = await setup({ p1: () => call('ipc_ask', { to: 'p2', message: 'hello?' }) });
    k.procs.transition(b.pid, 'SUSPENDED');
    await k.bus.send({ from: 'alice', to: 'p1', payload: 'ask p2' });
    await until(() => rt.working().includes('p1') && rt.active === 0);
    await rt.stop();
    expect(replies(k)).toEqual([expect.objectContaining({ from: 'p1', ok: false, error: expect.objectContaining({ code: 'agent.interrupted' }) })]);
    const req = k.bus.receive('p2')[0]!;
    await k.bus.send({ from: 'p2', to: 'p1', messageType: 'RESPONSE', payload: { ok: true, inReplyTo: req.id, text: 'late' } });
    expect(k.bus.inboxSize('p1')).toBe(1);
  });
});
