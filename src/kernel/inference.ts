// The one inference path (kernel layer): every model call made for a process — an agent's
// turn, a build step, a memory summary — goes slot -> rate limit -> THINKING -> stream ->
// charge the server's validated counts -> RUNNING here, so budgets hold everywhere:
// - a call never asks for more than the budget left after its prompt (num_predict), and a
//   prompt that does not fit is refused before anything is sent;
// - nothing is charged when no server answered; a stream that breaks is charged what was
//   streamed, once; the charge never takes the budget below zero.
// Called by the agent runtime, build agents (agents layer) and the memory manager's summaries.
import { isNlshError, NlshError, toNlshError } from '../base/errors.js';
import type { ChatMessage, ChatRequest, ModelBackend, ToolCall, ToolSpec } from '../llm/types.js';
import { BUDGET_EXHAUSTED } from './resources.js';
import type { KernelServices } from './services.js';
import type { PCB, ProcState } from './types.js';

export interface InferenceRequest {
  pid: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  format?: Record<string, unknown>;
  temperature?: number;
  /** The most completion tokens wanted (e.g. what is left of the quantum); lowered to what the budget allows. */
  maxTokens: number;
  signal?: AbortSignal;
  /** Streamed text as it arrives (the TUI shows it live). */
  onText?: (chunk: string) => void;
  /**
   * false: kernel work done for the process (a memory summary) — no state moves, and it runs
   * whatever state the process is in. Default true: the process must be RUNNING and is THINKING
   * during the call.
   */
  moveState?: boolean;
}

export interface InferenceResult {
  content: string;
  toolCalls: ToolCall[];
  promptTokens: number;
  completionTokens: number;
  /** What the budget was charged (prompt + completion, never more than was left). */
  charged: number;
  /** The num_predict the call was sent with. */
  maxTokens: number;
  /** Generation stopped at maxTokens: the reply is cut, not finished. */
  cut: boolean;
  /** This call used up the budget: the process is BLOCKED now. */
  exhausted: boolean;
  latencyMs: number;
}

/** Tokens a text is assumed to cost before the server says (about 4 characters each). */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

// a turn offers the same tool list on every call: its cost is computed once per list
const toolCost = new WeakMap<readonly ToolSpec[], number>();

/** The assumed prompt cost of a request: its messages and the tools offered. */
export function estimatePrompt(messages: readonly ChatMessage[], tools: readonly ToolSpec[] = []): number {
  let n = 0;
  for (const m of messages) n += estimateTokens(m.content) + (m.toolCalls ? estimateTokens(JSON.stringify(m.toolCalls)) : 0) + 4;
  if (tools.length === 0) return n;
  let t = toolCost.get(tools);
  if (t === undefined) toolCost.set(tools, (t = estimateTokens(JSON.stringify(tools))));
  return n + t;
}

// The state now: other code moves it while a call awaits (TypeScript would narrow pcb.state).
const stateOf = (pcb: PCB): ProcState => pcb.state;

/**
 * Runs one model call for req.pid and charges it. Fails (nothing sent, nothing charged):
 * sys.noModel, proc.notFound, proc.notRunning (not RUNNING when the slot came), res.budgetExhausted
 * (the prompt does not fit; the process is BLOCKED), res.rateLimited (details.retryAfterMs), or the
 * signal's abort. Fails after sending with the llm.* error, details.charged saying what was charged;
 * an llm.* failure (other than an abort) leaves the process BLOCKED with the error as reason.
 */
