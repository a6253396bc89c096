// The vector index's stamp file (vfs layer): vfs-index.json next to the database names the
// current HNSW file and what it was built from (embedder, dimension, parameters, deleted
// labels) and, since the lazy index, the chunk table it matched when saved (highest chunk id
// and count), so an open whose table still matches skips the diff against SQLite. A torn or
// foreign stamp reads as none. Called by index-sync.ts only.
import { existsSync, readFileSync } from 'node:fs';
import { writeAtomically } from './cache-file.js';
import type { HnswParams } from './hnsw.js';

export interface Stamp {
  version: 2;
  embedder: string;
  dim: number;
  params: HnswParams;
  file: string;
  deleted: number[];
  /** The chunk table when the file was written (absent in stamps written before the lazy index). */
  chunks?: { maxId: number; count: number };
  /** Live and deleted labels in the file (what `stats` reports before the index is loaded). */
  size?: number;
}

/** The stamp at file, or undefined when it is missing, torn or not ours. */
export function readStamp(file: string | undefined): Stamp | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    if (s.version !== 2 || typeof s.file !== 'string' || !Array.isArray(s.deleted)) return undefined;
    const c = s.chunks;
    if (c !== undefined && !(Number.isSafeInteger(c.maxId) && Number.isSafeInteger(c.count))) delete s.chunks;
    return s;
  } catch {
    return undefined; // a torn or foreign stamp is just a missing cache
  }
}

/** Writes the stamp atomically (temp file, then rename). */
export function writeStamp(file: string, stamp: Stamp): void {
  writeAtomically(file, JSON.stringify(stamp));
}
