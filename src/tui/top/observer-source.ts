// A TopSource over a KernelObserver (tui layer): `nlsh top` watching a home that another nlsh
// process owns. Each refresh re-reads the processes and turns new ipc.* audit records into
// message events, so the feed shows traffic made in the other process; tok/s is the growth of
// the tokens the processes were charged.
import type { Clock } from '../../base/clock.js';
import { Emitter } from '../../base/emitter.js';
import type { KernelObserver, ObservedCall } from '../../kernel/observer.js';
import type { KernelEvents, MessageType } from '../../kernel/types.js';
import type { TopSource } from './top-sampler.js';

const BACKLOG = 2000; // audit records looked back at start, for the feed's first screen

/** A TopSource that polls obs on every sample; close() closes the observer. */
export function sourceFromObserver(obs: KernelObserver, clock: Clock): TopSource & { close(): void } {
  const events = new Emitter<KernelEvents>();
  let seq = Math.max(0, obs.lastSeq() - BACKLOG);
  // the live view's whole list, read once per refresh; one frame (--once) reads a page instead
  let cached: ReturnType<KernelObserver['processes']> | undefined;
  const source: TopSource & { close(): void } = {
    clock,
    events,
    processes: (opts) => (opts?.limit ? obs.processes(opts) : (cached ??= obs.processes())),
    counts: () => obs.counts(),
    tiers: () => obs.tiers(),
    contextSwitches: () => 0,
    tokensConsumed: () => obs.tokensConsumed(),
    poll() {
      cached = undefined;
      for (;;) {
        const calls = obs.messagesSince(seq);
        for (const c of calls) {
          seq = c.seq;
          events.emit('message', { event: 'sent', message: messageOf(c) });
        }
        if (calls.length < 500) break;
      }
    },
    close: () => obs.close(),
  };
  return source; // the sampler's first sample() polls, after it has subscribed
}

function messageOf(c: ObservedCall): KernelEvents['message']['message'] {
  const type: MessageType = c.syscall === 'ipc.send' ? (String(c.args.type ?? 'REQUEST') as MessageType) : 'BROADCAST';
  const to = c.syscall === 'ipc.broadcast' ? '*' : c.syscall === 'ipc.multicast' ? `group:${String(c.args.group ?? '?')}` : String(c.args.to ?? '?');
  return {
    id: `a${c.seq}`,
    from: c.principal,
    to,
    messageType: type,
    vector: [],
    payload: c.args.message ?? '',
    priority: typeof c.args.priority === 'number' ? c.args.priority : 10,
    timestamp: c.at,
    requiresAck: c.args.requiresAck === true,
  };
}
