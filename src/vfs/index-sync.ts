// Vector index sync (vfs layer): keeps the HNSW cache in step with the chunks in SQLite. The
// graph holds one vector per distinct chunk content (label = the lowest chunk id with that
// hash): identical chunks (licence blocks, shared option text) would otherwise form clusters
// of equal points that wreck HNSW recall; results are expanded back to every chunk id. The
// index is lazy: opening VectorFS reads nothing; the first vector search (or anything that
// needs the graph) loads it. Until then writes only change SQLite, and the load catches the
// file up. The stamp (index-stamp.ts) keeps the chunk table's highest id and count at save
// time: when they still match, the load skips the diff; when only newer chunks were added,
// only those are read; otherwise (a removal since the save) the labels are diffed against
// SQLite. A missing, foreign or unreadable file is rebuilt. Called by vectorfs.ts and search.ts.
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isNlshError } from '../base/errors.js';
import { cosine } from '../embed/types.js';
import { HnswIndex, type HnswParams, type Neighbour } from './hnsw.js';
import { labelsFileOf, readLabels, writeLabels } from './index-labels.js';
import { readStamp, writeStamp, type Stamp } from './index-stamp.js';
import type { VfsStore } from './store.js';
import type { ProgressFn } from './types.js';

/** Scopes with at most this many chunks are searched exactly (and so are small stores). */
export const EXACT_LIMIT = 2048;
/** After this many unsaved changes the index file is rewritten. */
const SAVE_EVERY = 20_000;
/** When deleted entries outnumber live ones (and this many), saving rebuilds the graph. */
const COMPACT_AT = 10_000;

export interface IndexOpenReport {
  /** How the index came to be: loaded from its file, rebuilt from SQLite (the file was unusable), or new (built from SQLite, there was no file). */
  source: 'loaded' | 'rebuilt' | 'new';
  /** Why it was rebuilt, when it was. */
  reason?: string;
  /** Vectors added and removed to catch a stale file up with SQLite. */
  caughtUp: { added: number; removed: number };
}

export interface IndexHooks {
  progress?: ProgressFn;
  /** Told when a load had to rebuild a file that existed (the reason), so the user knows why it took long. */
  notice?: (message: string) => void;
}

export class VectorIndex {
  /** The graph, once loaded (undefined: nothing has needed it yet). */
  private graph: HnswIndex | undefined;
  private report: IndexOpenReport | undefined;
  private dirty = 0;
  /** The live label of each distinct content hash, and back. */
  private readonly repByHash = new Map<string, number>();
  private readonly hashByLabel = new Map<number, string>();
  /**
   * The hashes that may be shared by more than one chunk (every hash that is, perhaps some no
   * longer): a result whose label's hash is not here is that chunk alone, without asking SQLite
   * for the chunks with its hash (half a millisecond per search at ~100k chunks).
   */
  private readonly shared = new Set<string>();
  private readonly stampFile: string | undefined;
  /** The chunk table's max id and count when the graph was last in step with it (own adds and removes keep it). */
  private extent: { maxId: number; count: number } | undefined;

  private constructor(
    private readonly store: VfsStore,
    private readonly embedder: string,
    readonly dim: number,
    readonly params: HnswParams,
    private readonly dir: string | undefined,
    private readonly hooks: IndexHooks,
  ) {
    this.stampFile = dir ? join(dir, 'vfs-index.json') : undefined;
  }

  /** The index for the store's chunks, not loaded yet: reads no file and no chunk until it is needed. */
  static open(store: VfsStore, embedder: string, dim: number, params: HnswParams, dir: string | undefined, hooks: IndexHooks = {}): VectorIndex {
    return new VectorIndex(store, embedder, dim, params, dir, hooks);
  }

  /** True once the graph is in memory (a command that never searches never loads it). */
  get loaded(): boolean {
    return this.graph !== undefined;
  }

  /** How the graph was loaded (loads it if it was not). */
  get openReport(): IndexOpenReport {
    this.hnsw();
    return this.report!;
  }

