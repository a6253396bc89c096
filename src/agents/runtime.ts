// The agent runtime (agents layer): runs LLM agent processes. When a process has messages in
// its inbox, the runtime — in the order the scheduler picks — takes one message per quantum.
// A REQUEST is answered by thinking: acquire an inference slot, pass the rate limit, build the
// prompt (role system prompt + context window), stream the reply from the model within
// min(quantum, remaining budget) tokens (RUNNING -> THINKING -> RUNNING), charge the tokens,
// record both turns in the context window, and send a RESPONSE to the sender. Other messages
// (NOTIFICATION, BROADCAST, RESPONSE) are only recorded in the context window. A model failure
// BLOCKS the process with the error as reason and the sender is told; nothing crashes.
// Attached by boot.ts (createKernel) when a model backend is configured. Reply shapes: messages.ts.
import { Emitter } from '../base/emitter.js';
import { isNlshError, NlshError } from '../base/errors.js';
import { BUDGET_EXHAUSTED } from '../kernel/resources.js';
import type { KernelServices } from '../kernel/services.js';
import type { PCB, ProcState, VectorMessage } from '../kernel/types.js';
import type { ChatMessage } from '../llm/types.js';
import { failure, payloadText, type AgentReply } from './messages.js';
import { chooseRole, type AgentRole } from './roles.js';

export interface AgentRuntimeEvents extends Record<string, unknown> {
  /** One message handled: answered (ok), failed, or only recorded (tokens 0). */
  turn: { pid: string; messageId: string; ok: boolean; tokens: number; errorCode?: string };
  /** Something the runtime could not do (e.g. the reply could not be delivered). */
  error: { pid: string; code: string; message: string };
}

export interface AgentRuntime {
  readonly events: Emitter<AgentRuntimeEvents>;
  /** Turns being worked on right now. */
  readonly active: number;
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
}

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
// The state now: other code moves it while a turn awaits (TypeScript would narrow pcb.state).
const stateOf = (pcb: PCB): ProcState => pcb.state;

