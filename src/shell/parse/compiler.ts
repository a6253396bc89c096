// Layer 3 of the parser, the Ollama intent compiler (shell layer; caller: parser.ts, only when
// a model backend is configured and layers 1-2 are unsure). The model gets the syscall table
// and must answer in a JSON schema built from the syscalls' argument schemas (Ollama's
// structured output). Its answer is then validated like any other input: an unknown
// syscall, bad arguments, "none", or a low self-reported confidence is shell.unsure, and
// nothing is carried out.
import { NlshError, isNlshError } from '../../base/errors.js';
import { jsonSchemaOf, validateArgs, type ArgsSchema } from '../../kernel/schema.js';
import type { ModelBackend } from '../../llm/types.js';

/** What the parser knows about one syscall (from the kernel's table: its descriptor). */
export interface SyscallInfo {
  name: string;
  summary: string;
  args: ArgsSchema;
}

/** The model's answer once validated. */
export interface CompiledIntent {
  syscall: string;
  args: Record<string, unknown>;
  confidence: number;
}

/** Below this self-reported confidence the model's answer is not carried out. */
export const LAYER3_MIN_CONFIDENCE = 0.5;

// descriptions go in the prompt once, not in every variant of the format
function withoutDescriptions(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDescriptions);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'description').map(([k, x]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(x as object).map(([p, f]) => [p, withoutDescriptions(f)])) : withoutDescriptions(x)]));
}

/** Returns the structured-output schema: one variant per syscall ({ syscall, args, confidence }) plus "none". */
export function intentSchema(syscalls: readonly SyscallInfo[]): Record<string, unknown> {
  const variants: Record<string, unknown>[] = syscalls.map((s) => ({
    type: 'object',
    properties: {
      syscall: { type: 'string', enum: [s.name] },
      args: { ...(withoutDescriptions(jsonSchemaOf(s.args)) as object), additionalProperties: false },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['syscall', 'args', 'confidence'],
  }));
  variants.push({
    type: 'object',
    properties: {
      syscall: { type: 'string', enum: ['none'] },
      args: { type: 'object', properties: {}, required: [], additionalProperties: false },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['syscall', 'args', 'confidence'],
  });
  return { anyOf: variants };
}

function systemPrompt(syscalls: readonly SyscallInfo[]): string {
  const lines = syscalls.map((s) => {
    const schema = jsonSchemaOf(s.args);
    const args = Object.entries(schema.properties)
      .map(([k, f]) => `${k}${schema.required.includes(k) ? '' : '?'}: ${f.type ?? 'any'}${f.description ? ` (${f.description})` : ''}`)
      .join(', ');
    return `- ${s.name}: ${s.summary}. args { ${args} }`;
  });
  return [
    'You translate one line typed into nlsh, the shell of an operating system for LLM agents, into exactly one system call.',
    'Processes are named "p3", by name, or by a short description ("the reviewer"); memory regions are "m1".',
    'Copy the user\'s own words into text arguments; do not invent paths, pids or content that the line does not contain.',
    'If the line does not ask for one of these calls, answer syscall "none". Set confidence (0..1) honestly.',
    'System calls:',
    ...lines,
    'Answer with JSON only: {"syscall": "...", "args": {...}, "confidence": 0.9}.',
  ].join('\n');
}

function unsure(line: string, why: string, guesses: readonly string[]): NlshError {
  return new NlshError('shell.unsure', `not sure what "${line.length > 80 ? `${line.slice(0, 77)}...` : line}" means: ${why}`, {
    hint: guesses.length ? `try: ${guesses.join(' | ')}` : "type 'help' for the commands",
    details: { layer: 3, suggestions: [...guesses] },
  });
}

/**
 * Returns the model's validated reading of line; fails with shell.unsure when the answer is
 * not JSON, names no known syscall, has invalid arguments or low confidence, or the model
 * cannot be reached (the llm.* error is kept as the cause). Abort errors pass through.
 */
export async function compileIntent(
  llm: ModelBackend, syscalls: readonly SyscallInfo[], line: string,
  opts: { signal?: AbortSignal; guesses?: readonly string[] } = {},
): Promise<CompiledIntent> {
  const guesses = opts.guesses ?? [];
  let content: string;
  try {
    const res = await llm.chat({
      messages: [{ role: 'system', content: systemPrompt(syscalls) }, { role: 'user', content: line }],
      format: intentSchema(syscalls),
      temperature: 0,
      maxTokens: 400,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    content = res.content;
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const e = unsure(line, `the intent compiler failed (${isNlshError(err) ? err.code : 'error'}: ${err instanceof Error ? err.message : String(err)})`, guesses);
    throw new NlshError(e.code, e.message, { ...(e.hint ? { hint: e.hint } : {}), ...(e.details ? { details: e.details } : {}), cause: err });
  }
  let answer: unknown;
  try {
    answer = JSON.parse(content);
  } catch {
    throw unsure(line, 'the intent compiler did not answer JSON', guesses);
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw unsure(line, 'the intent compiler answered no object', guesses);
  const a = answer as Record<string, unknown>;
  if (a.syscall === 'none') throw unsure(line, 'the intent compiler found no matching command', guesses);
  const def = syscalls.find((s) => s.name === a.syscall);
  if (!def) throw unsure(line, `the intent compiler named an unknown call (${String(a.syscall).slice(0, 40)})`, guesses);
  const confidence = typeof a.confidence === 'number' && Number.isFinite(a.confidence) ? Math.max(0, Math.min(1, a.confidence)) : 0;
  if (confidence < LAYER3_MIN_CONFIDENCE) throw unsure(line, `the intent compiler is not confident (${confidence.toFixed(2)}) it is ${def.name}`, [def.name, ...guesses]);
  let args: Record<string, unknown>;
  try {
    args = validateArgs(def.name, def.args, a.args ?? {});
  } catch (err) {
    throw unsure(line, `the intent compiler's arguments are invalid (${err instanceof Error ? err.message : String(err)})`, guesses);
  }
  return { syscall: def.name, args, confidence };
}