  /** The graph, loading (and catching up or rebuilding) it on first use; never fails on a bad cache file. */
  private hnsw(): HnswIndex {
    if (this.graph) return this.graph;
    const report = this.load();
    this.report = report;
    if (report.source !== 'new') this.ram.swaps++;
    if (report.source === 'rebuilt' && report.reason && this.dir) this.hooks.notice?.(`vector index rebuilt: ${report.reason}`);
    return this.graph!;
  }

  private load(): IndexOpenReport {
    const progress = this.hooks.progress;
    let reason: string | undefined;
    const stamp = readStamp(this.stampFile);
    if (!this.stampFile) reason = 'in-memory store';
    else if (!stamp) reason = 'no index file';
    else if (stamp.embedder !== this.embedder || stamp.dim !== this.dim) reason = `index was built by ${stamp.embedder} (${stamp.dim}-d)`;
    else if (stamp.params.M !== this.params.M || stamp.params.efConstruction !== this.params.efConstruction) reason = 'HNSW parameters changed';
    else {
      try {
        this.graph = HnswIndex.load(join(this.dir!, stamp.file), this.dim, this.params, stamp.deleted);
      } catch (err) {
        if (!isNlshError(err, 'vfs.indexCorrupt')) throw err;
        reason = err.message;
      }
    }
    if (reason !== undefined || !this.graph) {
      const { count } = this.store.chunkExtent();
      const g = (this.graph = HnswIndex.create(this.dim, this.params, Math.max(1024, count * 1.25)));
      let done = 0;
      for (const { id, hash, vector } of this.store.chunkVectors()) {
        this.addRep(g, id, hash, vector);
        if (++done % 5000 === 0) progress?.(done, count, 'rebuilding vector index');
      }
      if (count) progress?.(count, count, 'rebuilding vector index');
      this.extent = this.store.chunkExtent();
      this.dirty = count;
      if (count) this.save();
      // no stamp at all is a first build (a home that never searched), not a repair
      return { source: stamp ? 'rebuilt' : 'new', ...(reason ? { reason } : {}), caughtUp: { added: 0, removed: 0 } };
    }
    // the chunk table as the stamp left it: the labels file maps the labels, no hash is read
    const labelsFile = labelsFileOf(join(this.dir!, stamp!.file));
    const now = stamp!.chunks && this.store.chunkExtent();
    const kept = now && now.maxId === stamp!.chunks!.maxId && now.count === stamp!.chunks!.count ? readLabels(labelsFile, this.graph) : undefined;
    if (kept) {
      for (const [label, hash] of kept.hashByLabel) this.mapRep(label, hash);
      for (const hash of kept.shared) this.shared.add(hash);
      this.extent = now!;
      return { source: 'loaded', caughtUp: { added: 0, removed: 0 } };
    }
    const caughtUp = this.catchUp(this.graph, stamp!.chunks);
    if (caughtUp.added || caughtUp.removed) {
      this.dirty += caughtUp.added + caughtUp.removed;
      this.save();
    } else {
      // the file is in step with the table (nothing to add or remove): its stamp says so, and the
      // next load can map the labels from the file
      const at = stamp!.chunks;
      if (!at || at.maxId !== this.extent?.maxId || at.count !== this.extent.count) this.stampExtent(stamp!);
      if (readStamp(this.stampFile)?.file === stamp!.file) writeLabels(labelsFile, { hashByLabel: this.hashByLabel, shared: this.shared });
    }
    return { source: 'loaded', caughtUp };
  }

  /**
   * A stamp from before the lazy index has no chunk extent, so every load diffed the whole chunk
   * table (~0.6 s at 97k chunks) and, finding nothing to change, never rewrote it. Once a diff
   * found the file in step with the table, the stamp gets the extent (the file is not rewritten),
   * unless another process has meanwhile pointed it at a newer file. The same when the table
   * changed without changing the graph (chunks added or removed whose contents it holds anyway).
   */
  private stampExtent(old: Stamp): void {
    if (!this.stampFile || readStamp(this.stampFile)?.file !== old.file) return;
    writeStamp(this.stampFile, { ...old, chunks: this.extent ?? this.store.chunkExtent(), size: this.graph!.size });
  }

