// One build agent driven by the build workflow (agents layer). The workflow thinks on the
// agent's behalf, the way the runtime does for a REQUEST: wait until the process may run, take
// an inference slot and its rate limit, RUNNING -> THINKING, stream the reply (agentOutput
// events), charge the tokens to the agent's budget, cpuTime and the scheduler, and record the
// prompt and reply in its context window. A suspended agent is waited for; a killed one, or
// one without budget, ends the thinking with an error. Messages go over the real bus.
// The rate limit is charged before each call with the prompt and one scheduler quantum.
// Used by build.ts only.
import { isNlshError, NlshError } from '../base/errors.js';
import { BUDGET_EXHAUSTED } from '../kernel/resources.js';
import type { KernelServices } from '../kernel/services.js';
import type { MessageType, PCB, ProcState } from '../kernel/types.js';
import type { ChatMessage } from '../llm/types.js';
import { roleNamed, type RoleName } from './roles.js';

export interface ThinkRequest {
  prompt: string;
  /** JSON schema for structured output. */
  format?: Record<string, unknown>;
  /** Upper bound on this call's generated tokens (further capped by the remaining budget). */
  maxTokens: number;
  signal: AbortSignal;
}

export interface Thought {
  text: string;
  tokens: number;
}

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
const stateOf = (pcb: PCB): ProcState => pcb.state; // other code moves it while we await

