// The agent runtime (agents layer): runs LLM agent processes. When a process has messages in
// its inbox, the runtime — in the order the scheduler picks — works on one message per quantum.
// A REQUEST starts a turn (tool-loop.ts): the model is offered the syscalls the agent may use,
// its tool calls run through dispatch with the agent's credentials, and every model call goes
// through the kernel's one inference path (kernel/inference.ts: slot, rate limit, THINKING,
// hard budget, validated counts). A turn that uses up its quantum is preempted and continues
// at its next pick; one that runs out of budget waits, BLOCKED, for a top-up. One that asks
// another agent (ipc_ask) is parked without a slot until the answer comes (parked.ts). The answer (or
// the error) goes back to the sender as a RESPONSE through the ipc.send syscall, audited.
// Other messages (NOTIFICATION, BROADCAST, RESPONSE) are only recorded in the context window.
// Attached by boot.ts (createKernel) when a model backend is configured. Reply shapes: messages.ts.
import { Emitter } from '../base/emitter.js';
import { isNlshError, NlshError } from '../base/errors.js';
import type { VectorMessage } from '../kernel/types.js';
import type { ToolSpec } from '../llm/types.js';
import { payloadText } from './messages.js';
import { createParking } from './parked.js';
import type { AgentRole } from './roles.js';
import { DEFAULT_LIMITS, runQuantum, type AgentHost, type LoopLimits, type Turn } from './tool-loop.js';
import { startTurn } from './turn-start.js';

export interface AgentRuntimeEvents extends Record<string, unknown> {
  /** One message handled: answered (ok), failed, or only recorded (tokens 0). */
  turn: { pid: string; messageId: string; ok: boolean; tokens: number; errorCode?: string };
  /** Something the runtime could not do (e.g. the reply could not be delivered). */
  error: { pid: string; code: string; message: string };
  /** A turn used up its quantum and was preempted; it continues at the process's next pick. */
  preempt: { pid: string; messageId: string; quanta: number };
}

export interface AgentRuntime {
  readonly events: Emitter<AgentRuntimeEvents>;
  /** Turns being worked on right now. */
  readonly active: number;
  /** Turns preempted at a quantum boundary so far. */
  readonly preemptions: number;
  /** Pids whose turn is in flight or taken from the inbox and not yet answered (waiting for a slot, preempted). */
  working(): string[];
  /** The pid whose answer pid's parked turn waits for (ipc_ask), while it waits. */
  waitingOn(pid: string): string | undefined;
  /** Looks for work now (the runtime also does so on every message and process event). */
  poke(): void;
  /** Resolves when no process has work the runtime can do and no turn is in flight. */
  idle(): Promise<void>;
  /** Stops taking work, interrupts turns in flight and waits for them to end. */
  stop(): Promise<void>;
}

export interface AgentRuntimeOptions {
  /** Turns worked on at once (default: the number of inference slots). */
  maxConcurrent?: number;
  /** Caps of the tool loop (steps and failed calls per turn). */
  limits?: Partial<LoopLimits>;
}

