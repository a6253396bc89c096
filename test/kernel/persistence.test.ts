// Restart: a kernel booted again on the same home finds its processes (state, priority,
// budget, context), keeps numbering pids after the old ones, and continues the audit chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { bootKernel } from '../../src/kernel/kernel.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'nlsh-persist-'));
  dirs.push(d);
  return d;
}
const boot = (h: string) => bootKernel({ home: h, embedder: createHashEmbedder(64), user: 'alice', allowedRoots: [h], env: {} });

describe('persistence across restarts', () => {
  it('processes come back with their state, priority, budget and context', async () => {
    const h = home();
    const k1 = await boot(h);
    const a = (await k1.call('proc.spawn', { description: 'writes python code', priority: 4, budget: 900 })).process;
    const b = (await k1.call('proc.spawn', { description: 'reviews code' })).process;
    const c = (await k1.call('proc.spawn', { description: 'plans the work' })).process;
    await k1.call('proc.suspend', { pid: b.pid });
    await k1.call('proc.kill', { pid: c.pid });
    await k1.services.memory.appendContext(a.pid, { role: 'user', content: 'write a CSV parser' });
    await k1.call('proc.lend', { from: a.pid, to: b.pid, percent: 10 });
    const before = k1.services.procs.list({ includeTerminated: true }).map((p) => ({ ...p }));
    await k1.close();

    const k2 = await boot(h);
    const ps = (await k2.call('proc.ps', { all: true })).processes;
    expect(ps.map((p) => [p.pid, p.state])).toEqual([[a.pid, 'RUNNING'], [b.pid, 'SUSPENDED'], [c.pid, 'TERMINATED']]);
    const a2 = k2.services.procs.get(a.pid)!;
    expect(a2.priority).toBe(4);
    expect(a2.tokenBudget).toEqual(before[0]!.tokenBudget);
    expect(a2.tokenBudget.remaining).toBe(810);
    expect(a2.contextWindow.content.map((m) => m.content)).toEqual(['write a CSV parser']);
    expect(k2.services.procs.get(c.pid)!.exitCode).toBe(137);
    expect((await k2.call('proc.spawn', { description: 'after restart' })).process.pid).toBe('p4');
    expect((await k2.call('proc.kill', { pid: 'python code' })).process.pid).toBe(a.pid);
    await k2.close();
  });

  it('the audit chain continues across restarts and still verifies', async () => {
    const h = home();
    const k1 = await boot(h);
    await k1.call('proc.ps', {});
    await k1.dispatch('proc.nope', {}).catch(() => undefined);
    const n1 = (await k1.call('sys.auditVerify', {})).records;
    await k1.close();
    const k2 = await boot(h);
    await k2.call('proc.ps', {});
    const v = await k2.call('sys.auditVerify', {});
    expect(v.ok).toBe(true);
    expect(v.records).toBe(n1 + 2); // the first auditVerify itself, and the ps
    const recs = (await k2.call('sys.audit', { limit: 3 })).records;
    expect(recs.map((r) => [r.seq, r.syscall])).toEqual([[3, 'sys.auditVerify'], [4, 'proc.ps'], [5, 'sys.auditVerify']]);
    await k2.close();
  });
});
