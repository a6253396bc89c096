// An agent's turn as a tool loop (agents layer). Each model call offers the syscalls the agent
// may use as Ollama tools; every tool call runs through the kernel's dispatch() with the
// agent's own session (RBAC, audit, events) and its result, or its error's code, message and
// hint, goes back to the model as a `tool` message, until the model answers without tool calls.
// Unknown tools, arguments that are not JSON or break the schema, and denied calls are refused
// by dispatch: audited, returned as tool errors, never carried out. A turn runs one quantum of
// tokens at a time; at the boundary it is preempted and its state (conversation, partial reply)
// kept for the next quantum. ipc_ask only sends its REQUEST (ask.ts sendAsk) and ends the
// quantum 'parked'; the runtime resumes the turn with the answer (parked.ts). Called by runtime.ts only.
import { isNlshError, NlshError, PanicError, toNlshError } from '../base/errors.js';
import { infer } from '../kernel/inference.js';
import type { DispatchOptions } from '../kernel/dispatch.js';
import type { KernelServices } from '../kernel/services.js';
import type { SyscallDef } from '../kernel/syscall.js';
import { toolSpecs } from '../kernel/tool-specs.js';
import type { PCB, ProcState, Session, VectorMessage } from '../kernel/types.js';
import type { ChatMessage, ToolCall, ToolSpec } from '../llm/types.js';
import { sendAsk, type AskSent } from './ask.js';

/** What the runtime needs of a kernel: its services, dispatch, agent sessions and the syscall list (Kernel fits). */
export interface AgentHost {
  services: KernelServices;
  dispatch(name: string, args: unknown, session?: Session, opts?: DispatchOptions): Promise<unknown>;
  sessionOf(pid: string): Session;
  listSyscalls(): SyscallDef[];
}

export interface LoopLimits {
  /** Tool calls per turn before the agent is BLOCKED (default 16). */
  maxSteps: number;
  /** Failed tool calls in a row before the agent is BLOCKED (default 4). */
  maxFailures: number;
  /** Characters of one tool result given back to the model (default 8000). */
  maxResultChars: number;
}

export const DEFAULT_LIMITS: LoopLimits = { maxSteps: 16, maxFailures: 4, maxResultChars: 8000 };

/** One REQUEST being answered, kept across quanta. */
export interface Turn {
  msg: VectorMessage;
  session: Session;
  tools: ToolSpec[];
  /** System prompt, context window and this turn's exchanges so far. */
  messages: ChatMessage[];
  /** Assistant text cut at a quantum boundary, continued at the next quantum. */
  partial: string;
  steps: number;
  failures: number;
  tokens: { prompt: number; completion: number };
  quanta: number;
  /** Tool calls of the last model answer not run yet (those after an ipc.ask that parked the turn). */
  queue: ToolCall[];
}

/** Told of an agent's ipc.ask as soon as its REQUEST is sent; with it, ipc.ask parks the turn instead of waiting in the call. */
export type AskHook = (sent: AskSent) => void;

export type QuantumOutcome =
  | { kind: 'answered'; text: string }
  /** The quantum is used up: run again at the next pick. */
  | { kind: 'preempted' }
  /** The process is not RUNNING (blocked on budget, suspended): run again when it is. */
  | { kind: 'waiting' }
  | { kind: 'rateLimited'; retryAfterMs: number }
  /** The turn asked another agent (ipc.ask): run again when the answer, or the timeout, has come (parked.ts). */
  | { kind: 'parked'; request: string }
  /** The turn ends: answer the sender with this error. */
  | { kind: 'failed'; error: NlshError };

const stateOf = (pcb: PCB | undefined): ProcState | undefined => pcb?.state;

/**
 * The tools a session's credentials allow, as the model sees them. The list depends only on the
 * role, the extra grants and the syscall table, so with a cache it is built once per such set
 * (the cache is dropped when the table grows); callers must not change the list.
 */
