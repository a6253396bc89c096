// The end of a script, -c or piped run (cli layer): agent work still in flight — a turn being
// thought, or a request waiting in a running agent's inbox — is waited for before the kernel
// closes, so `send p1 "..."` in a script is answered (and stored) instead of killed at exit.
// A line on stderr says what is awaited; Ctrl-C (the signal) abandons; `--no-wait` skips this.
// Called by jobs.ts after the lines ran.
import type { KernelWithAgents } from '../agents/boot.js';
import type { Paint } from '../shell/format-plain.js';
import { visible } from '../shell/safe-text.js';
import type { OutStream } from './run-lines.js';

export interface WaitAgentsOptions {
  stderr: OutStream;
  paint: Paint;
  signal?: AbortSignal;
  /** How often a terminal's line is redrawn, in ms (default 250). */
  refreshMs?: number;
}

/** The agents with work in flight: thinking now, or running with messages waiting. */
export function busyAgents(k: KernelWithAgents): Array<{ pid: string; name: string }> {
  const bus = k.services.bus;
  const working = new Set(k.runtime?.working() ?? []);
  return k.services.procs.list()
    .filter((p) => working.has(p.pid) || p.state === 'THINKING' || (p.state === 'RUNNING' && bus.inboxSize(p.pid) > 0))
    .map((p) => ({ pid: p.pid, name: p.name }));
}

/** "waiting for 2 agents (p1 coder-1, p2 reviewer-1) — Ctrl-C to abandon". */
export function waitingLine(busy: Array<{ pid: string; name: string }>): string {
  const shown = busy.slice(0, 4).map((b) => `${b.pid} ${visible(b.name)}`).join(', ');
  const more = busy.length > 4 ? `, +${busy.length - 4} more` : '';
  return `waiting for ${busy.length} agent${busy.length === 1 ? '' : 's'} (${shown}${more}) — Ctrl-C to abandon`;
}

/**
 * Resolves 'idle' once no agent has work the runtime can do (at once when there is none, or no
 * runtime), or 'abandoned' when the signal aborts first. Blocked and suspended agents are not
 * waited for: nothing in this run would wake them.
 */
export async function waitForAgents(k: KernelWithAgents, opts: WaitAgentsOptions): Promise<'idle' | 'abandoned'> {
  const rt = k.runtime;
  if (!rt) return 'idle';
  if (opts.signal?.aborted) return 'abandoned';
  const idle = rt.idle();
  const first = await Promise.race([idle.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20))]);
  if (first) return 'idle';
  const tty = opts.stderr.isTTY === true;
  let last = '';
  const draw = (): void => {
    const busy = busyAgents(k);
    if (busy.length === 0) return;
    const line = waitingLine(busy);
    if (line === last) return;
    last = line;
    if (tty) opts.stderr.write(`\r\u001b[K${opts.paint.dim(line.slice(0, (opts.stderr.columns ?? 80) - 1))}`);
    else opts.stderr.write(`${line}\n`);
  };
  draw();
  // a pipe gets the line once; a terminal sees it change as agents finish
  const timer = tty ? setInterval(draw, opts.refreshMs ?? 250) : undefined;
  let onAbort = (): void => undefined;
  const aborted = new Promise<'abandoned'>((resolve) => {
    onAbort = () => resolve('abandoned');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([idle.then(() => 'idle' as const), aborted]);
  } finally {
    clearInterval(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (tty && last) opts.stderr.write('\r\u001b[K');
  }
}
