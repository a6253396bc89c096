// One writer per home (kernel layer). The kernel keeps processes, inboxes and the audit
// chain's head in memory, so two nlsh processes writing one database would hand out the same
// pid twice and fork the audit chain. bootKernel takes this lock; a second nlsh on the same
// home gets sys.homeLocked (and `nlsh top` falls back to watching read-only). A lock left by
// a process that died (kill -9, power loss) is taken over. The lock names its owner by pid AND
// the process's start time and boot id (Linux /proc), so a new process that reuses a dead
// owner's pid does not hold the lock. The owner is also recorded in the database (confirm()),
// so deleting the lock file under a running owner does not let a second writer in.
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../base/sqlite.js';
import { NlshError } from '../base/errors.js';

export interface HomeLock {
  readonly path: string;
  /** Checks and records the owner in the home's database; fails sys.homeLocked when a live owner is recorded there (its lock file was deleted). */
  confirm(db: Db): void;
  /** Removes the lock file (only if it is still ours). Safe to call twice. */
  release(): void;
}

/** Who holds a lock: pid, and when known the process's start time (clock ticks since boot) and the boot id. */
export interface LockOwner {
  pid: number;
  start?: string;
  boot?: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The start time of a live pid (field 22 of /proc/<pid>/stat), or undefined off Linux or when it is gone. */
function procStart(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // the command name (field 2) may hold spaces and parentheses: fields resume after the last ')'
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

const bootId = (): string | undefined => readText('/proc/sys/kernel/random/boot_id')?.trim();

/** This process as a lock owner. */
export function selfOwner(): LockOwner {
  const start = procStart(process.pid);
  const boot = bootId();
  return { pid: process.pid, ...(start ? { start } : {}), ...(boot ? { boot } : {}) };
}

const ownerText = (o: LockOwner): string => `${o.pid}${o.start ? ` ${o.start}` : ''}${o.boot ? ` ${o.boot}` : ''}\n`;

/** True when the owner's process still runs: same pid, and (when recorded) same start time and boot. */
function ownerAlive(o: LockOwner): boolean {
  if (!alive(o.pid)) return false;
  if (o.boot && bootId() !== undefined && bootId() !== o.boot) return false;
  if (o.start) {
    const now = procStart(o.pid);
    if (now !== undefined && now !== o.start) return false;
  }
  return true;
}

const sameOwner = (a: LockOwner, b: LockOwner): boolean => a.pid === b.pid && (a.start ?? '') === (b.start ?? '') && (a.boot ?? '') === (b.boot ?? '');

/** The lock file of a home. */
export function lockPath(home: string): string {
  return join(home, 'nlsh.lock');
}

/** The pid of the live process holding home's lock, or null when it is free (or stale). */
export function lockHolder(home: string): number | null {
  const o = readOwner(lockPath(home));
  return o !== null && ownerAlive(o) ? o.pid : null;
}

/** Takes the home's lock for this process; fails sys.homeLocked naming the live holder. */
export function acquireHomeLock(home: string): HomeLock {
  const path = lockPath(home);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const me = selfOwner();
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, ownerText(me));
      } finally {
        closeSync(fd);
      }
      let held = true;
      return {
        path,
        confirm(db) {
          db.exec('CREATE TABLE IF NOT EXISTS home_owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, start TEXT, boot TEXT)');
          db.transaction(() => {
            const row = db.prepare('SELECT pid, start, boot FROM home_owner WHERE id = 1').get() as { pid: number; start: string | null; boot: string | null } | undefined;
            const recorded: LockOwner | null = row ? { pid: row.pid, ...(row.start ? { start: row.start } : {}), ...(row.boot ? { boot: row.boot } : {}) } : null;
            if (recorded && !sameOwner(recorded, me) && ownerAlive(recorded)) {
              held = false;
              writeFileSync(path, ownerText(recorded)); // give the running owner its lock file back
              throw new NlshError('sys.homeLocked', `another nlsh (pid ${recorded.pid}) is using ${home} (its lock file had been removed)`, {
                hint: 'leave the other nlsh, watch it with `nlsh top`, or pass --home for a separate home',
                details: { pid: recorded.pid, home },
              });
            }
            db.prepare('INSERT INTO home_owner (id, pid, start, boot) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, start = excluded.start, boot = excluded.boot')
              .run(me.pid, me.start ?? null, me.boot ?? null);
          }).immediate();
        },
        release() {
          if (!held) return;
          held = false;
          const cur = readOwner(path);
          if (cur && sameOwner(cur, me)) {
            try {
              unlinkSync(path);
            } catch {
              // already gone: nothing to release
            }
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new NlshError('sys.homeLock', `cannot create the lock file ${path}: ${(err as Error).message}`, {
          hint: 'check that the home directory is writable',
          cause: err,
        });
      }
      const owner = readOwner(path);
      const pid = owner?.pid ?? null;
      if (owner && pid !== null && ownerAlive(owner)) {
        throw new NlshError('sys.homeLocked', `another nlsh (pid ${pid}) is using ${home}`, {
          hint: pid === process.pid
            ? 'close the other kernel of this process first'
            : 'leave the other nlsh, watch it with `nlsh top`, or pass --home for a separate home',
          details: { pid, home },
        });
      }
      try {
        unlinkSync(path); // stale: its process is gone
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new NlshError('sys.homeLocked', `could not take the lock of ${home}: it keeps changing hands`, {
    hint: 'another nlsh is starting at the same time; try again',
  });
}

/** The owner written in a lock file (`pid [start [boot]]`; older nlsh wrote the pid alone), or null. */
function readOwner(path: string): LockOwner | null {
  const [p, start, boot] = (readText(path) ?? '').trim().split(/\s+/);
  const pid = Number.parseInt(p ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, ...(start ? { start } : {}), ...(boot ? { boot } : {}) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
