// Test kit for the agent runtime: real process table, scheduler, resources and bus over an
// in-memory database, the real Ollama backend pointed at the fake Ollama server, and a small
// context-window memory (appendContext only) so these tests do not depend on the memory manager.
import { systemClock } from '../../src/base/clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { openDatabase } from '../../src/base/sqlite.js';
import { normalize, type Embedder } from '../../src/embed/types.js';
import { createBus } from '../../src/kernel/bus.js';
import { migrateKernel } from '../../src/kernel/kernel-store.js';
import { createProcessTable } from '../../src/kernel/process-table.js';
import { createResources } from '../../src/kernel/resources.js';
import { createScheduler } from '../../src/kernel/scheduler.js';
import type { KernelServices, MemoryManager, SchedulerPolicy } from '../../src/kernel/services.js';
import type { KernelEvents, VectorMessage } from '../../src/kernel/types.js';
import { createOllamaBackend } from '../../src/llm/ollama.js';
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
  const db = openDatabase({ file: ':memory:' });
  migrateKernel(db);
  const clock = systemClock;
  const events = new Emitter<KernelEvents>();
  const embedder = wordEmbedder;
  const scheduler = createScheduler({ clock, events, policy: opts.policy ?? 'priority', quantumTokens: opts.quantumTokens ?? 256 });
  const procs = createProcessTable({ db, clock, events, embedder, scheduler });
  const resources = createResources({ procs, clock, events, gpuUnits: opts.gpuUnits ?? 1 });
  const bus = createBus({ db, clock, events, embedder, procs, durability: 'sync' });
  const memory = {
    async appendContext(pid, m) {
      const p = procs.get(pid);
      if (!p) throw new Error(`no ${pid}`);
      const tokens = m.tokens ?? Math.ceil(m.content.length / 4);
      p.contextWindow.content.push({ role: m.role, content: m.content, tokens, at: clock.now() });
      p.contextWindow.currentLength += tokens;
      procs.save(pid, 'context');
    },
    recalls: [] as string[],
    async recall(_pid, query) {
      this.recalls.push(query);
      return [];
    },
  } as Pick<MemoryManager, 'appendContext' | 'recall'> & { recalls: string[] };
  const llm = opts.llm === false ? null : createOllamaBackend({ host: fake.url, model: 'fake-model', timeoutMs: 5_000 });
  const k = { clock, db, home: '/nonexistent', events, embedder, llm, procs, scheduler, resources, bus, memory } as unknown as KernelServices;
  /** Messages waiting in an address's inbox, taken. */
  const inbox = (address: string): VectorMessage[] => bus.receive(address);
  const close = async () => {
    bus.close();
    db.close();
    await fake.close();
  };
  return { k, fake, procs, bus, resources, scheduler, events, memory, inbox, close };
}
