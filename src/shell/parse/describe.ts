// What the shell shows the user it understood (shell layer; callers: the runner, the REPL,
// --dry-run): one line naming the syscall (or built-in) and its JSON arguments.
import type { Command } from '../types.js';

/** Returns `proc.spawn {"description":"..."}` for a syscall, `help {"topic":"ls"}` for a built-in; never fails. */
export function describeCommand(cmd: Command): string {
  const name = cmd.kind === 'syscall' ? cmd.syscall : cmd.builtin;
  return `${name} ${JSON.stringify(cmd.args)}`;
}

/** Returns describeCommand's line prefixed by "-> " and, for layers 2 and 3, the layer and confidence. */
export function describeUnderstanding(cmd: Command): string {
  const base = `-> ${describeCommand(cmd)}`;
  return cmd.layer === 1 ? base : `${base}  (layer ${cmd.layer}, confidence ${cmd.confidence.toFixed(2)})`;
}
