// The library entry of nlsh (the seed's "VAPI"): `import { createKernel } from 'nlsh'`.
// Re-exports the public kernel API and its types; nothing here has logic of its own.
export { createKernel } from './agents/boot.js';
export type { CreateKernelOptions, KernelWithAgents } from './agents/boot.js';
export { bootKernel } from './kernel/kernel.js';
export type { BootOptions, Kernel, KnownResults, ResultOf } from './kernel/kernel.js';
export type { DispatchOptions } from './kernel/dispatch.js';
export { SYSCALL_NAMES, KERNEL_SYSCALLS } from './kernel/syscall-list.js';
export type { SyscallName, SyscallArgs } from './kernel/syscall-list.js';
export { defineSyscall } from './kernel/syscall.js';
export type { SyscallDef, SyscallContext, RefKind, Refs, ResolvedRef } from './kernel/syscall.js';
export { toolSpecs, toolName, type ToolSpec } from './kernel/tool-specs.js';
export type { JSONSchemaObject } from './kernel/schema.js';
export type { ProcResults } from './kernel/syscalls/proc.js';
export type { SysResults } from './kernel/syscalls/sys.js';
export type { FsResults } from './kernel/syscalls/fs.js';
export type { BuildArgs } from './agents/build-syscall.js';
export type { IpcResults, MessageInfo } from './kernel/syscalls/ipc.js';
export type { MemResults } from './kernel/syscalls/mem.js';
export type * from './kernel/types.js';
export type * from './kernel/services.js';
export type { Embedder, EmbedderKind } from './embed/types.js';
export type { ModelBackend, ChatMessage, ChatRequest, ChatResult, ChatChunk } from './llm/types.js';
export type { VectorFS, Entry, GrepHit, MountReport, VfsStats, SemanticMatch, InodeKind } from './vfs/types.js';
export { NlshError, PanicError, isNlshError, EXIT } from './base/errors.js';
export { ManualClock, systemClock, type Clock } from './base/clock.js';
export { resolveHome } from './base/paths.js';
