// The syscall descriptor (kernel layer). Every operation — from the shell, an agent's tool
// call, or the library — is one SyscallDef: its argument schema (zod; the TypeScript type is
// inferred from it), which arguments are references and how they resolve, `destructive`,
// the permission it needs, summary, usage, examples, and its handler (whose return type is
// the result type). dispatch() validates, resolves the references once into ctx.refs,
// checks permission and runs the handler. Everything else (name list, help, completion,
// dry-run, layer-3 and tool schemas) is derived from descriptors.
import type * as z from 'zod';
import type { SemanticMatch } from '../vfs/types.js';
import { argsSchemaOf, isLazyArgsSchema, type ArgsSchema, type LazyArgsSchema } from './schema.js';
import type { KernelServices } from './services.js';
import type { MemoryRegion, PCB, PermissionRequest, Session } from './types.js';

/**
 * How a reference argument resolves: `path` an existing entry; `newPath` a path that may not
 * exist yet; `file` an existing file; `directory` a directory (a description goes to the best
 * candidate, the others reported); `place` an entry where a description names a directory
 * (ls, grep, find); `process` a pid, name or description; `inbox` a principal or a process;
 * `recipient` an inbox or a description routed by meaning; `region` a memory region (m1, 1).
 */
export type RefKind = 'path' | 'newPath' | 'file' | 'directory' | 'place' | 'process' | 'inbox' | 'recipient' | 'region';

/** A reference argument: its kind and, when the argument is optional, what it defaults to. */
export interface RefSpec<A> {
  kind: RefKind;
  // a method's parameters are bivariant, so a descriptor typed for its own arguments fits the table's erased type
  default?: string | { bivariant(args: A, session: Session): string }['bivariant'];
}

/** Which arguments of A are references. An array argument resolves item by item. */
export type RefSpecs<A> = { [K in keyof A]?: RefKind | RefSpec<A> };

/** A resolved path reference. */
export interface ResolvedPath {
  path: string;
  score?: number;
  candidates?: SemanticMatch[];
}

/** A resolved inbox: the address messages go to and who owns it; route when chosen by meaning. */
export interface Address {
  address: string;
  owner: string;
  route?: { pid: string; name: string; score: number; vector: number[] };
}

/** One resolved reference, as data (dry-run prints these). */
export type ResolvedRef =
  | { kind: 'path'; ref: string; path: ResolvedPath; created: boolean }
  | { kind: 'process'; ref: string; pcb: PCB }
  | { kind: 'address'; ref: string; address: Address }
  | { kind: 'region'; ref: string; region: MemoryRegion };

/** The call's resolved references by argument name; an accessor panics if the descriptor did not declare that kind there. */
export interface Refs<K extends string = string> {
  has(key: K): boolean;
  path(key: K): ResolvedPath;
  process(key: K): PCB;
  processes(key: K): PCB[];
  address(key: K): Address;
  addresses(key: K): Address[];
  region(key: K): MemoryRegion;
  /** Every resolved reference, in argument order (an array argument has several). */
  readonly all: ReadonlyMap<string, readonly ResolvedRef[]>;
}

/** What a handler gets besides its arguments. */
export interface SyscallContext<A = Record<string, unknown>> {
  k: KernelServices;
  session: Session;
  /** The references of this call, resolved once by dispatch before permission(). */
  refs: Refs<keyof A & string>;
  /** Aborted when the user cancels (Ctrl-C) the running command. */
  signal: AbortSignal;
  /** Reports progress of long work (mount, build); shown as a progress bar. */
  progress: (done: number, total: number, label?: string) => void;
}

/** A syscall descriptor; N is its name, S its argument schema, R its result. */
export interface SyscallDef<N extends string = string, S extends ArgsSchema = ArgsSchema, R = unknown> {
  name: N;
  /** One line for `help`. */
  summary: string;
  /** The canonical shell form, e.g. `kill PROC`. */
  usage: string;
  examples: readonly string[];
  args: S;
  refs?: RefSpecs<z.output<S>>;
  /** Destructive calls ask for confirmation in the interactive shell and need -y in scripts. */
  destructive?: boolean;
  /** The permission(s) the call needs, from its validated arguments and resolved references. */
  permission(args: z.output<S>, ctx: SyscallContext<z.output<S>>): PermissionRequest | PermissionRequest[] | Promise<PermissionRequest | PermissionRequest[]>;
  handler(args: z.output<S>, ctx: SyscallContext<z.output<S>>): R | Promise<R>;
}

/**
 * Returns the descriptor, inferring its name, argument and result types. A lazyArgsSchema becomes
 * an `args` getter that builds the schema on first read (every reader sees a plain zod schema).
 */
export function defineSyscall<N extends string, S extends ArgsSchema, R>(def: Omit<SyscallDef<N, S, R>, 'args'> & { args: S | LazyArgsSchema<S> }): SyscallDef<N, S, R> {
  const { args } = def;
  if (!isLazyArgsSchema(args)) return def as SyscallDef<N, S, R>;
  return Object.defineProperty(def, 'args', { get: () => argsSchemaOf(args), enumerable: true, configurable: true }) as SyscallDef<N, S, R>;
}

/** The argument type a caller passes (before defaults), and the result type, of a descriptor. */
export type ArgsOf<D> = D extends SyscallDef<string, infer S, unknown> ? z.input<S> : never;
export type ResultOfDef<D> = D extends { handler(...a: never[]): infer R } ? Awaited<R> : never;