  /**
   * Catches up with chunks another connection committed or removed since this index was last in
   * step with the chunk table (VectorFS calls it when SQLite says another connection wrote);
   * nothing when the graph is not loaded (its load catches up). Reads every chunk's hash: ~0.1 s
   * at ~100k chunks, once per such write.
   */
  resync(): { added: number; removed: number } {
    if (!this.graph) return { added: 0, removed: 0 };
    const now = this.store.chunkExtent();
    if (this.extent && now.maxId === this.extent.maxId && now.count === this.extent.count) return { added: 0, removed: 0 };
    const r = this.catchUp(this.graph, this.extent);
    this.dirty += r.added + r.removed;
    return r;
  }

  /** Brings a loaded graph up to the chunk table, from what it last held (`known`: max id and count then): new contents get a label, labels of gone chunks are deleted. */
  private catchUp(g: HnswIndex, known: { maxId: number; count: number } | undefined): { added: number; removed: number } {
    const rows = this.store.chunkHashes();
    this.extent = { maxId: rows.length ? rows[rows.length - 1]!.id : 0, count: rows.length };
    // with ids never reused, chunks at or below the saved max id that are all still there
    // (their count unchanged) mean nothing was removed: no label can be stale
    const newer = known ? rows.length - lowerBound(rows, known.maxId + 1) : rows.length;
    const nothingRemoved = known !== undefined && rows.length - newer === known.count;
    let removed = 0;
    if (nothingRemoved) {
      for (const r of rows) {
        if (r.id > known.maxId) break;
        if (g.has(r.id) && !this.repByHash.has(r.hash)) this.mapRep(r.id, r.hash);
      }
    } else {
      // Labels whose chunk is gone (or whose content already has a label) are marked deleted;
      // the maps are made again from the labels kept (a live resync has them filled)
      this.repByHash.clear();
      this.hashByLabel.clear();
      const hashOf = new Map(rows.map((r) => [r.id, r.hash]));
      for (const label of [...g.labels()].sort((a, b) => a - b)) {
        const hash = hashOf.get(label);
        if (hash === undefined || this.repByHash.has(hash)) {
          g.remove(label);
          removed++;
        } else this.mapRep(label, hash);
      }
    }
    let added = 0;
    if (newer > 0 || !nothingRemoved) {
      const after = nothingRemoved ? known!.maxId : 0;
      for (const r of this.store.chunkVectorsAfter(after)) {
        if (this.repByHash.has(r.hash)) continue;
        this.addRep(g, r.id, r.hash, r.vector);
        added++;
      }
    }
    // every chunk that is not its content's label shares that content (rows: every chunk, now)
    this.shared.clear();
    for (const r of rows) if (this.repByHash.get(r.hash) !== r.id) this.shared.add(r.hash);
    return { added, removed };
  }

  private mapRep(label: number, hash: string): void {
    this.repByHash.set(hash, label);
    this.hashByLabel.set(label, hash);
  }

  private addRep(g: HnswIndex, id: number, hash: string, v: Float32Array): void {
    if (this.repByHash.has(hash)) {
      this.shared.add(hash);
      return;
    }
    g.add(id, v);
    this.mapRep(id, hash);
  }

  /** Adds a committed chunk (a chunk whose content is already indexed needs nothing). */
  add(id: number, hash: string, v: Float32Array): void {
    if (!this.graph) return; // not loaded: the load catches up from SQLite
    if (this.extent) this.extent = { maxId: Math.max(this.extent.maxId, id), count: this.extent.count + 1 };
    if (this.repByHash.has(hash)) {
      this.shared.add(hash);
      return;
    }
    this.addRep(this.graph, id, hash, v);
    this.dirty++;
  }

  /** Removes a deleted or rewritten chunk (call after the delete is committed); another chunk with the same content takes over its label. */
  remove(id: number): void {
    if (!this.graph) return; // not loaded: the load diffs the labels against SQLite
    if (this.extent) this.extent = { ...this.extent, count: this.extent.count - 1 };
    const hash = this.hashByLabel.get(id);
    if (hash === undefined) return; // not a label: its content is indexed under another chunk id
    this.graph.remove(id);
    this.hashByLabel.delete(id);
    this.repByHash.delete(hash);
    this.dirty++;
    const next = this.store.idsWithHash(hash)[0];
    const v = next === undefined ? undefined : this.store.chunkVector(next);
    if (next !== undefined && v) this.addRep(this.graph, next, hash, v);
  }

