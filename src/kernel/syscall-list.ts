// The kernel's own syscalls (kernel layer): every descriptor the kernel registers at boot, in
// help order, and the types derived from them — the name list, each syscall's argument type
// (z.input of its schema) and result type (its handler's). Layers above register theirs
// (agent.build) with Kernel.register; they are not listed here.
import type { ArgsOf, ResultOfDef } from './syscall.js';
import { fsSyscalls } from './syscalls/fs.js';
import { fsHostSyscalls } from './syscalls/fs-host.js';
import { fsSearchSyscalls } from './syscalls/fs-search.js';
import { ipcSyscalls } from './syscalls/ipc.js';
import { memSyscalls } from './syscalls/mem.js';
import { procSyscalls } from './syscalls/proc.js';
import { sysSyscalls } from './syscalls/sys.js';

/** Every kernel syscall descriptor. */
export const KERNEL_SYSCALLS = [...procSyscalls, ...ipcSyscalls, ...memSyscalls, ...fsSyscalls, ...fsSearchSyscalls, ...fsHostSyscalls, ...sysSyscalls] as const;

type Defs = (typeof KERNEL_SYSCALLS)[number];

/** A kernel syscall's name. Registered syscalls (agent.build) are plain strings. */
export type SyscallName = Defs['name'];

/** The kernel syscalls' names, in help order. */
export const SYSCALL_NAMES: readonly SyscallName[] = KERNEL_SYSCALLS.map((d) => d.name);

/** The arguments each kernel syscall takes, by name (derived from the descriptors' schemas). */
export type SyscallArgs = { [D in Defs as D['name']]: ArgsOf<D> };

/** The result each kernel syscall returns, by name (derived from the descriptors' handlers). */
export type KnownResults = { [D in Defs as D['name']]: ResultOfDef<D> };
