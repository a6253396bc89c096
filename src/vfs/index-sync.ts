// Vector index sync (vfs layer): keeps the HNSW cache in step with the chunks in SQLite. The
// graph holds one vector per distinct chunk content (label = the lowest chunk id with that
// hash): identical chunks (licence blocks, shared option text) would otherwise form clusters
// of equal points that wreck HNSW recall; results are expanded back to every chunk id. The
// index file is stamped (embedder, dimension, parameters, deleted labels); on open a missing,
// foreign or unreadable file is rebuilt, and a stale one (after a crash) is caught up by
// diffing against SQLite. Called by vectorfs.ts and search.ts.
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isNlshError } from '../base/errors.js';
import { cosine } from '../embed/types.js';
import { HnswIndex, type HnswParams, type Neighbour } from './hnsw.js';
import type { VfsStore } from './store.js';
import type { ProgressFn } from './types.js';

/** Scopes with at most this many chunks are searched exactly (and so are small stores). */
export const EXACT_LIMIT = 2048;
/** After this many unsaved changes the index file is rewritten. */
const SAVE_EVERY = 20_000;
/** When deleted entries outnumber live ones (and this many), saving rebuilds the graph. */
const COMPACT_AT = 10_000;

interface Stamp {
  version: 2;
  embedder: string;
  dim: number;
  params: HnswParams;
  file: string;
  deleted: number[];
}

export interface IndexOpenReport {
  /** How the index came to be: loaded from its file, rebuilt from SQLite, or new (empty store). */
  source: 'loaded' | 'rebuilt' | 'new';
  /** Why it was rebuilt, when it was. */
  reason?: string;
  /** Vectors added and removed to catch a stale file up with SQLite. */
  caughtUp: { added: number; removed: number };
}

export class VectorIndex {
  private hnsw: HnswIndex;
  private dirty = 0;
  /** The live label of each distinct content hash, and back. */
  private readonly repByHash = new Map<string, number>();
  private readonly hashByLabel = new Map<number, string>();
  private readonly stampFile: string | undefined;

  private constructor(
    private readonly store: VfsStore,
    private readonly embedder: string,
    readonly dim: number,
    readonly params: HnswParams,
    private readonly dir: string | undefined,
  ) {
    this.hnsw = HnswIndex.create(dim, params);
    this.stampFile = dir ? join(dir, 'vfs-index.json') : undefined;
  }

  /** Loads, rebuilds or catches up the index for the store's chunks; never fails on a bad cache file. */
  static open(
    store: VfsStore,
    embedder: string,
    dim: number,
    params: HnswParams,
    dir: string | undefined,
    progress?: ProgressFn,
  ): { index: VectorIndex; report: IndexOpenReport } {
    const vi = new VectorIndex(store, embedder, dim, params, dir);
    const report = vi.load(progress);
    if (report.source !== 'new') vi.ram.swaps++;
    return { index: vi, report };
  }

