// The vector index's labels file (vfs layer): beside each vfs-index-*.hnsw, a .labels file keeps
// the content hash of each label the graph holds and whether other chunks may share it, so a
// process whose chunk table still matches the stamp need not read every chunk's hash to map
// them (~0.17 s at ~100k chunks). A file that is torn, foreign, or that does not name exactly
// the graph's live labels reads as none (the hashes are then read from SQLite, as before).
// Called by index-sync.ts only.
import { readFileSync } from 'node:fs';
import { writeCache } from './cache-file.js';

const MAGIC = 'NLSHLBL1';

export interface IndexLabels {
  /** label -> its content hash */
  hashByLabel: Map<number, string>;
  /** The hashes that may be held by more than one chunk. */
  shared: Set<string>;
}

/** The labels file of an index file (vfs-index-X.hnsw -> vfs-index-X.labels). */
export function labelsFileOf(indexFile: string): string {
  return indexFile.replace(/\.hnsw$/, '') + '.labels';
}

/** The labels in `file` when it is whole and names exactly the labels `live` holds (a Set or the graph's has()), else undefined. */
export function readLabels(file: string, live: { size: number; has(label: number): boolean }): IndexLabels | undefined {
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return undefined; // none (an index saved before labels files, or by an older nlsh)
  }
  if (b.length < 12 || b.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const count = b.readUInt32LE(8);
  if (count !== live.size) return undefined;
  const hashByLabel = new Map<number, string>();
  const shared = new Set<string>();
  const hashes = new Set<string>();
  let at = 12;
  for (let k = 0; k < count; k++) {
    if (at + 6 > b.length) return undefined;
    const label = b.readInt32LE(at);
    const flags = b[at + 4]!;
    const len = b[at + 5]!;
    at += 6;
    if (at + len > b.length || !len || !live.has(label) || hashByLabel.has(label)) return undefined;
    const hash = b.toString('latin1', at, at + len);
    at += len;
    if (hashes.has(hash)) return undefined; // one label per content
    hashes.add(hash);
    hashByLabel.set(label, hash);
    if (flags & 1) shared.add(hash);
  }
  return at === b.length ? { hashByLabel, shared } : undefined;
}

/** Writes the labels atomically (a temp file, then a rename); a failure only costs the next load the hashes read from SQLite. */
export function writeLabels(file: string, labels: IndexLabels): void {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(labels.hashByLabel.size, 8);
  parts.push(head);
  for (const [label, hash] of labels.hashByLabel) {
    const h = Buffer.from(hash, 'latin1');
    if (h.length > 255) return; // not a hash of ours: no file, the load reads SQLite
    const e = Buffer.alloc(6);
    e.writeInt32LE(label, 0);
    e[4] = labels.shared.has(hash) ? 1 : 0;
    e[5] = h.length;
    parts.push(e, h);
  }
  writeCache(file, Buffer.concat(parts));
}
