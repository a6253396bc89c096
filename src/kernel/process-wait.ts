// Waiting for a process to terminate (kernel layer): the promise behind proc.wait, resolved by
// the process table's 'proc' events. Used by process-table.ts only.
import type { Emitter } from '../base/emitter.js';
import { EXIT, NlshError } from '../base/errors.js';
import type { KernelEvents, PCB } from './types.js';

/** Resolves with the PCB when pcb reaches TERMINATED; rejects sys.interrupted when signal aborts, proc.waitTimeout after timeoutMs. */
export function waitForExit(pcb: PCB, events: Emitter<KernelEvents>, signal?: AbortSignal, timeoutMs?: number): Promise<PCB> {
  const pid = pcb.pid;
  if (pcb.state === 'TERMINATED') return Promise.resolve(pcb);
  return new Promise<PCB>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      off();
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const off = events.on('proc', ({ pcb: p }) => {
      if (p.pid === pid && p.state === 'TERMINATED') {
        done();
        resolve(p);
      }
    });
    const onAbort = (): void => {
      done();
      reject(new NlshError('sys.interrupted', `stopped waiting for ${pid}`, { exitCode: EXIT.interrupted }));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        done();
        reject(new NlshError('proc.waitTimeout', `${pid} did not terminate within ${timeoutMs} ms`, {
          hint: 'wait longer, or kill it',
          details: { pid, state: pcb.state },
        }));
      }, timeoutMs);
    }
  });
}
