// An agent cannot mint resources or take over what others own (issue 11): a child's budget is
// carved from its parent's remaining budget, its priority is no higher than the parent's, and
// a multicast group stays its definer's. Through dispatch with the agent's own session.
import { afterEach, describe, expect, it } from 'vitest';
import { bootKernel, type Kernel } from '../../src/kernel/kernel.js';
import { rejection, wordEmbedder } from './core-kit.js';

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.close();
  kernel = undefined;
});

async function boot() {
  kernel = await bootKernel({ inMemory: true, embedder: wordEmbedder, user: 'alice', env: {} });
  const k = kernel;
  const parent = (await k.call('proc.spawn', { description: 'a planner agent', budget: 1000, priority: 5 })).process;
  return { k, parent, as: k.sessionOf(parent.pid) };
}

describe('an agent spawning children', () => {
  it("a child's budget is carved from the parent's remaining budget", async () => {
    const { k, parent, as } = await boot();
    const child = (await k.call('proc.spawn', { description: 'a helper', budget: 300 }, as)).process;
    expect(child.tokenBudget).toMatchObject({ allocated: 300, remaining: 300 });
    expect(child.parent).toBe(parent.pid);
    expect(k.services.procs.get(parent.pid)!.tokenBudget).toMatchObject({ allocated: 700, remaining: 700 });
  });

  it('without a budget the child gets half of what the parent has left', async () => {
    const { k, parent, as } = await boot();
    const child = (await k.call('proc.spawn', { description: 'a helper' }, as)).process;
    expect(child.tokenBudget.allocated).toBe(500);
    expect(k.services.procs.get(parent.pid)!.tokenBudget.remaining).toBe(500);
  });

  it('asking for more than the parent has left fails res.insufficient and creates nothing', async () => {
    const { k, as } = await boot();
    const before = k.services.procs.list().length;
    expect((await rejection(k.call('proc.spawn', { description: 'a greedy helper', budget: 1_000_000 }, as))).code).toBe('res.insufficient');
    expect(k.services.procs.list()).toHaveLength(before);
  });

  it("a child's priority is no higher than the parent's; by default it is the parent's", async () => {
    const { k, as } = await boot();
    expect((await rejection(k.call('proc.spawn', { description: 'an urgent helper', budget: 10, priority: 0 }, as))).code).toBe('proc.badPriority');
    expect((await k.call('proc.spawn', { description: 'a helper', budget: 10 }, as)).process.priority).toBe(5);
    expect((await k.call('proc.spawn', { description: 'a slow helper', budget: 10, priority: 12 }, as)).process.priority).toBe(12);
  });

  it('a user spawning is not limited by any parent', async () => {
    const { k } = await boot();
    expect((await k.call('proc.spawn', { description: 'big', budget: 1_000_000, priority: 0 })).process.tokenBudget.allocated).toBe(1_000_000);
  });
});

/** The members of group 'team' as the bus holds them. */
const members = (k: Kernel) => (k.services.bus as unknown as { groups(): Map<string, string[]> }).groups().get('team');

describe('multicast groups', () => {
  it("an agent may define a group but not replace another owner's; the definer may change its own", async () => {
    const { k, parent, as } = await boot();
    const other = (await k.call('proc.spawn', { description: 'another agent', budget: 10 })).process;
    await k.call('ipc.group', { name: 'team', members: [parent.pid, other.pid] }, as);
    expect((await rejection(k.call('ipc.group', { name: 'team', members: [other.pid] }, k.sessionOf(other.pid)))).code).toBe('ipc.denied');
    expect(members(k)).toEqual([parent.pid, other.pid]);
    const denied = k.services.security.records({ principal: other.pid }).filter((r) => r.syscall === 'ipc.group');
    expect(denied.map((r) => r.outcome)).toEqual(['denied']);
    await k.call('ipc.group', { name: 'team', members: [parent.pid] }, as);
    expect(members(k)).toEqual([parent.pid]);
    await k.call('ipc.group', { name: 'team', members: [other.pid] }); // the user may
    expect(members(k)).toEqual([other.pid]);
  });
});
