// The kernel's services as seen by syscall handlers and by each other (kernel layer).
// Each interface is implemented by one file (process-table.ts, scheduler.ts, bus.ts,
// memory.ts, resources.ts, security.ts, ../vfs/vectorfs.ts) and wired in kernel.ts.
import type { Clock } from '../base/clock.js';
import type { Db } from '../base/sqlite.js';
import type { Emitter } from '../base/emitter.js';
import type { Embedder } from '../embed/types.js';
import type { ModelBackend } from '../llm/types.js';
import type { VectorFS } from '../vfs/types.js';
import type {
  AuditRecord, ContextMessage, Credentials, KernelEvents, MemoryRegion, MessageType, PCB, PermissionRequest,
  ProcessInfo, ProcState, ProcType, Role, Session, TierStats, VectorMessage,
} from './types.js';
import type { ProcessCensus, ProcessSort } from './process-store.js';

export interface SpawnOptions {
  description: string;
  name?: string;
  type?: ProcType;
  priority?: number;
  budget?: number;
  contextWindow?: number;
  model?: string;
  owner: string;
  parent?: string | null;
  role?: Role;
  permissions?: string[];
}

export interface ProcessTable {
  /** Creates a process (embedding its description as vpid), persists it, emits 'proc'. */
  spawn(opts: SpawnOptions): Promise<PCB>;
  /** The PCB or undefined. */
  get(pid: string): PCB | undefined;
  /** Resolves "p3", "3", a name, or a description (nearest vpid); fails proc.notFound / proc.ambiguous. */
  resolve(ref: string): Promise<PCB>;
  /** Every live process (with includeTerminated, every one) in pid order; makes a PCB of each. */
  list(opts?: { includeTerminated?: boolean }): PCB[];
  /** A page of the listing in pid order, read from the database without making PCBs, and how many the whole listing has; limit 0 or absent = all. */
  page(opts?: { includeTerminated?: boolean; limit?: number; offset?: number; sort?: ProcessSort }): { processes: ProcessInfo[]; total: number };
  /** Counts by state and the live processes' context sizes, from the database's indexes. */
  census(): ProcessCensus;
  /** Moves pid to state through the transition table; an illegal move fails proc.badTransition. */
  transition(pid: string, to: ProcState, reason?: string): PCB;
  setPriority(pid: string, priority: number): PCB;
  /** Persists the current PCB (after budget/context changes); with `change`, also emits 'proc' so views refresh. */
  save(pid: string, change?: 'budget' | 'context'): void;
  /** Resolves when pid reaches TERMINATED (or the signal aborts). */
  waitFor(pid: string, signal?: AbortSignal, timeoutMs?: number): Promise<PCB>;
}

export type SchedulerPolicy = 'round-robin' | 'priority' | 'dynamic' | 'reservation';

export interface Scheduler {
  readonly policy: SchedulerPolicy;
  setPolicy(p: SchedulerPolicy): void;
  /** Adds or updates a runnable process; non-runnable states are removed. */
  update(pcb: PCB): void;
  remove(pid: string): void;
  /** The next process to run for one quantum, or null when none is runnable (O(log n)); eligible(pid) = false skips a process without moving it. */
  pick(eligible?: (pid: string) => boolean): string | null;
  /** Records that pid ran for `tokens` tokens of its quantum. */
  account(pid: string, tokens: number): void;
  readonly quantumTokens: number;
  readonly contextSwitches: number;
  readonly runnable: number;
}

export interface Resources {
  /** Charges tokens to pid; when the budget runs out the process is BLOCKED ("token budget exhausted") and res.budgetExhausted is thrown. */
  consume(pid: string, tokens: number): void;
  topUp(pid: string, tokens: number): PCB;
  /** Moves tokens of budget from one process to another (lend attention). */
  transfer(from: string, to: string, tokens: number): void;
  /** Waits for one of the gpuUnits inference slots; release it with the returned function. */
  acquireSlot(pid: string, signal?: AbortSignal): Promise<() => void>;
  /** Takes n tokens from pid's token bucket, or fails res.rateLimited with the wait time. */
  takeRate(pid: string, n: number): void;
  /** Sets pid's token-bucket limit (null = back to the default). */
  setRateLimit(pid: string, limit: RateLimit | null): void;
  readonly slotsInUse: number;
  readonly slotsTotal: number;
  /** Requests waiting for an inference slot. */
  readonly slotsWaiting: number;
}

