// Waiting for a message (kernel layer): resolves when a message that matches arrives in an
// inbox (the bus's 'sent' event), with a timeout and an AbortSignal. Used by `ipc.receive`
// with `wait` (msgs --wait) and by `ipc.ask` (agents layer), which waits for the RESPONSE to
// its REQUEST. The waiter only observes: taking the message out of the inbox is the caller's.
import type { Emitter } from '../base/emitter.js';
import { EXIT, NlshError } from '../base/errors.js';
import type { KernelEvents, VectorMessage } from './types.js';

export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this many ms with ipc.timeout; none waits until the signal aborts. */
  timeoutMs?: number;
  /** Names what is awaited in the timeout message, e.g. "an answer from p1 (coder-1)". */
  what?: string;
  hint?: string;
}

/** A wait that has been armed: `promise` settles once; `cancel()` stops waiting without settling it. */
export interface MessageWait {
  promise: Promise<VectorMessage>;
  cancel(): void;
}

/**
 * Starts waiting for the next message sent to `address` that `match` accepts; arm it before
 * sending anything whose reply it awaits. Rejects ipc.timeout (with the hint) after timeoutMs,
 * sys.interrupted (exit 130) when the signal aborts.
 */
export function waitForMessage(events: Emitter<KernelEvents>, address: string, match: (m: VectorMessage) => boolean, opts: WaitOptions = {}): MessageWait {
  let cancel = (): void => undefined;
  const promise = new Promise<VectorMessage>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      off();
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    cancel = done;
    const off = events.on('message', ({ message, event }) => {
      if (event !== 'sent' || message.to !== address || !match(message)) return;
      done();
      resolve(message);
    });
    const onAbort = (): void => {
      done();
      reject(new NlshError('sys.interrupted', `stopped waiting for ${opts.what ?? 'a message'}`, { exitCode: EXIT.interrupted }));
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        done();
        reject(new NlshError('ipc.timeout', `no ${opts.what ?? 'message'} within ${formatMs(opts.timeoutMs!)}`, {
          hint: opts.hint ?? 'wait longer (--timeout 5m), or look later with msgs',
          details: { address, timeoutMs: opts.timeoutMs },
        }));
      }, opts.timeoutMs);
    }
  });
  return { promise, cancel: () => cancel() };
}

/** "60 s", "1.5 s", "250 ms". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
