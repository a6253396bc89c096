// The syscall definition type and the table's names (kernel layer). Every operation — from
// the shell, an agent's tool call, or the library — is one SyscallDef registered in the
// table and run through dispatch(). Handlers check arguments and hand off to a service.
import type { ObjectSchema } from './schema.js';
import type { PermissionRequest, Session } from './types.js';
import type { KernelServices } from './services.js';

export const SYSCALL_NAMES = [
  'proc.spawn', 'proc.kill', 'proc.suspend', 'proc.resume', 'proc.renice', 'proc.ps', 'proc.wait',
  'proc.merge', 'proc.split', 'proc.lend',
  'ipc.send', 'ipc.broadcast', 'ipc.multicast', 'ipc.group', 'ipc.receive', 'ipc.ask',
  'mem.malloc', 'mem.free', 'mem.share', 'mem.stat',
  'fs.pwd', 'fs.cd', 'fs.ls', 'fs.tree', 'fs.cat', 'fs.write', 'fs.mkdir', 'fs.rm', 'fs.mv', 'fs.cp',
  'fs.grep', 'fs.grepMeaning', 'fs.find', 'fs.embed', 'fs.search', 'fs.mount', 'fs.export',
  'agent.build',
  'sys.audit', 'sys.auditVerify',
] as const;

export type SyscallName = (typeof SYSCALL_NAMES)[number];

/** What a handler gets besides its arguments. */
export interface SyscallContext {
  k: KernelServices;
  session: Session;
  /** Aborted when the user cancels (Ctrl-C) the running command. */
  signal: AbortSignal;
  /** Reports progress of long work (mount, build); shown as a progress bar. */
  progress: (done: number, total: number, label?: string) => void;
}

// Handlers are typed by their own module; the table stores them erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface SyscallDef<A extends Record<string, unknown> = any, R = unknown> {
  name: SyscallName;
  /** One line for `help`. */
  summary: string;
  args: ObjectSchema;
  /** Destructive calls ask for confirmation in the interactive shell and need -y in scripts. */
  destructive?: boolean;
  /** The permission the call needs, from its (validated) arguments. */
  permission(args: A, ctx: SyscallContext): PermissionRequest | Promise<PermissionRequest>;
  handler(args: A, ctx: SyscallContext): R | Promise<R>;
}

/** Identity helper that keeps a definition's argument type while erasing it for the table. */
export function defineSyscall<A extends Record<string, unknown>, R>(def: SyscallDef<A, R>): SyscallDef<A, R> {
  return def;
}
