// Test kit for the agent runtime: a real kernel (in-memory database, word-bag embedder) whose
// model backend is the real Ollama client pointed at the fake Ollama server, so replies,
// tool calls, audit records and budgets go through the same code as in nlsh. The user is
// 'alice'; memory recalls are recorded so tests can see what was swapped in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize, type Embedder } from '../../src/embed/types.js';
import type { BusImpl } from '../../src/kernel/bus.js';
import { bootKernel } from '../../src/kernel/kernel.js';
import type { SchedulerPolicy } from '../../src/kernel/services.js';
import type { VectorMessage } from '../../src/kernel/types.js';
import { startFakeOllama, type FakeOllamaOptions } from '../helpers/fake-ollama.js';

/** Bag of hashed words: descriptions that share words are near each other. */
export const wordEmbedder: Embedder = {
  id: 'agents-test-words-32', kind: 'hash', dim: 32,
  embedSync(text: string) {
    const v = new Float32Array(32);
    for (const w of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
      let h = 2166136261;
      for (const ch of w) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
      v[(h >>> 0) % 32]! += 1;
    }
    return normalize(v);
  },
  async embed(texts) {
    return texts.map((t) => this.embedSync!(t));
  },
};

export async function makeAgentKernel(opts: { gpuUnits?: number; policy?: SchedulerPolicy; llm?: boolean; fake?: FakeOllamaOptions; quantumTokens?: number } = {}) {
  const fake = await startFakeOllama(opts.fake ?? {});
  const hostDir = mkdtempSync(join(tmpdir(), 'nlsh-agents-'));
  const kernel = await bootKernel({
    inMemory: true, embedder: wordEmbedder, user: 'alice', env: {}, allowedRoots: [hostDir],
    ...(opts.llm === false ? {} : { ollamaHost: fake.url, model: 'fake-model' }),
    gpuUnits: opts.gpuUnits ?? 1, schedulerPolicy: opts.policy ?? 'priority', quantumTokens: opts.quantumTokens ?? 256,
  });
  const k = kernel.services;
  const { procs, resources, scheduler, events, memory } = k;
  const bus = k.bus as BusImpl; // the concrete bus: tests also tick, peek and count unacked messages
  const recalls: string[] = [];
  const recall = memory.recall.bind(memory);
  memory.recall = async (pid, query, n) => {
    recalls.push(query);
    return recall(pid, query, n);
  };
  /** Messages waiting in an address's inbox, taken. */
  const inbox = (address: string): VectorMessage[] => bus.receive(address);
  const close = async () => {
    await kernel.close();
    await fake.close();
    rmSync(hostDir, { recursive: true, force: true });
  };
  return { kernel, k, fake, setBehavior: fake.setBehavior, procs, bus, resources, scheduler, events, memory: { recalls }, inbox, hostDir, close };
}
