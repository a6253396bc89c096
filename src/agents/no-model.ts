// The warning for messages no agent will read (agents layer): with no model configured there
// is no agent runtime, so a REQUEST sent to a process is queued and never answered. `send`
// still delivers it (it waits in the inbox for a later run with a model), but the sender is
// told at once, through the kernel's notice callback, once per process. Attached by boot.ts.
import type { KernelServices } from '../kernel/services.js';
import { noModelError } from './ask.js';

/** Starts warning about requests to processes; returns the function that stops it. */
export function warnWithoutModel(k: KernelServices, notice: (message: string) => void): () => void {
  const told = new Set<string>();
  return k.events.on('message', ({ message, event }) => {
    if (event !== 'sent' || message.messageType !== 'REQUEST' || told.has(message.to)) return;
    const pcb = k.procs.get(message.to);
    if (!pcb || pcb.state === 'TERMINATED') return;
    told.add(message.to);
    const e = noModelError(pcb);
    notice(`${e.message} (${message.id} waits in its inbox); ${e.hint ?? ''}`);
  });
}