  private load(progress?: ProgressFn): IndexOpenReport {
    const ids = this.store.allChunkIds();
    let reason: string | undefined;
    const stamp = this.readStamp();
    if (!this.stampFile) reason = 'in-memory store';
    else if (!stamp) reason = 'no index file';
    else if (stamp.embedder !== this.embedder || stamp.dim !== this.dim) reason = `index was built by ${stamp.embedder} (${stamp.dim}-d)`;
    else if (stamp.params.M !== this.params.M || stamp.params.efConstruction !== this.params.efConstruction) reason = 'HNSW parameters changed';
    else {
      try {
        this.hnsw = HnswIndex.load(join(this.dir!, stamp.file), this.dim, this.params, stamp.deleted);
      } catch (err) {
        if (!isNlshError(err, 'vfs.indexCorrupt')) throw err;
        reason = err.message;
      }
    }
    if (reason !== undefined) {
      this.hnsw = HnswIndex.create(this.dim, this.params, Math.max(1024, ids.length * 1.25));
      let done = 0;
      for (const { id, hash, vector } of this.store.chunkVectors()) {
        this.addRep(id, hash, vector);
        if (++done % 5000 === 0) progress?.(done, ids.length, 'rebuilding vector index');
      }
      if (ids.length) progress?.(ids.length, ids.length, 'rebuilding vector index');
      this.dirty = ids.length;
      if (ids.length) this.save();
      return { source: ids.length || stamp ? 'rebuilt' : 'new', reason, caughtUp: { added: 0, removed: 0 } };
    }
    // Catch up: labels whose chunk is gone (or whose content already has a label) are marked
    // deleted; contents committed after the last save get a label.
    const rows = this.store.chunkHashes();
    const hashOf = new Map(rows.map((r) => [r.id, r.hash]));
    let removed = 0;
    for (const label of [...this.hnsw.labels()].sort((a, b) => a - b)) {
      const hash = hashOf.get(label);
      if (hash === undefined || this.repByHash.has(hash)) {
        this.hnsw.remove(label);
        removed++;
      } else {
        this.repByHash.set(hash, label);
        this.hashByLabel.set(label, hash);
      }
    }
    let added = 0;
    for (const r of rows) {
      if (this.repByHash.has(r.hash)) continue;
      const v = this.store.chunkVector(r.id);
      if (v) {
        this.addRep(r.id, r.hash, v);
        added++;
      }
    }
    if (added || removed) {
      this.dirty += added + removed;
      this.save();
    }
    return { source: 'loaded', caughtUp: { added, removed } };
  }

  private readStamp(): Stamp | undefined {
    if (!this.stampFile || !existsSync(this.stampFile)) return undefined;
    try {
      const s = JSON.parse(readFileSync(this.stampFile, 'utf8')) as Stamp;
      return s.version === 2 && typeof s.file === 'string' && Array.isArray(s.deleted) ? s : undefined;
    } catch {
      return undefined; // a torn or foreign stamp is just a missing cache
    }
  }

  private addRep(id: number, hash: string, v: Float32Array): void {
    if (this.repByHash.has(hash)) return;
    this.hnsw.add(id, v);
    this.repByHash.set(hash, id);
    this.hashByLabel.set(id, hash);
  }

  /** Adds a committed chunk (a chunk whose content is already indexed needs nothing). */
  add(id: number, hash: string, v: Float32Array): void {
    if (this.repByHash.has(hash)) return;
    this.addRep(id, hash, v);
    this.dirty++;
  }

  /** Removes a deleted or rewritten chunk (call after the delete is committed); another chunk with the same content takes over its label. */
  remove(id: number): void {
    const hash = this.hashByLabel.get(id);
    if (hash === undefined) return; // not a label: its content is indexed under another chunk id
    this.hnsw.remove(id);
    this.hashByLabel.delete(id);
    this.repByHash.delete(hash);
    this.dirty++;
    const next = this.store.idsWithHash(hash)[0];
    const v = next === undefined ? undefined : this.store.chunkVector(next);
    if (next !== undefined && v) this.addRep(next, hash, v);
  }

  /**
   * Semantic RAM counters (mem/top): hits = searches answered by the in-memory HNSW graph,
   * misses = searches answered by an exact scan of the vectors in SQLite instead (small scope
   * or store), swaps = times the index moved between RAM and disk (loaded, rebuilt, saved).
   */
  readonly ram = { hits: 0, misses: 0, swaps: 0 };

  /** The k chunks nearest to q (chunk ids, best first), optionally only below dir; exact for small scopes. */
  search(q: Float32Array, k: number, dir = '/'): Neighbour[] {
    if (k <= 0) return [];
    const scan = (): Neighbour[] => {
      this.ram.misses++;
      return this.exact(q, k, dir);
    };
    if (this.hnsw.size <= EXACT_LIMIT) return scan();
    if (dir === '/') {
      this.ram.hits++;
      return this.expand(this.hnsw.search(q, k), k);
    }
    const rows = this.store.chunkHashes(dir);
    if (rows.length <= EXACT_LIMIT) return scan();
    this.ram.hits++;
    const ids = new Set(rows.map((r) => r.id));
    const hashes = new Set(rows.map((r) => r.hash));
    const found = this.hnsw.search(q, k, (label) => hashes.has(this.hashByLabel.get(label) ?? ''));
    return this.expand(found, k, ids);
  }