/** A token bucket: refills at tokensPerSecond up to burst tokens. */
export interface RateLimit {
  tokensPerSecond: number;
  burst: number;
}

export interface SendOptions {
  from: string;
  to: string;
  payload: unknown;
  messageType?: MessageType;
  priority?: number;
  requiresAck?: boolean;
  ackTimeoutMs?: number;
  /** The message's semantic vector when the sender has one (content routing); empty otherwise. */
  vector?: number[];
}

export interface MessageBus {
  /** Delivers to one inbox; a full inbox fails ipc.inboxFull (nothing is dropped). */
  send(opts: SendOptions): Promise<VectorMessage>;
  broadcast(from: string, payload: unknown, priority?: number): Promise<VectorMessage[]>;
  multicast(from: string, group: string, payload: unknown, priority?: number): Promise<VectorMessage[]>;
  /** Defines (no members: deletes) a group; owner is recorded when the group is new. */
  setGroup(name: string, members: string[], owner?: string): string[];
  /** Who defined a group, when known. */
  groupOwner?(name: string): string | undefined;
  /** Takes up to max messages, highest priority first, oldest first within a priority. */
  receive(address: string, max?: number): VectorMessage[];
  /** Acknowledges a message that required it. */
  ack(address: string, messageId: string): void;
  /** Keeps a delivered, unacked message from being redelivered while its reader works on it (a restart still redelivers it); fails ipc.notFound. */
  hold?(address: string, messageId: string): void;
  /** Takes one queued message by id out of an inbox (a reply someone waits for); undefined when it is not queued there. */
  take?(address: string, messageId: string): VectorMessage | undefined;
  /** The pid whose vpid is nearest to a description (content-based routing). */
  route(description: string): Promise<PCB>;
  inboxSize(address: string): number;
  /** The addresses whose inbox holds messages now (the agent runtime's first candidates: no process without one has work). */
  busyAddresses?(): string[];
  /** Writes pending (write-behind) changes to the database; syscalls call it so a reported success is durable. */
  flush?(): void;
  readonly stats: { sent: number; delivered: number; acked: number; redelivered: number; expired: number };
}

export interface MemoryManager {
  /** Appends a turn to pid's context window (L1), compressing older turns into L2 when it overflows. */
  appendContext(pid: string, msg: Omit<ContextMessage, 'at' | 'tokens'> & { tokens?: number }): Promise<void>;
  /** Brings the L2 pages most similar to query back into pid's context (swap-in). */
  recall(pid: string, query: string, k?: number): Promise<string[]>;
  malloc(owner: string, description: string, sizeTokens?: number): Promise<MemoryRegion>;
  free(id: string): MemoryRegion;
  share(id: string, pid: string): MemoryRegion;
  region(id: string): MemoryRegion | undefined;
  regions(): MemoryRegion[];
  stats(): TierStats[];
  /** Appends text to a region (replace: in place of its contents) as its owner, the owner's owner, or a process it is shared with; fails mem.denied / mem.regionFull. */
  write?(id: string, principal: string, text: string, opts?: { replace?: boolean }): Promise<MemoryRegion>;
  /** A region's entries in order, or the k most similar to query; same access rule as write. */
  read?(id: string, principal: string, opts?: { query?: string; k?: number }): Promise<{ text: string; author: string; at: number; score?: number }[]>;
}

export interface Security {
  /** Fails proc.denied / fs.denied (by action namespace) when creds lack the permission; the caller audits. */
  check(creds: Credentials, req: PermissionRequest): void;
  /** Appends a hash-chained audit record; durable when it returns. */
  audit(rec: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>): AuditRecord;
  records(opts?: { limit?: number; principal?: string }): AuditRecord[];
  /** Recomputes the chain; reports the first broken record. */
  verify(): { ok: boolean; records: number; brokenAt?: number; reason?: string };
  /** Credentials a process acts with. */
  credentialsOf(pcb: Pick<PCB, 'pid' | 'role' | 'permissions'>): Credentials;
}

export interface KernelServices {
  clock: Clock;
  db: Db;
  home: string;
  events: Emitter<KernelEvents>;
  embedder: Embedder;
  llm: ModelBackend | null;
  procs: ProcessTable;
  scheduler: Scheduler;
  resources: Resources;
  bus: MessageBus;
  memory: MemoryManager;
  security: Security;
  vfs: VectorFS;
  /** The default shell session (the person running nlsh). */
  defaultSession(): Session;
}
