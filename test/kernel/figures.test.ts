// Figures shown by mem, top and ps are measured, never constants: semantic RAM counts real
// index searches and RAM<->disk moves, and a restarted kernel shows no inference slot held by
// an idle process (nor the never-measured memoryMB/diskMB of older homes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { bootKernel } from '../../src/kernel/kernel.js';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
const home = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'nlsh-figures-'));
  homes.push(h);
  return h;
};
const boot = (h: string) => bootKernel({ home: h, embedder: createHashEmbedder(64), user: 'alice', allowedRoots: [h], env: {} });

type Tier = { tier: string; hits: number; misses: number; swaps: number };
const ram = async (k: Awaited<ReturnType<typeof boot>>): Promise<Tier> =>
  ((await k.call('mem.stat', {})) as { tiers: Tier[] }).tiers.find((t) => t.tier === 'semanticRAM')!;

describe('measured figures', () => {
  it('semantic RAM counts each search (an exact scan of a small store is a miss) and each index load or save', async () => {
    const h = home();
    const k1 = await boot(h);
    await k1.call('fs.write', { path: '/knowledge/a.md', content: 'the scheduler picks the next process by priority' });
    const before = await ram(k1);
    await k1.call('fs.search', { query: 'which process runs next' });
    await k1.call('fs.search', { query: 'priority' });
    const after = await ram(k1);
    expect(after.misses + after.hits - (before.misses + before.hits)).toBeGreaterThanOrEqual(2);
    await k1.close(); // saves the index: RAM -> disk
    const k2 = await boot(h);
    await k2.call('fs.search', { query: 'priority' }); // the index is loaded on first use: disk -> RAM
    expect((await ram(k2)).swaps).toBeGreaterThanOrEqual(1);
    await k2.close();
  });

  it('after a restart an idle process holds no inference slot, and old memoryMB/diskMB fields are gone', async () => {
    const h = home();
    const k1 = await boot(h);
    const { process: p } = await k1.call('proc.spawn', { description: 'an idle helper' });
    // what a kernel killed mid-inference left behind, in an older home's shape
    const row = k1.services.db.prepare('SELECT pcb FROM processes WHERE pid = ?').get(p.pid) as { pcb: string };
    const pcb = JSON.parse(row.pcb) as { resources: unknown };
    pcb.resources = { gpuUnits: 1, memoryMB: 0, diskMB: 0 };
    k1.services.db.prepare('UPDATE processes SET pcb = ? WHERE pid = ?').run(JSON.stringify(pcb), p.pid);
    await k1.close();
    const k2 = await boot(h);
    const ps = (await k2.call('proc.ps', {})).processes.find((x) => x.pid === p.pid)!;
    expect(ps.resources).toEqual({ gpuUnits: 0 });
    await k2.close();
  });
});
