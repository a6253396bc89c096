// The arguments of every syscall (kernel layer): the contract between the parser (which
// produces them), the syscall definitions (which validate them against their schemas) and
// library users. Process references (`pid`, `to`, `from`) accept "p3", "3", a name, or a
// description resolved by meaning; path references accept a path or a quoted description.
import type { MessageType, ProcType } from './types.js';

export interface SyscallArgs {
  'proc.spawn': { description: string; name?: string; type?: ProcType; priority?: number; budget?: number; contextWindow?: number; model?: string };
  'proc.kill': { pid: string };
  'proc.suspend': { pid: string };
  'proc.resume': { pid: string };
  'proc.renice': { pid: string; priority: number };
  'proc.ps': { all?: boolean };
  'proc.wait': { pid: string; timeoutMs?: number };
  'proc.merge': { pids: string[]; name?: string };
  'proc.split': { pid: string; into: number };
  'proc.lend': { from: string; to: string; percent: number };

  'ipc.send': { to: string; message: string; type?: MessageType; priority?: number; requiresAck?: boolean; inReplyTo?: string; error?: string };
  'ipc.broadcast': { message: string; priority?: number };
  'ipc.multicast': { group: string; message: string; priority?: number };
  'ipc.group': { name: string; members: string[] };
  /** Without pid: the caller's own inbox. */
  'ipc.receive': { pid?: string; max?: number };

  'mem.malloc': { description: string; size?: number };
  'mem.free': { id: string };
  'mem.share': { id: string; with: string };
  'mem.stat': Record<string, never>;

  'fs.pwd': Record<string, never>;
  'fs.cd': { path?: string };
  'fs.ls': { path?: string; similarTo?: string; limit?: number; long?: boolean };
  'fs.tree': { path?: string; depth?: number };
  'fs.cat': { path: string };
  /** `echo "x" > path` is fs.write with content; `>>` sets append. */
  'fs.write': { path: string; content: string; append?: boolean };
  'fs.mkdir': { path: string; parents?: boolean; description?: string };
  'fs.rm': { path: string; recursive?: boolean };
  'fs.mv': { from: string; to: string };
  'fs.cp': { from: string; to: string; recursive?: boolean };
  'fs.grep': { pattern: string; path?: string; ignoreCase?: boolean; limit?: number; context?: number; filesOnly?: boolean };
  'fs.grepMeaning': { query: string; path?: string; limit?: number; threshold?: number; before?: number; after?: number; filesOnly?: boolean; scores?: boolean };
  'fs.find': { query: string; path?: string; limit?: number; kind?: 'dir' | 'file' };
  /** Stores text as a fact under /knowledge/facts (or at `as`). */
  'fs.embed': { text: string; as?: string };
  'fs.search': { query: string; limit?: number };
  'fs.mount': { host: string; at?: string };
  'fs.export': { path: string; host: string };

  'agent.build': { goal: string };

  'sys.audit': { limit?: number; principal?: string };
  'sys.auditVerify': Record<string, never>;
}