/** Returns a promise that resolves after ms, or rejects when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = (): void => (clearTimeout(t), reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class BuildAgent {
  constructor(
    private readonly k: KernelServices,
    readonly pid: string,
    readonly name: string,
    readonly role: RoleName,
  ) {}

  /** The live PCB; fails agent.terminated when the process was killed or is gone. */
  pcb(): PCB {
    const p = this.k.procs.get(this.pid);
    if (!p || p.state === 'TERMINATED') {
      throw new NlshError('agent.terminated', `the ${this.role} ${this.name} (${this.pid}) was terminated during the build`, {
        hint: 'run the build again and leave its agents running',
      });
    }
    return p;
  }

  /** Tokens this agent has consumed (its whole life: build agents are fresh). */
  get tokens(): number {
    return this.k.procs.get(this.pid)?.tokenBudget.consumed ?? 0;
  }

  /** Resolves when the agent is RUNNING; waits while it is suspended (or blocked for another reason); fails res.budgetExhausted / agent.terminated. */
  private async runnable(signal: AbortSignal): Promise<PCB> {
    for (;;) {
      const p = this.pcb();
      if (p.state === 'RUNNING' && p.tokenBudget.remaining > 0) return p;
      if (p.tokenBudget.remaining <= 0 || (p.state === 'BLOCKED' && p.blockedReason === BUDGET_EXHAUSTED)) {
        const { allocated, consumed } = p.tokenBudget;
        throw new NlshError('res.budgetExhausted', `the ${this.role} ${this.name} (${this.pid}) used its whole token budget (${consumed} of ${allocated})`, {
          hint: `lend it attention (lend 50% attention from <pid> to ${this.pid}) or build something smaller`,
          details: { pid: this.pid, allocated, consumed },
        });
      }
      const was = p.state; // p is the live PCB: compare with the state we saw, not with p.state
      await new Promise<void>((resolve, reject) => {
        const off = this.k.events.on('proc', ({ pcb }) => {
          if (pcb.pid === this.pid && pcb.state !== was) done();
        });
        const onAbort = (): void => (off(), reject(signal.reason));
        const done = (): void => (off(), signal.removeEventListener('abort', onAbort), resolve());
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  /** Thinks about one prompt and returns the reply and its tokens; fails llm.*, res.budgetExhausted, agent.terminated, or with the signal's reason. */
  async think(req: ThinkRequest): Promise<Thought> {
    for (;;) {
      await this.runnable(req.signal);
      const release = await this.k.resources.acquireSlot(this.pid, req.signal);
      try {
        const pcb = this.pcb();
        if (pcb.state !== 'RUNNING') continue; // suspended while waiting for the slot: wait again
        const maxTokens = Math.max(1, Math.min(req.maxTokens, pcb.tokenBudget.remaining));
        // the bucket is charged with what is known before the call: the prompt, plus one quantum of
        // reply (reserving the whole cap would throttle a fast model for tokens it never generates)
        const expected = estimateTokens(req.prompt) + Math.min(maxTokens, this.k.scheduler.quantumTokens);
        if (!(await this.rate(expected, req.signal))) continue;
        // checked again with no await before the transition: the runtime may have started
        // answering someone's REQUEST to this agent meanwhile (it is THINKING then)
        if (this.pcb().state !== 'RUNNING') continue;
        const out = await this.call(pcb, req, maxTokens);
        if (out) return out;
        // suspended while thinking: the partial reply is dropped, the call is made again after resume
      } finally {
        release();
      }
    }
  }

  /** Takes tokens from the rate bucket; waits and returns false when limited. */
  private async rate(n: number, signal: AbortSignal): Promise<boolean> {
    try {
      this.k.resources.takeRate(this.pid, n);
      return true;
    } catch (err) {
      if (!isNlshError(err, 'res.rateLimited')) throw err;
      await sleep(Math.max(10, Number(err.details?.retryAfterMs ?? 500)), signal);
      return false;
    }
  }

  private async call(pcb: PCB, req: ThinkRequest, maxTokens: number): Promise<Thought | null> {
    const k = this.k;
    const local = new AbortController();
    const onAbort = (): void => local.abort(req.signal.reason);
    req.signal.addEventListener('abort', onAbort, { once: true });
    const off = k.events.on('proc', ({ pcb: p }) => {
      if (p.pid === this.pid && (p.state === 'SUSPENDED' || p.state === 'TERMINATED')) local.abort();
    });
    const messages: ChatMessage[] = [
      { role: 'system', content: `${roleNamed(this.role).systemPrompt}\nYou are ${pcb.name} (${pcb.pid}): ${pcb.description}.` },
      { role: 'user', content: req.prompt },
    ];
    k.procs.transition(this.pid, 'THINKING');
    const started = performance.now();
    let text = '';
    let prompt = 0;
    let completion = 0;
    let failed: unknown = null;
    try {
      const stream = k.llm!.chatStream({ ...(pcb.model ? { model: pcb.model } : {}), messages, maxTokens, signal: local.signal, ...(req.format ? { format: req.format } : {}) });
      for await (const c of stream) {
        if (c.content) {
          text += c.content;
          k.events.emit('agentOutput', { pid: this.pid, chunk: c.content, done: false });
        }
        if (c.done) {
          prompt = c.promptTokens ?? 0;
          completion = c.completionTokens ?? 0;
        }
      }
    } catch (err) {
      failed = err;
    } finally {
      req.signal.removeEventListener('abort', onAbort);
      off();
    }
    const latencyMs = performance.now() - started;
    k.events.emit('agentOutput', { pid: this.pid, chunk: '', done: true });
    prompt ||= messages.reduce((n, m) => n + estimateTokens(m.content), 0);
    completion ||= estimateTokens(text);
    const tokens = prompt + completion;
    pcb.cpuTime += latencyMs;
    k.scheduler.account(this.pid, tokens);
    k.events.emit('inference', { pid: this.pid, tokens, latencyMs });
    if (stateOf(pcb) === 'THINKING') k.procs.transition(this.pid, 'RUNNING');
    try {
      k.resources.consume(this.pid, tokens); // spent whether or not the reply is used
    } catch (err) {
      if (!isNlshError(err, 'res.budgetExhausted')) throw err; // the agent is BLOCKED now; its next think fails
    }
    if (req.signal.aborted) throw req.signal.reason;
    if (stateOf(pcb) === 'TERMINATED') this.pcb();
    if (failed) {
      if (stateOf(pcb) === 'SUSPENDED' && local.signal.aborted) return null;
      throw failed;
    }
    if (stateOf(pcb) === 'SUSPENDED') return null;
    await this.remember('user', req.prompt);
    await this.remember('assistant', text);
    return { text, tokens };
  }

  /** Appends a turn to the agent's context window, clipped to a quarter of the window. */
  async remember(role: 'user' | 'assistant', content: string): Promise<void> {
    const p = this.k.procs.get(this.pid);
    if (!p || p.state === 'TERMINATED') return;
    const max = p.contextWindow.maxLength; // tokens; ~4 characters each
    const clipped = content.length > max ? `${content.slice(0, max)}\n[… ${content.length - max} characters not kept]` : content;
    await this.k.memory.appendContext(this.pid, { role, content: clipped });
  }

  /** Sends a message from this agent over the bus (flushed: durable when it resolves). */
  async send(to: string, text: string, extra: Record<string, unknown> = {}, type: MessageType = 'NOTIFICATION'): Promise<void> {
    await this.k.bus.send({ from: this.pid, to, payload: { text, ...extra }, messageType: type, priority: this.k.procs.get(this.pid)?.priority ?? 10 });
    this.k.bus.flush?.();
  }

  /** Takes the messages waiting in this agent's inbox: the hand-overs it acts on next. */
  take(): number {
    const n = this.k.bus.receive(this.pid).length;
    this.k.bus.flush?.();
    return n;
  }

  /** Ends the process with an exit code (no-op when it already terminated). */
  exit(code: number): void {
    const p = this.k.procs.get(this.pid);
    if (!p || p.state === 'TERMINATED') return;
    p.exitCode = code;
    this.k.procs.transition(this.pid, 'TERMINATED');
  }
}
