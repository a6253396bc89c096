// Tool support, told when an agent starts (agents layer): many Ollama models take no tools.
// When a process is spawned, its model's capabilities are read (llm.capabilities, /api/show,
// once per model: the backend remembers them, and the agent turn reads supportsTools(model) to
// offer no tools to such a model). A model without tools is announced through the notice
// callback: "p1 coder-1: model llama2 has no tool support; it answers in text only".
// A server that cannot be asked is not announced here: the agent's first turn reports it.
// Attached by boot.ts with the agent runtime.
import type { KernelServices } from '../kernel/services.js';

export interface ToolNotices {
  /** Waits (briefly) for the checks still running, so a short script still prints its notices. */
  settle(): Promise<void>;
  stop(): void;
}

/** Starts checking the model of every spawned process; notice gets one line per model without tools. */
export function announceToolSupport(k: KernelServices, notice: (message: string) => void): ToolNotices {
  const llm = k.llm;
  const pending = new Set<Promise<void>>();
  const off = k.events.on('proc', ({ pcb, change }) => {
    if (change !== 'spawn' || !llm?.supportsTools) return;
    const model = pcb.model || llm.model;
    const check = llm.supportsTools(model).then(
      (tools) => {
        if (!tools) notice(`${pcb.pid} ${pcb.name}: model ${model} has no tool support; it answers in text only`);
      },
      () => undefined, // unreachable or unknown model: the first turn fails with the llm.* reason
    );
    pending.add(check);
    void check.finally(() => pending.delete(check));
  });
  return {
    async settle() {
      if (pending.size === 0) return;
      await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 3000).unref())]);
    },
    stop: off,
  };
}
