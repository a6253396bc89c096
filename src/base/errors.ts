// Errors for every layer (base layer: anyone may import it).
// Expected failures are NlshError with a namespaced code ("fs.notFound") and a hint;
// broken invariants are panic(). Never throw strings, never swallow errors.

/** Exit codes of the command-line contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export interface NlshErrorOptions {
  /** One line telling the user what to do about it. */
  hint?: string;
  /** Process exit code when this error ends a run; 1 unless it is a usage error. */
  exitCode?: number;
  /** Structured detail for --json output (candidates, limits, ...). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** An expected failure: bad input, missing object, denied permission, unreachable backend. */
export class NlshError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, opts: NlshErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'NlshError';
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? EXIT.failed;
    this.details = opts.details;
  }

  /** The JSON contract's error object. */
  toJSON(): { code: string; message: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Thrown when an invariant of our own is broken: a bug, never bad input. */
export class PanicError extends Error {
  constructor(message: string) {
    super(`panic: ${message}`);
    this.name = 'PanicError';
  }
}

/** Stops with a PanicError; use for "cannot happen" states. */
export function panic(message: string): never {
  throw new PanicError(message);
}

/** True when err is an NlshError (optionally with the given code). */
export function isNlshError(err: unknown, code?: string): err is NlshError {
  return err instanceof NlshError && (code === undefined || err.code === code);
}

/** Wraps anything thrown into an NlshError; PanicErrors and NlshErrors pass through unchanged. */
export function toNlshError(err: unknown, code = 'sys.internal'): NlshError {
  if (err instanceof NlshError) return err;
  if (err instanceof PanicError) throw err;
  const message = err instanceof Error ? err.message : String(err);
  return new NlshError(code, message, { cause: err });
}
