// Requests that require an ack, in the agent runtime: held (never redelivered) while the agent
// thinks, acked only together with the answer, and left unacked for the next start when the
// runtime stops mid-turn. The crash case (kill -9) is test/e2e/ack-crash.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentReply } from '../../src/agents/messages.js';
import { attachAgentRuntime, type AgentRuntime } from '../../src/agents/runtime.js';
import { makeAgentKernel } from './kit.js';
import { teardown } from '../helpers/teardown.js';

type Kit = Awaited<ReturnType<typeof makeAgentKernel>>;
let kit: Kit | undefined;
let rt: AgentRuntime | undefined;
afterEach(async () => {
  [rt, kit] = await teardown(rt, kit);
});

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('requests that require an ack', () => {
  it('are not redelivered while the agent thinks, and are acked once answered', async () => {
    kit = await makeAgentKernel({ fake: { behavior: { kind: 'slow', delayMs: 60 } } });
    rt = attachAgentRuntime(kit.kernel);
    const p = await kit.procs.spawn({ description: 'a helpful agent', owner: 'alice', budget: 5000 });
    const sent = await kit.bus.send({ from: 'alice', to: p.pid, payload: 'hello there', requiresAck: true, ackTimeoutMs: 20 });
    const done = rt.idle();
    for (let i = 0; i < 10; i++) {
      await later(30);
      kit.bus.tick(); // the ack deadline passes many times during the turn
    }
    await done;
    const replies = kit.inbox('alice').map((m) => m.payload as AgentReply);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ ok: true, inReplyTo: sent.id });
    expect(kit.bus.stats.redelivered).toBe(0);
    expect(kit.bus.unacked(p.pid)).toBe(0);
    expect(kit.bus.stats.acked).toBe(1);
  });

  it('stay unacked, unanswered, when the runtime stops mid-turn: the next start answers them', async () => {
    kit = await makeAgentKernel({ fake: { behavior: { kind: 'slow', delayMs: 2_000 } } });
    rt = attachAgentRuntime(kit.kernel);
    const p = await kit.procs.spawn({ description: 'a helpful agent', owner: 'alice', budget: 5000 });
    await kit.bus.send({ from: 'alice', to: p.pid, payload: 'hello there', requiresAck: true });
    await later(100);
    expect(kit.procs.get(p.pid)!.state).toBe('THINKING');
    await rt.stop();
    rt = undefined;
    expect(kit.bus.peek('alice')).toEqual([]);
    expect(kit.bus.unacked(p.pid)).toBe(1);
  });
});
