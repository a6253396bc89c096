// The library entry: `import { createKernel } from 'nlsh'` boots a working kernel with typed calls.
import { describe, expect, it } from 'vitest';
import { bootKernel, createKernel, isNlshError, NlshError, SYSCALL_NAMES } from '../../src/index.js';

describe('library entry', () => {
  it('createKernel boots without a model, runs typed syscalls and fails with NlshErrors', async () => {
    const k = await createKernel({ inMemory: true, embedder: 'hash', user: 'alice', env: {} });
    try {
      expect(k.services.llm).toBeNull();
      const { process: p } = await k.call('proc.spawn', { description: 'writes python code', budget: 500 });
      expect(p).toMatchObject({ owner: 'alice', state: 'RUNNING', tokenBudget: { remaining: 500 } });
      expect((await k.call('proc.ps', {})).processes.map((x) => x.pid)).toEqual([p.pid]);
      await expect(k.call('proc.kill', { pid: 'p999' })).rejects.toBeInstanceOf(NlshError);
      const err = await k.dispatch('proc.kill', { pid: 'p999' }).catch((e: unknown) => e);
      expect(isNlshError(err, 'proc.notFound')).toBe(true);
      // every kernel syscall of the contract is registered (agent.build belongs to the agents layer)
      const names = k.listSyscalls().map((d) => d.name);
      expect(SYSCALL_NAMES.filter((n) => !names.includes(n))).toEqual([]);
    } finally {
      await k.close();
      await k.close(); // closing twice is harmless
    }
  });

  it('sessionOf(pid) acts with the process credentials, not the user', async () => {
    const k = await createKernel({ inMemory: true, embedder: 'hash', user: 'alice', env: {} });
    try {
      const { process: p } = await k.call('proc.spawn', { description: 'an agent' });
      const { process: q } = await k.call('proc.spawn', { description: 'another agent' });
      const s = k.sessionOf(p.pid);
      expect(s.creds).toEqual({ principal: p.pid, role: 'agent', permissions: [] });
      const err = await k.call('proc.kill', { pid: q.pid }, s).catch((e: unknown) => e);
      expect(isNlshError(err, 'proc.denied')).toBe(true);
      const audit = (await k.call('sys.audit', { limit: 1 })).records[0]!;
      expect(audit).toMatchObject({ principal: p.pid, outcome: 'denied' });
    } finally {
      await k.close();
    }
  });
});

describe('model backend', () => {
  it('is created only when a model, an Ollama host or OLLAMA_HOST is given (and never connects at boot)', async () => {
    const cases = [
      [{}, false],
      [{ model: 'llama3.2' }, true],
      [{ ollamaHost: 'http://127.0.0.1:9' }, true],
      [{ env: { OLLAMA_HOST: 'http://127.0.0.1:9' } }, true],
    ] as const;
    for (const [opts, expected] of cases) {
      const k = await bootKernel({ inMemory: true, embedder: 'hash', env: {}, ...opts });
      expect(k.services.llm !== null, JSON.stringify(opts)).toBe(expected);
      await k.close();
    }
  });
});
