// Shell command types (shell layer): what the parser produces and the runner consumes.
import type { SyscallName } from '../kernel/syscall-list.js';

/** A line understood as a syscall. `layer` says which parser layer understood it. */
export interface SyscallCommand {
  kind: 'syscall';
  input: string;
  /** A kernel syscall, or one an upper layer registers (agent.build, ipc.ask). */
  syscall: SyscallName | 'agent.build' | 'ipc.ask';
  args: Record<string, unknown>;
  layer: 1 | 2 | 3;
  /** 1 for the grammar; similarity-derived for layer 2; the model's own for layer 3. */
  confidence: number;
}

/** Shell built-ins that are not syscalls. */
export type BuiltinName = 'help' | 'exit' | 'top' | 'history' | 'clear' | 'config';

export interface BuiltinCommand {
  kind: 'builtin';
  input: string;
  builtin: BuiltinName;
  args: Record<string, unknown>;
  layer: 1 | 2 | 3;
  confidence: number;
}

export type Command = SyscallCommand | BuiltinCommand;
