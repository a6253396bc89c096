// The message bus's tables and its write-behind journal (kernel layer). The bus keeps inboxes
// in memory (the hot path) and records every change here as "dirty"; flush() writes all dirty
// messages in one transaction. A message that is sent and taken before a flush never touches
// the disk. Only bus.ts uses this file.
import { migrate, type Db } from '../base/sqlite.js';
import { blobToVector, vectorToBlob } from './kernel-store.js';
import type { MessageType, VectorMessage } from './types.js';

/** IPC schema, one entry per version (component 'ipc'); append, never edit. */
export const IPC_MIGRATIONS: readonly string[] = [
  `CREATE TABLE ipc_messages (
     id           TEXT PRIMARY KEY,
     seq          INTEGER NOT NULL,
     sender       TEXT NOT NULL,
     recipient    TEXT NOT NULL,   -- the message's 'to' (pid, principal, '*', 'group:NAME')
     address      TEXT NOT NULL,   -- the inbox it sits in
     type         TEXT NOT NULL,
     vector       BLOB,
     payload      TEXT NOT NULL,   -- JSON
     priority     INTEGER NOT NULL,
     ts           INTEGER NOT NULL,
     requires_ack INTEGER NOT NULL,
     ack_timeout  INTEGER NOT NULL,
     attempts     INTEGER NOT NULL,
     state        TEXT NOT NULL,   -- queued | inflight | notice (an expiry notice waiting for room)
     deadline     INTEGER
   );
   CREATE INDEX ipc_messages_address ON ipc_messages(address, priority, seq);
   CREATE TABLE ipc_groups (name TEXT PRIMARY KEY, members TEXT NOT NULL);
   CREATE TABLE ipc_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`,
  // who defined each group: only they (or a role granted ipc.group on anything) may replace it
  'ALTER TABLE ipc_groups ADD COLUMN owner TEXT',
];

export type EntryState = 'queued' | 'inflight' | 'notice';

/** A message as the bus holds it: where it sits, and whether the database has it. */
export interface Entry {
  msg: VectorMessage;
  seq: number;
  address: string;
  state: EntryState;
  ackTimeoutMs: number;
  deadline: number;
  persisted: boolean;
  /** Taken or acked: to be deleted from the database at the next flush. */
  gone: boolean;
}

interface Row {
  id: string; seq: number; sender: string; recipient: string; address: string; type: string; vector: Buffer | null;
  payload: string; priority: number; ts: number; requires_ack: number; ack_timeout: number; attempts: number;
  state: string; deadline: number | null;
}

/** The bus's persistence: loads the stored state once and writes dirty entries in batches. */
export class BusStore {
  private readonly dirty = new Map<number, Entry>(); // by seq: small-integer keys keep the hot path cheap
  private readonly upsert;
  private readonly del;
  private readonly setMeta;
  private readonly putGroup;
  private readonly delGroup;
  private nextSeqSaved = -1;

  constructor(private readonly db: Db) {
    migrate(db, 'ipc', IPC_MIGRATIONS);
    this.upsert = db.prepare(
      `INSERT INTO ipc_messages(id, seq, sender, recipient, address, type, vector, payload, priority, ts, requires_ack,
         ack_timeout, attempts, state, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET address = excluded.address, attempts = excluded.attempts,
         state = excluded.state, deadline = excluded.deadline`,
    );
    this.del = db.prepare('DELETE FROM ipc_messages WHERE id = ?');
    this.setMeta = db.prepare('INSERT INTO ipc_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.putGroup = db.prepare('INSERT INTO ipc_groups(name, members, owner) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET members = excluded.members, owner = excluded.owner');
    this.delGroup = db.prepare('DELETE FROM ipc_groups WHERE name = ?');
  }

  /** Number of changes waiting for flush(). */
  get pending(): number {
    return this.dirty.size;
  }

  /** Records that entry changed (or appeared). */
  touch(entry: Entry): void {
    this.dirty.set(entry.seq, entry);
  }

  /** Records that entry is gone; if it never reached the database there is nothing to write. */
  drop(entry: Entry): void {
    if (entry.persisted) {
      entry.gone = true;
      this.dirty.set(entry.seq, entry);
    } else {
      this.dirty.delete(entry.seq);
    }
  }

  /** Writes every dirty entry and the id counter in one transaction. */
  flush(nextSeq: number): void {
    if (this.dirty.size === 0 && nextSeq === this.nextSeqSaved) return;
    this.db.transaction(() => {
      for (const e of this.dirty.values()) {
        const m = e.msg;
        if (e.gone) {
          this.del.run(m.id);
          continue;
        }
        this.upsert.run(
          m.id, e.seq, m.from, m.to, e.address, m.messageType, m.vector.length ? vectorToBlob(m.vector) : null,
          JSON.stringify(m.payload ?? null), m.priority, m.timestamp, m.requiresAck ? 1 : 0, e.ackTimeoutMs,
          m.attempts ?? 0, e.state, e.state === 'inflight' ? e.deadline : null,
        );
        e.persisted = true;
      }
      this.setMeta.run('nextSeq', nextSeq);
    })();
    this.dirty.clear();
    this.nextSeqSaved = nextSeq;
  }

  /** Every stored message in delivery order, and the stored id counter. */
  load(): { entries: Entry[]; nextSeq: number } {
    const rows = this.db.prepare('SELECT * FROM ipc_messages ORDER BY priority, seq').all() as Row[];
    const meta = this.db.prepare("SELECT value FROM ipc_meta WHERE key = 'nextSeq'").get() as { value: number } | undefined;
    let nextSeq = meta?.value ?? 1;
    const entries = rows.map((r): Entry => {
      nextSeq = Math.max(nextSeq, r.seq + 1);
      const msg: VectorMessage = {
        id: r.id, from: r.sender, to: r.recipient, messageType: r.type as MessageType,
        vector: r.vector ? blobToVector(r.vector) : [], payload: JSON.parse(r.payload) as unknown,
        priority: r.priority, timestamp: r.ts, requiresAck: r.requires_ack === 1, attempts: r.attempts,
      };
      return {
        msg, seq: r.seq, address: r.address, state: r.state as EntryState, ackTimeoutMs: r.ack_timeout,
        deadline: r.deadline ?? 0, persisted: true, gone: false,
      };
    });
    this.nextSeqSaved = nextSeq;
    return { entries, nextSeq };
  }

  /** Stored multicast groups. */
  loadGroups(): Map<string, string[]> {
    const rows = this.db.prepare('SELECT name, members FROM ipc_groups').all() as { name: string; members: string }[];
    return new Map(rows.map((r) => [r.name, JSON.parse(r.members) as string[]]));
  }

  /** Who defined each stored group (groups from before owners were recorded have none). */
  loadGroupOwners(): Map<string, string> {
    const rows = this.db.prepare('SELECT name, owner FROM ipc_groups WHERE owner IS NOT NULL').all() as { name: string; owner: string }[];
    return new Map(rows.map((r) => [r.name, r.owner]));
  }

  /** Stores (or, with no members, deletes) a group at once: groups change rarely. */
  saveGroup(name: string, members: readonly string[], owner: string | null = null): void {
    if (members.length === 0) this.delGroup.run(name);
    else this.putGroup.run(name, JSON.stringify(members), owner);
  }
}