/** Starts the runtime on a kernel; with no model backend it does nothing (messages stay in the inboxes). */
export function attachAgentRuntime(host: AgentHost, opts: AgentRuntimeOptions = {}): AgentRuntime {
  const k = host.services;
  const limits: LoopLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  let preemptions = 0;
  const events = new Emitter<AgentRuntimeEvents>();
  const maxConcurrent = Math.max(1, opts.maxConcurrent ?? k.resources.slotsTotal);
  const stopper = new AbortController();
  const turns = new Map<string, { abort: AbortController; done: Promise<void> }>();
  const pending = new Map<string, Turn>(); // turns taken from the inbox and not yet answered (preempted, waiting)
  const cooling = new Map<string, NodeJS.Timeout>(); // rate-limited until the timer fires
  const roles = new Map<string, AgentRole>();
  const toolCache = new Map<string, ToolSpec[]>(); // tool lists by role and grants
  const candidates = new Set<string>(); // pids that may have work; cleared when they have none
  let idleWaiters: Array<() => void> = [];
  let scheduled = false;
  const llm = k.llm;
  const offs: Array<() => void> = [];

  // a turn parked in ipc.ask (parked.ts) holds no slot and takes no inbox message until its answer comes
  const parking = createParking(k, limits.maxResultChars, (pid) => (candidates.add(pid), poke()));
  const hasWork = (pid: string): boolean => (pending.has(pid) ? !parking.waiting(pid) : k.bus.inboxSize(pid) > 0);
  const eligible = (pid: string): boolean => {
    if (turns.has(pid) || cooling.has(pid) || !candidates.has(pid)) return false;
    if (k.procs.get(pid)?.state !== 'RUNNING') return false;
    if (hasWork(pid)) return true;
    candidates.delete(pid);
    return false;
  };
  const report = (pid: string, err: unknown): void => {
    // a panic is reported too: a turn's failure must never become an unhandled rejection
    if (isNlshError(err)) events.emit('error', { pid, code: err.code, message: err.message });
    else events.emit('error', { pid, code: 'agent.internal', message: err instanceof Error ? err.message : String(err) });
  };
  const settleIdle = (): void => {
    if (turns.size > 0 || cooling.size > 0 || parking.size > 0) return;
    if (llm && !stopper.signal.aborted) {
      for (const pid of candidates) if (k.procs.get(pid)?.state === 'RUNNING' && hasWork(pid)) return;
    }
    const w = idleWaiters;
    idleWaiters = [];
    for (const f of w) f();
  };

  const pump = (): void => {
    scheduled = false;
    if (stopper.signal.aborted || !llm) return settleIdle();
    while (turns.size < maxConcurrent && candidates.size > 0) {
      const pid = k.scheduler.pick(eligible);
      if (pid === null) break;
      const abort = new AbortController();
      const entry = { abort, done: Promise.resolve() };
      turns.set(pid, entry);
      entry.done = runTurn(pid, abort.signal)
        .catch((err: unknown) => {
          if (!stopper.signal.aborted) report(pid, err);
        })
        .finally(() => {
          turns.delete(pid);
          poke();
        });
    }
    settleIdle();
  };
  function poke(): void {
    if (scheduled || stopper.signal.aborted) return;
    scheduled = true;
    setImmediate(pump);
  }

  const reply = async (pid: string, msg: VectorMessage, outcome: { text: string } | { error: NlshError }): Promise<void> => {
    const body = 'error' in outcome
      ? { message: outcome.error.hint ? `${outcome.error.message} (hint: ${outcome.error.hint})` : outcome.error.message, error: outcome.error.code }
      : { message: outcome.text || '(empty reply)' };
    // A message that requires an ack is acked once it is answered, in the same flush as the
    // answer (ipc.send flushes the bus): after a crash either both are stored or neither is,
    // and the restarted kernel answers it again: exactly once.
    ack(pid, msg);
    try {
      // through dispatch with the agent's own credentials: permission-checked and audited like any send
      await host.dispatch('ipc.send', { to: msg.from, type: 'RESPONSE', priority: msg.priority, inReplyTo: msg.id, ...body }, host.sessionOf(pid));
    } catch (err) {
      report(pid, err);
    }
    k.bus.flush?.();
  };
  const ack = (pid: string, msg: VectorMessage): void => {
    if (!msg.requiresAck) return;
    try {
      k.bus.ack(pid, msg.id);
    } catch (err) {
      if (!isNlshError(err, 'ipc.notFound')) report(pid, err); // released meanwhile (the process ended)
    }
  };
  const holdFor = (pid: string, msg: VectorMessage): void => {
    if (!msg.requiresAck) return;
    if (k.bus.hold) k.bus.hold(pid, msg.id); // no redelivery while we work on it
    else k.bus.ack(pid, msg.id);
  };

  async function runTurn(pid: string, signal: AbortSignal): Promise<void> {
    let turn = pending.get(pid);
    if (turn) parking.resume(pid, turn); // its ipc_ask answer (or error) goes to the model
    else {
      const msg = k.bus.receive(pid, 1)[0];
      if (!msg) return k.scheduler.account(pid, 0);
      holdFor(pid, msg);
      if (msg.messageType !== 'REQUEST') {
        await k.memory.appendContext(pid, { role: 'user', content: `[${msg.messageType.toLowerCase()} from ${msg.from}] ${payloadText(msg.payload)}` });
        ack(pid, msg);
        k.bus.flush?.();
        k.scheduler.account(pid, 0);
        events.emit('turn', { pid, messageId: msg.id, ok: true, tokens: 0 });
        return;
      }
      turn = await startTurn(host, pid, msg, roles, toolCache);
      pending.set(pid, turn);
    }
    const t = turn;
    const outcome = await runQuantum(host, t, {
      quantum: k.scheduler.quantumTokens, signal, limits,
      onText: (chunk) => k.events.emit('agentOutput', { pid, chunk, done: false }), ask: (sent) => parking.park(pid, sent),
    });
    if (outcome.kind !== 'parked') parking.cancel(pid); // a wait armed by a call that then failed
    k.scheduler.account(pid, 0); // settles a quantum in which nothing was charged
    const tokens = t.tokens.prompt + t.tokens.completion;
    if ((outcome.kind === 'preempted' || outcome.kind === 'waiting' || outcome.kind === 'parked') && k.procs.get(pid)?.state === 'TERMINATED') {
      pending.delete(pid);
      parking.cancel(pid);
      return reply(pid, t.msg, { error: new NlshError('agent.terminated', `${pid} terminated before answering`) });
    }
    switch (outcome.kind) {
      case 'preempted':
        preemptions++;
        events.emit('preempt', { pid, messageId: t.msg.id, quanta: t.quanta });
        return;
      case 'waiting':
      case 'parked':
        return;
      case 'rateLimited':
        cooling.set(pid, setTimeout(() => (cooling.delete(pid), poke()), Math.max(1, outcome.retryAfterMs)));
        return;
      case 'answered': {
        pending.delete(pid);
        k.events.emit('agentOutput', { pid, chunk: '', done: true });
        if (k.procs.get(pid)?.state !== 'TERMINATED') await k.memory.appendContext(pid, { role: 'assistant', content: outcome.text });
        events.emit('turn', { pid, messageId: t.msg.id, ok: true, tokens });
        return reply(pid, t.msg, { text: outcome.text });
      }
      case 'failed': {
        k.events.emit('agentOutput', { pid, chunk: '', done: true });
        // stopped at shutdown: a message that requires an ack stays unacked (and kept), for the next start to answer
        if (signal.aborted && stopper.signal.aborted && t.msg.requiresAck) return;
        pending.delete(pid);
        const why = signal.aborted && outcome.error.code.startsWith('llm.')
          ? new NlshError('agent.interrupted', `${pid} was stopped while thinking`, { hint: 'send the message again', cause: outcome.error })
          : outcome.error;
        events.emit('turn', { pid, messageId: t.msg.id, ok: false, tokens, errorCode: why.code });
        return reply(pid, t.msg, { error: why });
      }
    }
  }

  if (llm) {
    // only a process with queued messages has work at start: the others' PCBs stay unread (a lazily opened table)
    for (const pid of k.bus.busyAddresses?.() ?? k.procs.list().map((p) => p.pid)) candidates.add(pid);
    offs.push(
      k.events.on('message', ({ message }) => {
        if (message.to === '*' || message.to.startsWith('group:')) for (const p of k.procs.list()) candidates.add(p.pid);
        else candidates.add(message.to);
        poke();
      }),
      k.events.on('proc', ({ pcb }) => {
        const t = turns.get(pcb.pid);
        if (t && (pcb.state === 'SUSPENDED' || pcb.state === 'TERMINATED')) t.abort.abort();
        if (pcb.state === 'TERMINATED') {
          roles.delete(pcb.pid);
          parking.cancel(pcb.pid);
          const t = pending.get(pcb.pid);
          pending.delete(pcb.pid);
          if (t && !turns.has(pcb.pid)) void reply(pcb.pid, t.msg, { error: new NlshError('agent.terminated', `${pcb.pid} terminated before answering`) });
        } else candidates.add(pcb.pid);
        poke();
      }),
    );
    stopper.signal.addEventListener('abort', () => {
      for (const t of turns.values()) t.abort.abort();
    });
    poke();
  }

  return {
    events,
    working: () => [...new Set([...turns.keys(), ...pending.keys()])],
    waitingOn: (pid) => parking.waitingOn(pid),
    get active() {
      return turns.size;
    },
    get preemptions() {
      return preemptions;
    },
    poke,
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        poke();
        if (!llm || stopper.signal.aborted) settleIdle();
      });
    },
    async stop() {
      if (stopper.signal.aborted) return;
      stopper.abort();
      for (const off of offs) off();
      for (const t of cooling.values()) clearTimeout(t);
      cooling.clear();
      parking.stop(); // nothing is kept: after a restart the answer is an ordinary message in the inbox
      await Promise.all([...turns.values()].map((t) => t.done));
      // messages already taken from an inbox cannot go back: tell their senders; one that requires
      // an ack stays unacked, for the next start to answer
      for (const [pid, t] of pending) {
        if (!t.msg.requiresAck) await reply(pid, t.msg, { error: new NlshError('agent.interrupted', `${pid} stopped before answering`, { hint: 'send the message again' }) });
      }
      pending.clear();
      settleIdle();
    },
  };
}