export async function infer(k: KernelServices, req: InferenceRequest): Promise<InferenceResult> {
  const llm = k.llm;
  if (!llm) throw new NlshError('sys.noModel', 'no model backend is configured', { hint: 'start nlsh with --model NAME (and --ollama-host URL)' });
  const moveState = req.moveState ?? true;
  const release = await k.resources.acquireSlot(req.pid, req.signal);
  try {
    const pcb = k.procs.get(req.pid);
    if (!pcb) throw new NlshError('proc.notFound', `no process ${req.pid}`, { hint: "'ps' lists the processes" });
    if (moveState && pcb.state !== 'RUNNING') {
      throw new NlshError('proc.notRunning', `${req.pid} is ${pcb.state}`, { details: { state: pcb.state } });
    }
    const prompt = estimatePrompt(req.messages, req.tools);
    const room = pcb.tokenBudget.remaining - prompt;
    if (room < 1) {
      if (moveState) k.procs.transition(req.pid, 'BLOCKED', BUDGET_EXHAUSTED); // a top-up unblocks it
      throw new NlshError('res.budgetExhausted', `${req.pid} has ${pcb.tokenBudget.remaining} tokens left, not enough for a prompt of ~${prompt} tokens`, {
        hint: 'top up its budget, or let its context be compressed',
        details: { pid: req.pid, remaining: pcb.tokenBudget.remaining, prompt },
      });
    }
    const maxTokens = Math.max(1, Math.min(Math.floor(req.maxTokens), room));
    k.resources.takeRate(req.pid, maxTokens);
    return await call(k, llm, pcb, req, maxTokens, moveState);
  } finally {
    release();
  }
}

async function call(k: KernelServices, llm: ModelBackend, pcb: PCB, req: InferenceRequest, maxTokens: number, moveState: boolean): Promise<InferenceResult> {
  const pid = pcb.pid;
  if (moveState) k.procs.transition(pid, 'THINKING');
  const started = performance.now();
  let content = '';
  let streamed = 0; // completion tokens seen so far: one per non-empty chunk, as Ollama streams them
  let counts: { promptTokens?: number; completionTokens?: number } | null = null;
  let doneReason: string | undefined;
  const toolCalls: ToolCall[] = [];
  let failed: NlshError | null = null;
  try {
    const chat: ChatRequest = {
      ...(pcb.model ? { model: pcb.model } : {}), messages: req.messages, maxTokens,
      ...(req.tools && req.tools.length > 0 ? { tools: req.tools } : {}),
      ...(req.format ? { format: req.format } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    };
    for await (const c of llm.chatStream(chat)) {
      if (c.content) {
        streamed++;
        content += c.content;
        req.onText?.(c.content);
      }
      if (c.toolCalls) toolCalls.push(...c.toolCalls);
      if (c.done) {
        counts = { ...(c.promptTokens !== undefined ? { promptTokens: c.promptTokens } : {}), ...(c.completionTokens !== undefined ? { completionTokens: c.completionTokens } : {}) };
        doneReason = c.doneReason;
      }
    }
    if (!counts) throw new NlshError('llm.badResponse', `the model server at ${llm.host} ended the stream without a final chunk`, { hint: 'retry; check the server' });
  } catch (err) {
    failed = toNlshError(err);
  }
  const latencyMs = performance.now() - started;
  // a failed call is charged what was streamed (0 when no server answered); a finished one the
  // server's validated counts, or the estimate where the server gave none
  const promptTokens = failed ? 0 : counts?.promptTokens ?? estimatePrompt(req.messages, req.tools);
  const completionTokens = failed ? streamed : counts?.completionTokens ?? streamed;
  const charged = Math.min(promptTokens + completionTokens, pcb.tokenBudget.remaining);
  pcb.cpuTime += latencyMs;
  k.scheduler.account(pid, charged);
  if (charged > 0) k.events.emit('inference', { pid, tokens: charged, latencyMs });
  if (moveState && stateOf(pcb) === 'THINKING') {
    // a process suspended or killed meanwhile keeps that state; a model failure blocks it
    if (failed && failed.code.startsWith('llm.') && failed.code !== 'llm.aborted' && !req.signal?.aborted) {
      k.procs.transition(pid, 'BLOCKED', `${failed.code}: ${failed.message}`);
    } else k.procs.transition(pid, 'RUNNING');
  }
  let exhausted = false;
  if (charged > 0) {
    try {
      k.resources.consume(pid, charged);
    } catch (err) {
      if (!isNlshError(err, 'res.budgetExhausted')) throw err;
      exhausted = true;
    }
  }
  if (failed) {
    throw new NlshError(failed.code, failed.message, { ...(failed.hint ? { hint: failed.hint } : {}), details: { ...failed.details, charged }, cause: failed });
  }
  return {
    content, toolCalls, promptTokens, completionTokens, charged, maxTokens, latencyMs, exhausted,
    cut: doneReason === 'length',
  };
}
