// The only importer of better-sqlite3 (base layer). Opens the one database that is the
// source of truth for the kernel and VectorFS, in WAL mode with synchronous=FULL so that a
// write that returned is durable across a SIGKILL or power loss.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NlshError } from './errors.js';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface OpenOptions {
  /** ':memory:' for a throwaway database. */
  file: string;
  readonly?: boolean;
}

let addon: string | null | undefined;

/**
 * The path of better-sqlite3's compiled addon where npm builds it, or null to let better-sqlite3
 * find it itself: it does that through the `bindings` package, which probes a dozen candidate
 * paths and walks up for package.json, a few per cent of `nlsh -c pwd`.
 */
function addonPath(): string | null {
  if (addon === undefined) {
    try {
      const file = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
      addon = existsSync(file) ? file : null;
    } catch {
      addon = null;
    }
  }
  return addon;
}

/** Opens (creating if needed) the database; fails with sys.dbOpen if the file is not usable. */
export function openDatabase(opts: OpenOptions): Db {
  try {
    if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
    const nativeBinding = addonPath();
    const db = new Database(opts.file, { readonly: opts.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
    if (opts.file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    throw new NlshError('sys.dbOpen', `cannot open database ${opts.file}: ${(err as Error).message}`, {
      hint: 'check that the home directory is writable and the file is an nlsh database',
      cause: err,
    });
  }
}

/**
 * Runs each migration whose index is past the stored version for `component`, in one
 * transaction each; components (kernel, vfs) keep separate version counters in one table.
 */
export function migrate(db: Db, component: string, migrations: readonly string[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_versions WHERE component = ?').get(component) as
    | { version: number }
    | undefined;
  let version = row?.version ?? 0;
  if (version > migrations.length) {
    throw new NlshError('sys.dbVersion', `database schema for ${component} is newer (v${version}) than this nlsh knows`, {
      hint: 'upgrade nlsh, or use another --home',
    });
  }
  const set = db.prepare(
    'INSERT INTO schema_versions(component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version',
  );
  while (version < migrations.length) {
    const sql = migrations[version]!;
    const next = version + 1;
    db.transaction(() => {
      db.exec(sql);
      set.run(component, next);
    })();
    version = next;
  }
}
