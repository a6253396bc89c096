// One build agent driven by the build workflow (agents layer). The workflow thinks on the
// agent's behalf through the kernel's one inference path (kernel/inference.ts: slot, rate
// limit, THINKING, hard budget, validated counts), streams the reply as agentOutput events and
// records the prompt and reply in the agent's context window. A suspended agent is waited
// for; a killed one, or one without budget, ends the thinking with an error. Its messages go
// through the ipc.send syscall with its own credentials, audited like everyone's.
// Used by build.ts only.
import { isNlshError, NlshError } from '../base/errors.js';
import { BUDGET_EXHAUSTED } from '../kernel/resources.js';
import type { KernelServices } from '../kernel/services.js';
import { infer } from '../kernel/inference.js';
import type { MessageType, PCB, ProcState, Session } from '../kernel/types.js';
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
    private readonly dispatch: (name: string, args: unknown, session?: Session) => Promise<unknown>,
    private readonly sessionOf: (pid: string) => Session,
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
        const { allocated, consumed, remaining } = p.tokenBudget;
        const what = remaining > 0 ? `has ${remaining} tokens of its budget left, too few for its next prompt (${consumed} of ${allocated} used)` : `used its whole token budget (${consumed} of ${allocated})`;
        throw new NlshError('res.budgetExhausted', `the ${this.role} ${this.name} (${this.pid}) ${what}`, {
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
      const pcb = await this.runnable(req.signal);
      const local = new AbortController();
      const onAbort = (): void => local.abort(req.signal.reason);
      req.signal.addEventListener('abort', onAbort, { once: true });
      const off = this.k.events.on('proc', ({ pcb: p }) => {
        if (p.pid === this.pid && (p.state === 'SUSPENDED' || p.state === 'TERMINATED')) local.abort();
      });
      const messages: ChatMessage[] = [
        { role: 'system', content: `${roleNamed(this.role).systemPrompt}\nYou are ${pcb.name} (${pcb.pid}): ${pcb.description}.` },
        { role: 'user', content: req.prompt },
      ];
      try {
        // the kernel's one inference path: slot, rate limit, THINKING, hard budget, validated counts
        const r = await infer(this.k, {
          pid: this.pid, messages, maxTokens: req.maxTokens, signal: local.signal, ...(req.format ? { format: req.format } : {}),
          onText: (chunk) => this.k.events.emit('agentOutput', { pid: this.pid, chunk, done: false }),
        });
        if (req.signal.aborted) throw req.signal.reason;
        if (stateOf(pcb) === 'SUSPENDED') continue; // suspended as it finished: the call is made again after resume
        this.pcb();
        await this.remember('user', req.prompt);
        await this.remember('assistant', r.content);
        return { text: r.content, tokens: r.charged };
      } catch (err) {
        if (req.signal.aborted) throw req.signal.reason;
        this.pcb(); // killed: agent.terminated
        if (isNlshError(err, 'res.rateLimited')) await sleep(Math.max(10, Number(err.details?.retryAfterMs ?? 500)), req.signal);
        else if (isNlshError(err, 'proc.notRunning') || isNlshError(err, 'res.budgetExhausted')) continue; // runnable() waits or explains
        else if (!(stateOf(pcb) === 'SUSPENDED' && local.signal.aborted)) throw err;
      } finally {
        this.k.events.emit('agentOutput', { pid: this.pid, chunk: '', done: true });
        req.signal.removeEventListener('abort', onAbort);
        off();
      }
    }
  }

  /** Appends a turn to the agent's context window, clipped to a quarter of the window. */
  async remember(role: 'user' | 'assistant', content: string): Promise<void> {
    const p = this.k.procs.get(this.pid);
    if (!p || p.state === 'TERMINATED') return;
    const max = p.contextWindow.maxLength; // tokens; ~4 characters each
    const clipped = content.length > max ? `${content.slice(0, max)}\n[… ${content.length - max} characters not kept]` : content;
    await this.k.memory.appendContext(this.pid, { role, content: clipped });
  }

  /** Sends a message as this agent through the ipc.send syscall (its own credentials, audited; durable when it resolves). */
  async send(to: string, text: string, type: MessageType = 'NOTIFICATION'): Promise<void> {
    await this.dispatch('ipc.send', { to, message: text, type, priority: this.k.procs.get(this.pid)?.priority ?? 10 }, this.sessionOf(this.pid));
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