  /** Turns labels into the chunk ids that share their content (within `only` when given), up to k. */
  private expand(found: Neighbour[], k: number, only?: Set<number>): Neighbour[] {
    const out: Neighbour[] = [];
    // Each label has at least one chunk, so the next (k - found so far) labels usually fill k:
    // their chunk ids are fetched in one query, not one per label.
    let next = 0;
    while (out.length < k && next < found.length) {
      const batch = found.slice(next, next + k - out.length);
      next += batch.length;
      const hashes = batch.map((n) => this.hashByLabel.get(n.label)).filter((h): h is string => h !== undefined);
      const idsByHash = this.store.idsWithHashes(hashes);
      for (const n of batch) {
        const hash = this.hashByLabel.get(n.label);
        const ids = hash === undefined ? [n.label] : (idsByHash.get(hash) ?? []);
        for (const id of ids) {
          if (only && !only.has(id)) continue;
          out.push({ label: id, score: n.score });
          if (out.length >= k) return out;
        }
      }
    }
    return out;
  }

  /** Exact top-k by cosine over the chunks below dir (the ground truth for recall). */
  exact(q: Float32Array, k: number, dir = '/'): Neighbour[] {
    const top: Neighbour[] = [];
    for (const { id, vector } of this.store.chunkVectors(dir)) {
      const score = cosine(q, vector);
      if (top.length < k) {
        top.push({ label: id, score });
        if (top.length === k) top.sort((a, b) => b.score - a.score);
      } else if (score > top[k - 1]!.score) {
        let i = k - 1;
        while (i > 0 && top[i - 1]!.score < score) {
          top[i] = top[i - 1]!;
          i--;
        }
        top[i] = { label: id, score };
      }
    }
    return top.sort((a, b) => b.score - a.score);
  }

  /** Changes the search breadth for this session (benchmarks sweep it; the stored value stays). */
  setEf(ef: number): void {
    this.params.ef = ef;
  }

  /** Approximate search ignoring the exact-search shortcut, as chunk ids (benchmarks compare it with exact search). */
  approximate(q: Float32Array, k: number): Neighbour[] {
    return this.expand(this.hnsw.search(q, k), k);
  }

  /** Writes the index file when there are enough unsaved changes (or always with force). */
  maybeSave(force = false): void {
    if (this.dirty > 0 && (force || this.dirty >= SAVE_EVERY)) this.save();
  }

  /** Writes the index to a new file, then points the stamp at it, then removes older files. */
  save(): void {
    if (!this.dir || !this.stampFile) return;
    if (this.hnsw.deleted > Math.max(COMPACT_AT, this.hnsw.size)) this.compact();
    const file = `vfs-index-${Date.now().toString(36)}-${process.pid}.hnsw`;
    this.hnsw.save(join(this.dir, file));
    this.ram.swaps++;
    const stamp: Stamp = {
      version: 2,
      embedder: this.embedder,
      dim: this.dim,
      params: this.params,
      file,
      deleted: this.hnsw.deletedLabels(),
    };
    writeFileSync(this.stampFile + '.tmp', JSON.stringify(stamp));
    renameSync(this.stampFile + '.tmp', this.stampFile);
    for (const f of readdirSync(this.dir)) {
      if (f.startsWith('vfs-index-') && f.endsWith('.hnsw') && f !== file) {
        try {
          unlinkSync(join(this.dir, f));
        } catch {
          // another process may have removed it; the stamp names the one that matters
        }
      }
    }
    this.dirty = 0;
  }

  /** Rebuilds the HNSW graph without its deleted entries (they still cost memory and search time). */
  private compact(): void {
    this.hnsw = HnswIndex.create(this.dim, this.params, Math.max(1024, this.hnsw.size * 1.25));
    this.repByHash.clear();
    this.hashByLabel.clear();
    for (const { id, hash, vector } of this.store.chunkVectors()) this.addRep(id, hash, vector);
  }

  get size(): number {
    return this.hnsw.size;
  }
  get deleted(): number {
    return this.hnsw.deleted;
  }
  get capacity(): number {
    return this.hnsw.capacity;
  }
}