/** Starts the runtime on the kernel's services; with k.llm null it does nothing (messages stay in the inboxes). */
export function attachAgentRuntime(k: KernelServices, opts: AgentRuntimeOptions = {}): AgentRuntime {
  const events = new Emitter<AgentRuntimeEvents>();
  const maxConcurrent = Math.max(1, opts.maxConcurrent ?? k.resources.slotsTotal);
  const stopper = new AbortController();
  const turns = new Map<string, { abort: AbortController; done: Promise<void> }>();
  const held = new Map<string, VectorMessage>(); // taken from the inbox, waiting for the process to run again
  const cooling = new Map<string, NodeJS.Timeout>(); // rate-limited until the timer fires
  const roles = new Map<string, AgentRole>();
  const candidates = new Set<string>(); // pids that may have work; cleared when they have none
  let idleWaiters: Array<() => void> = [];
  let scheduled = false;
  const llm = k.llm;
  const offs: Array<() => void> = [];

  const hasWork = (pid: string): boolean => held.has(pid) || k.bus.inboxSize(pid) > 0;
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
    if (turns.size > 0 || cooling.size > 0) return;
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

  const reply = async (pid: string, msg: VectorMessage, body: Omit<AgentReply, 'inReplyTo'>): Promise<void> => {
    try {
      await k.bus.send({ from: pid, to: msg.from, payload: { ...body, inReplyTo: msg.id }, messageType: 'RESPONSE', priority: msg.priority });
    } catch (err) {
      report(pid, err);
    }
    settle(pid, msg);
  };
  // A message that requires an ack is acked only once it is dealt with (answered, or recorded),
  // in the same flush as the answer: after a crash, either both are stored or neither is, and
  // the restarted kernel answers it again: exactly once.
  const settle = (pid: string, msg: VectorMessage): void => {
    if (msg.requiresAck) {
      try {
        k.bus.ack(pid, msg.id);
      } catch (err) {
        if (!isNlshError(err, 'ipc.notFound')) report(pid, err); // released meanwhile (the process ended)
      }
    }
    k.bus.flush?.(); // the bus writes behind; an answer that was sent must survive a crash
  };
  const holdFor = (pid: string, msg: VectorMessage): void => {
    if (!msg.requiresAck) return;
    if (k.bus.hold) k.bus.hold(pid, msg.id); // no redelivery while we work on it
    else k.bus.ack(pid, msg.id);
  };

  async function runTurn(pid: string, signal: AbortSignal): Promise<void> {
    const kept = held.get(pid);
    const msg = kept ?? k.bus.receive(pid, 1)[0];
    held.delete(pid);
    if (!msg) return k.scheduler.account(pid, 0);
    if (!kept) holdFor(pid, msg);
    const text = payloadText(msg.payload);
    if (msg.messageType !== 'REQUEST') {
      await k.memory.appendContext(pid, { role: 'user', content: `[${msg.messageType.toLowerCase()} from ${msg.from}] ${text}` });
      settle(pid, msg);
      k.scheduler.account(pid, 0);
      events.emit('turn', { pid, messageId: msg.id, ok: true, tokens: 0 });
      return;
    }
    let release: (() => void) | undefined;
    try {
      release = await k.resources.acquireSlot(pid, signal);
    } catch (err) {
      held.set(pid, msg); // stopped while waiting: the message stays ours for the next start
      throw err;
    }
    try {
      const pcb = k.procs.get(pid);
      if (!pcb || pcb.state !== 'RUNNING') {
        if (pcb && pcb.state !== 'TERMINATED') held.set(pid, msg);
        else await reply(pid, msg, failure(new NlshError('agent.terminated', `${pid} terminated before answering`)));
        return;
      }
      const maxTokens = Math.min(k.scheduler.quantumTokens, pcb.tokenBudget.remaining);
      if (maxTokens <= 0) {
        held.set(pid, msg); // resumed without budget: back to BLOCKED, the message waits
        k.procs.transition(pid, 'BLOCKED', BUDGET_EXHAUSTED);
        return;
      }
      try {
        k.resources.takeRate(pid, maxTokens);
      } catch (err) {
        if (!isNlshError(err, 'res.rateLimited')) throw err;
        held.set(pid, msg);
        const ms = Number(err.details?.retryAfterMs ?? 1000);
        cooling.set(pid, setTimeout(() => (cooling.delete(pid), poke()), ms));
        return;
      }
      await think(pcb, msg, text, maxTokens, signal);
    } finally {
      release();
    }
  }

  async function think(pcb: PCB, msg: VectorMessage, text: string, maxTokens: number, signal: AbortSignal): Promise<void> {
    const pid = pcb.pid;
    let role = roles.get(pid);
    if (!role) {
      role = await chooseRole(pcb.description, k.embedder).catch(() => chooseRole(pcb.description));
      roles.set(pid, role);
    }
    if (pcb.state !== 'RUNNING') {
      held.set(pid, msg); // suspended or blocked while the role was chosen: answer when it runs again
      return;
    }
    k.procs.transition(pid, 'THINKING');
    const started = performance.now();
    let out = '';
    let promptTokens = 0;
    let completionTokens = 0;
    let failed: NlshError | null = null;
    let messages: ChatMessage[] = [];
    try {
      await k.memory.recall(pid, text, 2); // swap relevant compressed pages back into the window first
      await k.memory.appendContext(pid, { role: 'user', content: `Message from ${msg.from}: ${text}` });
      messages = [
        { role: 'system', content: `${role.systemPrompt}\nYou are ${pcb.name} (${pid}): ${pcb.description}.` },
        ...pcb.contextWindow.content.map((m) => ({ role: m.role, content: m.content })),
      ];
      for await (const c of llm!.chatStream({ ...(pcb.model ? { model: pcb.model } : {}), messages, maxTokens, signal })) {
        if (c.content) {
          out += c.content;
          k.events.emit('agentOutput', { pid, chunk: c.content, done: false });
        }
        if (c.done) {
          promptTokens = c.promptTokens ?? 0;
          completionTokens = c.completionTokens ?? 0;
        }
      }
    } catch (err) {
      failed = err instanceof NlshError ? err : new NlshError('agent.internal', err instanceof Error ? err.message : String(err), { cause: err });
    }
    const latencyMs = performance.now() - started;
    k.events.emit('agentOutput', { pid, chunk: '', done: true });
    if (messages.length > 0) promptTokens ||= messages.reduce((n, m) => n + estimateTokens(m.content), 0);
    completionTokens ||= estimateTokens(out);
    const tokens = promptTokens + completionTokens;
    pcb.cpuTime += latencyMs;
    k.scheduler.account(pid, tokens);
    if (tokens > 0) k.events.emit('inference', { pid, tokens, latencyMs });
    const interrupted = signal.aborted;
    if (stateOf(pcb) === 'THINKING') {
      // a process suspended or killed while thinking keeps that state; a model failure blocks it
      if (failed && !interrupted && failed.code.startsWith('llm.')) k.procs.transition(pid, 'BLOCKED', `${failed.code}: ${failed.message}`);
      else k.procs.transition(pid, 'RUNNING');
    }
    let exhausted: NlshError | null = null;
    try {
      k.resources.consume(pid, tokens); // the tokens were spent whether or not the reply is usable
    } catch (err) {
      if (!isNlshError(err, 'res.budgetExhausted')) throw err;
      exhausted = err;
    }
    if (failed) {
      // stopped at shutdown: a message that requires an ack stays unacked, for the next start to answer
      if (interrupted && stopper.signal.aborted && msg.requiresAck) return;
      const why = interrupted ? new NlshError('agent.interrupted', `${pid} was stopped while thinking`, { cause: failed }) : failed;
      events.emit('turn', { pid, messageId: msg.id, ok: false, tokens, errorCode: why.code });
      return reply(pid, msg, failure(why));
    }
    if (stateOf(pcb) !== 'TERMINATED') await k.memory.appendContext(pid, { role: 'assistant', content: out });
    events.emit('turn', { pid, messageId: msg.id, ok: true, tokens, ...(exhausted ? { errorCode: exhausted.code } : {}) });
    await reply(pid, msg, {
      ok: true, text: out, tokens: { prompt: promptTokens, completion: completionTokens },
      ...(exhausted ? { blocked: pcb.blockedReason ?? exhausted.message } : {}),
    });
  }

  if (llm) {
    for (const p of k.procs.list()) candidates.add(p.pid);
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
          const m = held.get(pcb.pid);
          held.delete(pcb.pid);
          if (m) void reply(pcb.pid, m, failure(new NlshError('agent.terminated', `${pcb.pid} terminated before answering`)));
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
    get active() {
      return turns.size;
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
      await Promise.all([...turns.values()].map((t) => t.done));
      // messages already taken from an inbox cannot go back: tell their senders
      for (const [pid, m] of held) if (!m.requiresAck) await reply(pid, m, failure(new NlshError('agent.interrupted', `${pid} stopped before answering`, { hint: 'send the message again' })));
      held.clear();
      settleIdle();
    },
  };
}
