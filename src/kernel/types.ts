// Kernel data types and service interfaces (kernel layer). This file is the contract between
// the kernel's parts (process table, scheduler, bus, memory, resources, security, VectorFS
// syscalls) and everything above it (agents, shell, TUI, library users).

// ---------------------------------------------------------------- processes

export type ProcState = 'RUNNING' | 'THINKING' | 'BLOCKED' | 'SUSPENDED' | 'TERMINATED';
export type ProcType = 'user' | 'system' | 'specialist' | 'meta';

/** One turn of a process's context window. */
export interface ContextMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  tokens: number;
  at: number;
}

/** The process control block: the seed's LLMProcess plus name, type, owner, parent. */
export interface PCB {
  pid: string; // "p3"
  vpid: number[]; // embedding of the description
  name: string; // "coder-3"
  description: string;
  type: ProcType;
  state: ProcState;
  blockedReason?: string;
  priority: number; // 0 (highest) .. 19 (lowest)
  tokenBudget: { allocated: number; consumed: number; remaining: number; reserved: number };
  contextWindow: { maxLength: number; currentLength: number; content: ContextMessage[] };
  /** Inference slots held now. (Memory and disk per process are not measured, so not shown.) */
  resources: { gpuUnits: number };
  permissions: string[];
  role: Role;
  owner: string; // principal that spawned it ("alice", or a pid)
  parent: string | null;
  createdAt: number;
  cpuTime: number; // ms spent in inference (or in quanta, in simulation)
  model?: string;
  exitCode?: number;
}

/** A PCB as shown to users: no vpid numbers, context as sizes only. */
export type ProcessInfo = Omit<PCB, 'vpid' | 'contextWindow'> & {
  contextWindow: { maxLength: number; currentLength: number; turns: number };
};

// ---------------------------------------------------------------- messages

export type MessageType = 'REQUEST' | 'RESPONSE' | 'NOTIFICATION' | 'BROADCAST';

/** The seed's VectorMessage, with an id and delivery bookkeeping. */
export interface VectorMessage {
  id: string; // "m12"
  from: string; // pid or principal ("user")
  to: string; // pid, principal, "*" (broadcast) or "group:NAME"
  messageType: MessageType;
  vector: number[];
  payload: unknown;
  priority: number; // 0 highest .. 19
  timestamp: number;
  requiresAck: boolean;
  attempts?: number;
  ackedAt?: number;
}

// ---------------------------------------------------------------- memory

export type TierName = 'L1' | 'L2' | 'L3' | 'semanticRAM' | 'semanticDisk';

export interface TierStats {
  tier: TierName;
  /** Units are per tier: tokens for L1/L2, entries for L3, vectors for RAM/disk. */
  used: number;
  capacity: number;
  unit: string;
  hits: number;
  misses: number;
  swaps: number;
  /** True when hits/misses/swaps live in another process (top watching another nlsh's home) and are not known here. */
  countersUnknown?: boolean;
}

/** A named semantic memory region (mem.malloc). */
export interface MemoryRegion {
  id: string; // "m1"
  description: string;
  owner: string;
  sharedWith: string[];
  sizeTokens: number;
  usedTokens: number;
  createdAt: number;
}

// ---------------------------------------------------------------- security

export type Role = 'root' | 'user' | 'agent' | 'system';

/** Who is calling: a person at the shell, or a process acting with its own credentials. */
export interface Credentials {
  principal: string; // user name or pid
  role: Role;
  /** Extra grants beyond the role's defaults (e.g. a process's PCB permissions). */
  permissions: readonly string[];
}

/** What a syscall needs: an action and the object it touches. */
export interface PermissionRequest {
  action: string; // "proc.kill", "fs.write"
  /** The object: a path for fs.*, an owner for proc/mem objects (and, for a shared region, who else may use it), or nothing. */
  resource?: { kind: 'path'; path: string } | { kind: 'owned'; owner: string; id: string; sharedWith?: readonly string[] } | { kind: 'system' };
}

export interface AuditRecord {
  seq: number;
  at: number;
  principal: string;
  role: Role;
  syscall: string;
  args: unknown;
  outcome: 'ok' | 'denied' | 'error';
  errorCode?: string;
  prevHash: string;
  hash: string;
}

// ---------------------------------------------------------------- sessions

/** Per-caller shell state: credentials and current directory. */
export interface Session {
  creds: Credentials;
  cwd: string;
}

// ---------------------------------------------------------------- events

export interface KernelEvents extends Record<string, unknown> {
  proc: { pcb: PCB; change: 'spawn' | 'state' | 'priority' | 'budget' | 'context' | 'exit' };
  message: { message: VectorMessage; event: 'sent' | 'delivered' | 'acked' | 'redelivered' | 'expired' };
  syscall: { name: string; principal: string; ok: boolean; durationMs: number; errorCode?: string };
  schedule: { pid: string | null; contextSwitches: number };
  memory: { tier: TierName; event: 'hit' | 'miss' | 'swap' | 'alloc' | 'free' };
  inference: { pid: string; tokens: number; latencyMs: number };
  /** A piece of an agent's streamed reply; the last one of a reply has done = true. */
  agentOutput: { pid: string; chunk: string; done: boolean };
  progress: { task: string; done: number; total: number; label?: string };
}
