// The call form of layer 1 (shell layer; caller: parser.ts): `proc.kill {"pid":"p3"}` — a
// syscall's own name and its arguments as a JSON object, exactly what the shell prints as
// `-> proc.kill {"pid":"p3"}`. It makes every suggestion the shell offers runnable as typed.
// The arguments are checked by the kernel's schema like any others; here only the shape.
import { Miss, type RuleResult } from './grammar-kit.js';

// The namespaces of syscall names. The name itself is checked by the kernel's table at dispatch
// (sys.unknownSyscall), so the parser need not load the table: `nlsh -c pwd` stays fast.
const CALL = /^((?:proc|ipc|mem|fs|agent|sys)\.[A-Za-z]+)(?:\s+(\S[\s\S]*?))?\s*$/;

/** Returns the call a `name {json}` line spells, null when the line is not one; Miss on bad JSON. */
export function callFormOf(line: string): RuleResult | null {
  const m = CALL.exec(line);
  if (!m) return null;
  const usage = `${m[1]!} {"arg": value, ...}`;
  if (!m[2]) return { syscall: m[1]!, args: {} };
  let args: unknown;
  try {
    args = JSON.parse(m[2]);
  } catch {
    throw new Miss('the arguments are not valid JSON', usage);
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new Miss('the arguments must be a JSON object', usage);
  return { syscall: m[1]!, args: args as Record<string, unknown> };
}
