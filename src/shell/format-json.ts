// The --json formatter (shell layer): one line per command, exactly the command-line contract's
// object — {"input","ok":true,"syscall":{"name","args"},"result"} or {"input","ok":false,"error"}.
// Built-ins carry "builtin" instead of "syscall"; a dry run adds "dryRun": true.
// Called by the CLI's script runner.
import type { Outcome } from './runner.js';

/** The JSON contract object of one outcome (field order fixed: input, ok, syscall|builtin, result|error). */
export function jsonOutcome(o: Outcome): Record<string, unknown> {
  const out: Record<string, unknown> = { input: o.input, ok: o.ok };
  if (o.syscall) out.syscall = { name: o.syscall.name, args: o.syscall.args };
  if (o.builtin) out.builtin = o.builtin;
  if (o.dryRun) out.dryRun = true;
  if (o.resolved) out.resolved = o.resolved;
  if (o.ok) {
    if (o.result !== undefined) out.result = o.result;
    if (o.exit !== undefined) out.exit = o.exit;
  } else if (o.error) {
    out.error = o.error;
  }
  return out;
}

/** One line of JSON (no trailing newline); bigints become strings, typed arrays plain arrays. */
export function formatJson(o: Outcome): string {
  return JSON.stringify(jsonOutcome(o), (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Float32Array || v instanceof Float64Array) return Array.from(v);
    return v;
  });
}