  /**
   * Semantic RAM counters (mem/top): hits = searches answered by the in-memory HNSW graph,
   * misses = searches answered by an exact scan of the vectors in SQLite instead (small scope
   * or store), swaps = times the index moved between RAM and disk (loaded, rebuilt, saved).
   */
  readonly ram = { hits: 0, misses: 0, swaps: 0 };

  /**
   * The k chunks nearest to q (chunk ids, best first), optionally only below dir; exact for small
   * scopes. `ef`: the graph search's breadth, when not the index's (a ranking that reads many
   * neighbours and weighs them little can search less widely).
   */
  search(q: Float32Array, k: number, dir = '/', ef?: number): Neighbour[] {
    if (k <= 0) return [];
    const g = this.hnsw();
    const scan = (): Neighbour[] => {
      this.ram.misses++;
      return this.exact(q, k, dir);
    };
    if (g.size <= EXACT_LIMIT) return scan();
    if (dir === '/') {
      this.ram.hits++;
      return this.expand(g.search(q, k, undefined, ef), k);
    }
    const rows = this.store.chunkHashes(dir);
    if (rows.length <= EXACT_LIMIT) return scan();
    this.ram.hits++;
    const ids = new Set(rows.map((r) => r.id));
    const hashes = new Set(rows.map((r) => r.hash));
    const found = g.search(q, k, (label) => hashes.has(this.hashByLabel.get(label) ?? ''), ef);
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
      const hashes = batch.map((n) => this.hashByLabel.get(n.label)).filter((h): h is string => h !== undefined && this.shared.has(h));
      const idsByHash = hashes.length ? this.store.idsWithHashes(hashes) : undefined;
      for (const n of batch) {
        const hash = this.hashByLabel.get(n.label);
        const ids = hash === undefined || !this.shared.has(hash) ? [n.label] : (idsByHash!.get(hash) ?? []);
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
    return this.expand(this.hnsw().search(q, k), k);
  }

  /** Writes the index file when there are enough unsaved changes (or always with force). */
  maybeSave(force = false): void {
    if (this.graph && this.dirty > 0 && (force || this.dirty >= SAVE_EVERY)) this.save();
  }

  /** Writes the index to a new file, then points the stamp at it, then removes older files. */
  save(): void {
    if (!this.dir || !this.stampFile || !this.graph) return;
    if (this.graph.deleted > Math.max(COMPACT_AT, this.graph.size)) this.compact();
    const g = this.graph;
    const file = `vfs-index-${Date.now().toString(36)}-${process.pid}.hnsw`;
    g.save(join(this.dir, file));
    writeLabels(labelsFileOf(join(this.dir, file)), { hashByLabel: this.hashByLabel, shared: this.shared });
    this.ram.swaps++;
    const stamp: Stamp = {
      version: 2,
      embedder: this.embedder,
      dim: this.dim,
      params: this.params,
      file,
      deleted: g.deletedLabels(),
      // the chunks the graph is in step with: its own writers add after each commit, but another
      // connection's chunks come in only at the next resync (so the next load catches them up)
      chunks: this.extent ?? this.store.chunkExtent(),
      size: g.size,
    };
    writeStamp(this.stampFile, stamp);
    for (const f of readdirSync(this.dir)) {
      if (f.startsWith('vfs-index-') && (f.endsWith('.hnsw') || f.endsWith('.labels')) && f !== file && f !== labelsFileOf(file)) {
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
    const g = (this.graph = HnswIndex.create(this.dim, this.params, Math.max(1024, this.graph!.size * 1.25)));
    this.repByHash.clear();
    this.hashByLabel.clear();
    this.shared.clear();
    for (const { id, hash, vector } of this.store.chunkVectors()) this.addRep(g, id, hash, vector);
  }

  /** Live vectors in memory (0 while the graph is not loaded: it then costs no memory). */
  get size(): number {
    return this.graph?.size ?? 0;
  }
  get deleted(): number {
    return this.graph?.deleted ?? 0;
  }
  get capacity(): number {
    return this.graph?.capacity ?? 0;
  }
}

/** The first index in rows (sorted by id) whose id is at least id. */
function lowerBound(rows: readonly { id: number }[], id: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
