// Writing the files kept next to the database (vfs layer): the index stamp, the index's labels,
// the expansion table. Each is written to a temp file named for the process, then renamed into
// place, so a reader (this process or another nlsh) sees the old file or the new one whole,
// never a torn one, and two writers never share a temp file. Called by index-stamp.ts,
// index-labels.ts and expansion-cache.ts.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes data to file atomically; fails as the file system does (the temp file removed). */
export function writeAtomically(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** writeAtomically for a cache whose loss costs only time: false when it could not be written (a read-only home). */
export function writeCache(file: string, data: string | Buffer): boolean {
  try {
    writeAtomically(file, data);
    return true;
  } catch {
    return false;
  }
}
