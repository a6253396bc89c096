// Maps whatever a call to Ollama threw into an llm.* NlshError (llm layer; used by
// src/llm/ollama.ts only). Knows the ollama client's ResponseError by shape (status_code),
// undici's network errors by their cause codes, and JSON syntax errors.
import { NlshError } from '../base/errors.js';

/** What the caller knows about why the call ended, beyond the thrown value. */
export interface FailureContext {
  host: string;
  model: string;
  /** The call's own timer fired. */
  timedOut: boolean;
  timeoutMs: number;
  /** The caller's AbortSignal fired. */
  aborted: boolean;
}

/** Thrown from our stream filter when a line of NDJSON is not JSON. */
export class BadLineError extends Error {
  constructor(line: string) {
    super(`invalid JSON line from Ollama: ${line.slice(0, 80)}`);
    this.name = 'BadLineError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Returns the llm.* NlshError for a failed call (never throws). */
export function ollamaFailure(err: unknown, ctx: FailureContext): NlshError {
  if (err instanceof NlshError) return err;
  if (ctx.aborted) return new NlshError('llm.aborted', 'the model call was cancelled', { cause: err });
  if (ctx.timedOut) {
    return new NlshError('llm.timeout', `Ollama at ${ctx.host} did not answer within ${ctx.timeoutMs} ms`, {
      hint: 'the model may still be loading or the machine is busy; retry, or use a smaller model',
      details: { host: ctx.host, model: ctx.model, timeoutMs: ctx.timeoutMs },
      cause: err,
    });
  }
  const status = statusOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (status !== undefined) {
    if (status === 404 && /model.*not found|try pulling/i.test(message)) {
      return new NlshError('llm.modelMissing', `Ollama has no model "${ctx.model}": ${message}`, {
        hint: `run \`ollama pull ${ctx.model}\`, or pick another with --model`,
        details: { host: ctx.host, model: ctx.model, status },
        cause: err,
      });
    }
    return new NlshError('llm.http', `Ollama at ${ctx.host} answered HTTP ${status}: ${message}`, {
      hint: status >= 500 ? 'the Ollama server failed; check its log (`ollama serve` output) and retry' : 'check the model name and request',
      details: { host: ctx.host, model: ctx.model, status },
      cause: err,
    });
  }
  if (err instanceof SyntaxError || err instanceof BadLineError || /did not receive done|missing body/i.test(message)) {
    return new NlshError('llm.badResponse', `Ollama at ${ctx.host} sent a reply that is not valid: ${message}`, {
      hint: 'is --ollama-host really an Ollama server? check its version with `ollama --version`',
      details: { host: ctx.host, model: ctx.model },
      cause: err,
    });
  }
  if (isNetworkError(err)) {
    return new NlshError('llm.unreachable', `cannot reach Ollama at ${ctx.host}: ${causeMessage(err)}`, {
      hint: 'start Ollama with `ollama serve`, or pass --ollama-host (or set OLLAMA_HOST)',
      details: { host: ctx.host },
      cause: err,
    });
  }
  if (isAbortError(err)) return new NlshError('llm.aborted', 'the model call was cancelled', { cause: err });
  // An {"error": "..."} line inside a stream: the server gave up mid-reply.
  return new NlshError('llm.http', `Ollama at ${ctx.host} failed: ${message}`, {
    hint: 'check the Ollama server log and retry',
    details: { host: ctx.host, model: ctx.model },
    cause: err,
  });
}

function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'status_code' in err) {
    const s = (err as { status_code: unknown }).status_code;
    if (typeof s === 'number') return s;
  }
  return undefined;
}

function isNetworkError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    const msg = e instanceof Error ? e.message : '';
    if (e instanceof TypeError && /fetch failed|terminated|network/i.test(msg)) return true;
    if (/other side closed|socket hang up/i.test(msg)) return true;
  }
  return false;
}

function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

function causeMessage(err: unknown): string {
  let e: unknown = err;
  while (e && typeof e === 'object' && 'cause' in e && (e as { cause?: unknown }).cause) e = (e as { cause: unknown }).cause;
  return e instanceof Error ? (e as Error & { code?: string }).code ?? e.message : String(e);
}
