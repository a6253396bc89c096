// One writer per home (kernel layer). The kernel keeps processes, inboxes and the audit
// chain's head in memory, so two nlsh processes writing one database would hand out the same
// pid twice and fork the audit chain. bootKernel takes this lock; a second nlsh on the same
// home gets sys.homeLocked (and `nlsh top` falls back to watching read-only). A lock left by
// a process that died (kill -9, power loss) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NlshError } from '../base/errors.js';

export interface HomeLock {
  readonly path: string;
  /** Removes the lock file (only if it is still ours). Safe to call twice. */
  release(): void;
}

/** The lock file of a home. */
export function lockPath(home: string): string {
  return join(home, 'nlsh.lock');
}

/** The pid of the live process holding home's lock, or null when it is free (or stale). */
export function lockHolder(home: string): number | null {
  const pid = readPid(lockPath(home));
  return pid !== null && alive(pid) ? pid : null;
}

/** Takes the home's lock for this process; fails sys.homeLocked naming the live holder. */
export function acquireHomeLock(home: string): HomeLock {
  const path = lockPath(home);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      let held = true;
      return {
        path,
        release() {
          if (!held) return;
          held = false;
          if (readPid(path) === process.pid) {
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
      const pid = readPid(path);
      if (pid !== null && alive(pid)) {
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

function readPid(path: string): number | null {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