export function toolsFor(host: AgentHost, session: Session, cache?: Map<string, ToolSpec[]>): ToolSpec[] {
  const defs = host.listSyscalls();
  const key = `${defs.length}\u0000${session.creds.role}\u0000${session.creds.permissions.join('\u0000')}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  // a JSON Schema object is a plain JSON object: what Ollama's `tools` carries
  const tools = toolSpecs({ list: () => defs }, session.creds)
    .map(({ name, description, parameters }) => ({ name, description, parameters: parameters as unknown as Record<string, unknown> }));
  if (cache) {
    if (cache.size > 256) cache.clear();
    cache.set(key, tools);
  }
  return tools;
}

/** The syscall a tool name stands for: the first '_' separates the namespace (fs_grepMeaning -> fs.grepMeaning). */
export function syscallOfTool(tool: string): string {
  const i = tool.indexOf('_');
  return i > 0 ? `${tool.slice(0, i)}.${tool.slice(i + 1)}` : tool;
}

/** Runs one quantum of a turn; resolves with what became of it. Fails only on a bug (panic) or an unexpected kernel error. */
export async function runQuantum(
  host: AgentHost, turn: Turn, opts: { quantum: number; signal: AbortSignal; limits: LoopLimits; onText?: (chunk: string) => void; ask?: AskHook },
): Promise<QuantumOutcome> {
  const k = host.services;
  const pid = turn.session.creds.principal;
  let left = opts.quantum;
  turn.quanta++;
  const first = turn.queue.length > 0 ? await runCalls(host, turn, opts) : undefined; // left when the turn was parked
  if (first) return first;
  for (;;) {
    const messages = turn.partial ? [...turn.messages, { role: 'assistant' as const, content: turn.partial }] : turn.messages;
    let r;
    try {
      r = await infer(k, { pid, messages, tools: turn.tools, maxTokens: left, signal: opts.signal, ...(opts.onText ? { onText: opts.onText } : {}) });
    } catch (err) {
      return stopped(k, pid, err, opts.signal);
    }
    turn.tokens.prompt += r.promptTokens;
    turn.tokens.completion += r.completionTokens;
    left -= r.completionTokens;
    if (r.toolCalls.length === 0) {
      if (!r.cut) return { kind: 'answered', text: turn.partial + r.content };
      turn.partial += r.content; // cut at the quantum (or budget) boundary: continue next time
      return stateOf(k.procs.get(pid)) === 'RUNNING' ? { kind: 'preempted' } : { kind: 'waiting' };
    }
    turn.messages.push({ role: 'assistant', content: turn.partial + r.content, toolCalls: r.toolCalls });
    turn.partial = '';
    turn.queue.push(...r.toolCalls);
    const ran = await runCalls(host, turn, opts);
    if (ran) return ran;
    const state = stateOf(k.procs.get(pid));
    if (state === 'TERMINATED') return { kind: 'failed', error: new NlshError('agent.terminated', `${pid} terminated before answering`) };
    if (state !== 'RUNNING') return { kind: 'waiting' };
    if (left <= 0) return { kind: 'preempted' };
  }
}

/** Runs the turn's queued tool calls; an outcome when the turn stops (cap, failures, parked), else undefined. */
async function runCalls(host: AgentHost, turn: Turn, opts: { limits: LoopLimits; ask?: AskHook }): Promise<QuantumOutcome | undefined> {
  const k = host.services;
  const pid = turn.session.creds.principal;
  for (let call = turn.queue.shift(); call; call = turn.queue.shift()) {
    if (turn.steps >= opts.limits.maxSteps) {
      turn.queue = [];
      return block(k, pid, new NlshError('agent.stepCap', `${pid} made ${turn.steps} tool calls in one turn (the cap)`, {
        hint: 'resume it to let it go on, or give it a smaller task',
      }));
    }
    turn.steps++;
    let sent: AskSent | undefined;
    const out = opts.ask && syscallOfTool(call.name) === 'ipc.ask'
      ? await runTool(host, turn.session, call, opts.limits.maxResultChars, (session, args) => sendAsk(host.dispatch.bind(host), session, args, (s) => {
        sent = s;
        opts.ask!(s);
      }))
      : await runTool(host, turn.session, call, opts.limits.maxResultChars);
    if (sent && out.ok) return { kind: 'parked', request: sent.request }; // its tool message comes with the answer
    turn.messages.push({ role: 'tool', toolName: call.name, content: out.content });
    turn.failures = out.ok ? 0 : turn.failures + 1;
    if (turn.failures >= opts.limits.maxFailures) {
      turn.queue = [];
      return block(k, pid, new NlshError('agent.toolFailures', `${pid} made ${turn.failures} failed tool calls in a row (last: ${call.name}: ${out.code})`, {
        hint: 'read the audit log (audit) to see what it tried; resume it to let it go on',
      }));
    }
  }
  return undefined;
}

/** Runs one tool call as session through dispatch; the result or error as the tool message's text. */
export async function runTool(
  host: AgentHost, session: Session, call: ToolCall, maxChars: number,
  run: (session: Session, args: unknown) => Promise<unknown> = (s, a) => host.dispatch(syscallOfTool(call.name), a, s),
): Promise<{ ok: boolean; code?: string; content: string }> {
  let args = call.arguments;
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args) as unknown; // some models send the arguments as a JSON string
    } catch {
      // left a string: dispatch refuses it (sys.badArgs) and audits the refusal
    }
  }
  try {
    const result = await run(session, args);
    return { ok: true, content: clip(JSON.stringify({ ok: true, result }) ?? '{"ok":true}', maxChars) };
  } catch (err) {
    if (err instanceof PanicError) throw err;
    const e = toNlshError(err);
    return { ok: false, code: e.code, content: clip(JSON.stringify({ ok: false, error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } }), maxChars) };
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters not shown]`;
}

function block(k: KernelServices, pid: string, error: NlshError): QuantumOutcome {
  if (k.procs.get(pid)?.state === 'RUNNING') k.procs.transition(pid, 'BLOCKED', `${error.code}: ${error.message}`);
  return { kind: 'failed', error };
}

/** What a failed inference means for the turn. */
function stopped(k: KernelServices, pid: string, err: unknown, signal: AbortSignal): QuantumOutcome {
  if (err instanceof PanicError) throw err;
  const state = stateOf(k.procs.get(pid));
  if (state === 'TERMINATED') return { kind: 'failed', error: new NlshError('agent.terminated', `${pid} terminated before answering`) };
  if (isNlshError(err, 'res.rateLimited')) return { kind: 'rateLimited', retryAfterMs: Number(err.details?.retryAfterMs ?? 1000) };
  if (isNlshError(err, 'proc.notRunning') || isNlshError(err, 'res.budgetExhausted')) return { kind: 'waiting' };
  if (signal.aborted && state === 'SUSPENDED') return { kind: 'waiting' }; // the call is made again after resume
  if (isNlshError(err) && (err.code.startsWith('llm.') || err.code === 'sys.noModel')) return { kind: 'failed', error: err };
  throw err;
}
