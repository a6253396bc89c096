// The message bus's types (kernel layer): what createBus (bus.ts) takes, counts and offers
// beyond the MessageBus interface the syscalls see (services.ts).
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import type { Db } from '../base/sqlite.js';
import type { Embedder } from '../embed/types.js';
import type { MessageBus, ProcessTable } from './services.js';
import type { KernelEvents, VectorMessage } from './types.js';

export interface BusDeps {
  db: Db;
  clock: Clock;
  events: Emitter<KernelEvents>;
  embedder: Embedder;
  procs: ProcessTable;
  /** Messages an inbox holds, counting those delivered but not yet acked (default 1000). */
  inboxCapacity?: number;
  ackTimeoutMs?: number;
  maxAttempts?: number;
  /** 'batched' (default): write-behind, flushed by tick/flush/close and every batchSize changes; 'sync': flushed after every call. */
  durability?: 'batched' | 'sync';
  batchSize?: number;
  /** Content routing refuses a best match below this cosine similarity (default 0.1). */
  minRouteScore?: number;
}

export interface BusStats {
  sent: number;
  delivered: number;
  acked: number;
  redelivered: number;
  expired: number;
  /** Messages released, undelivered or unacked, because their recipient terminated. */
  undeliverable: number;
  /** Sends refused because an inbox was full. */
  rejected: number;
}

export interface BusImpl extends MessageBus {
  readonly stats: BusStats;
  /** Redelivers or expires messages whose ack timed out, retries waiting expiry notices, then flushes; a no-op once closed. */
  tick(): void;
  /** Writes all pending changes to SQLite in one transaction. */
  flush(): void;
  /** Flushes; later calls fail ipc.closed. */
  close(): void;
  /** The queued messages of an inbox in delivery order, without taking them. */
  peek(address: string): VectorMessage[];
  /** Messages delivered from address's inbox and not yet acked. */
  unacked(address: string): number;
  setGroup(name: string, members: string[], owner?: string): string[];
  groupOwner(name: string): string | undefined;
  groups(): Map<string, string[]>;
  readonly durability: 'batched' | 'sync';
}
