// The kernel's tables in the one SQLite database (kernel layer): processes and the audit log.
// Messages and memory regions belong to bus.ts / memory.ts, which migrate their own
// components. Called by kernel.ts at boot (and by tests that build a service alone).
import { migrate, type Db } from '../base/sqlite.js';

/** Kernel schema, one entry per version; never edit an entry that has shipped, append a new one. */
export const KERNEL_MIGRATIONS: readonly string[] = [
  `CREATE TABLE processes (
     pid   TEXT PRIMARY KEY,
     num   INTEGER NOT NULL UNIQUE,
     state TEXT NOT NULL,
     name  TEXT NOT NULL,
     owner TEXT NOT NULL,
     pcb   TEXT NOT NULL,   -- the PCB as JSON, without vpid (and, from v2, without the context turns)
     vpid  BLOB NOT NULL    -- Float32 little-endian
   );
   CREATE TABLE audit (
     seq        INTEGER PRIMARY KEY,
     at         INTEGER NOT NULL,
     principal  TEXT NOT NULL,
     role       TEXT NOT NULL,
     syscall    TEXT NOT NULL,
     args       TEXT NOT NULL,  -- canonical JSON, as hashed
     outcome    TEXT NOT NULL,
     error_code TEXT,
     prev_hash  TEXT NOT NULL,
     hash       TEXT NOT NULL
   );
   CREATE INDEX audit_principal ON audit(principal, seq);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`,
  // v2: a process's context turns move to their own column, so boot reads only the small PCB
  // (the turns load when first needed); the PCB keeps their count as contextWindow.turns
  `ALTER TABLE processes ADD COLUMN context TEXT NOT NULL DEFAULT '[]';
   UPDATE processes SET
     context = coalesce(json_extract(pcb, '$.contextWindow.content'), '[]'),
     pcb = json_set(json_remove(pcb, '$.contextWindow.content'), '$.contextWindow.turns',
                    coalesce(json_array_length(pcb, '$.contextWindow.content'), 0));`,
  // v3: listings read the table without loading it (process-store.ts). The context sizes get
  // columns so `top` sums memory tier L1 over an index; counts by state, pages of `ps` and the
  // live names a spawn must not reuse are read from indexes, not from 50,000 JSON rows.
  `ALTER TABLE processes ADD COLUMN ctx_used INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE processes ADD COLUMN ctx_max INTEGER NOT NULL DEFAULT 0;
   UPDATE processes SET
     ctx_used = coalesce(json_extract(pcb, '$.contextWindow.currentLength'), 0),
     ctx_max = coalesce(json_extract(pcb, '$.contextWindow.maxLength'), 0);
   CREATE INDEX processes_state ON processes(state, ctx_used, ctx_max);
   CREATE INDEX processes_names ON processes(state, name, pid);`,
];

/** Creates or upgrades the kernel tables; fails sys.dbVersion when the database is newer than this code. */
export function migrateKernel(db: Db): void {
  migrate(db, 'kernel', KERNEL_MIGRATIONS);
}

/** Encodes a vector as a Float32 blob. */
export function vectorToBlob(v: ArrayLike<number>): Buffer {
  const f = Float32Array.from(v as ArrayLike<number>);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

/** Decodes a Float32 blob written by vectorToBlob. */
export function blobToVector(b: Buffer): number[] {
  const n = b.byteLength >>> 2;
  // a view when aligned (no copy), else a copy; then a plain loop (Array.from is ~5x slower)
  const f = b.byteOffset % 4 === 0 ? new Float32Array(b.buffer, b.byteOffset, n) : new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + n * 4));
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f[i]!;
  return out;
}
