// HNSW wrapper (vfs layer): the ONLY importer of hnswlib-node. An in-memory cosine index of
// labelled unit vectors that grows by doubling (resizeIndex), deletes with markDelete and
// counts its own deletions (hnswlib does not expose them). The native addon is required on
// the first index made or loaded, so a command that never searches does not load it (it costs
// ~20-40 ms of start-up). Called by index-sync.ts only.
import { createRequire } from 'node:module';
import type hnswlib from 'hnswlib-node';
import { NlshError, panic } from '../base/errors.js';

let addon: typeof hnswlib | undefined;
function lib(): typeof hnswlib {
  addon ??= createRequire(import.meta.url)('hnswlib-node') as typeof hnswlib;
  return addon;
}

export interface HnswParams {
  M: number;
  efConstruction: number;
  /** Search breadth; hnswlib resets it to 10 on load, so it is set after every load. */
  ef: number;
}

/**
 * ef 512: the smallest ef with recall@10 >= 0.97 against exact search on queries from outside
 * the corpus (bench/vfs-ef.mjs on the ~97k-chunk man1 home: 0.973; ef 128 gave 0.919, 256
 * 0.955). M 32 / efConstruction 200 reach 0.976 at ef 256 for less search time, but cost a
 * rebuild of every existing index and more mount time (bench/results/vfs.md); not taken.
 */
export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 100, ef: 512 };

export interface Neighbour {
  label: number;
  /** Cosine similarity. */
  score: number;
}

export class HnswIndex {
  readonly dim: number;
  readonly params: HnswParams;
  private readonly index: hnswlib.HierarchicalNSW;
  private readonly live = new Set<number>();
  private readonly dead = new Set<number>();

  private constructor(dim: number, params: HnswParams, index: hnswlib.HierarchicalNSW) {
    this.dim = dim;
    this.params = params;
    this.index = index;
  }

  /** A new empty index with room for capacity vectors. */
  static create(dim: number, params: HnswParams, capacity = 1024): HnswIndex {
    const index = new (lib().HierarchicalNSW)('cosine', dim);
    index.initIndex({ maxElements: Math.ceil(Math.max(16, capacity)), m: params.M, efConstruction: params.efConstruction, randomSeed: 100 });
    index.setEf(params.ef);
    return new HnswIndex(dim, params, index);
  }

  /** Loads an index file written by save(); `deleted` are its labels marked deleted; fails vfs.indexCorrupt. */
  static load(file: string, dim: number, params: HnswParams, deleted: readonly number[]): HnswIndex {
    const index = new (lib().HierarchicalNSW)('cosine', dim);
    try {
      index.readIndexSync(file);
    } catch (err) {
      throw new NlshError('vfs.indexCorrupt', `cannot read index file ${file}: ${(err as Error).message}`, { cause: err });
    }
    if (index.getNumDimensions() !== dim) {
      throw new NlshError('vfs.indexCorrupt', `index file ${file} has dimension ${index.getNumDimensions()}, expected ${dim}`);
    }
    index.setEf(params.ef);
    const h = new HnswIndex(dim, params, index);
    const dead = new Set(deleted);
    for (const label of index.getIdsList()) (dead.has(label) ? h.dead : h.live).add(label);
    return h;
  }

  /** Adds (or replaces) the vector for label, growing the index when full. */
  add(label: number, v: Float32Array): void {
    if (v.length !== this.dim) panic(`hnsw: vector of length ${v.length} in a ${this.dim}-d index`);
    if (this.dead.has(label)) panic(`hnsw: label ${label} was deleted and labels are never reused`);
    if (this.live.has(label)) return;
    const cap = this.index.getMaxElements();
    if (this.index.getCurrentCount() >= cap) this.index.resizeIndex(cap * 2);
    this.index.addPoint(Array.from(v), label);
    this.live.add(label);
  }

  /** Marks label deleted; a label that is not live is ignored. */
  remove(label: number): void {
    if (!this.live.has(label)) return;
    this.index.markDelete(label);
    this.live.delete(label);
    this.dead.add(label);
  }

  /** True when label is live in the index. */
  has(label: number): boolean {
    return this.live.has(label);
  }

  /** The live labels. */
  labels(): IterableIterator<number> {
    return this.live.values();
  }

  /** The k nearest live labels to q, best first, optionally only those passing filter; `ef`: this search's breadth instead of the index's. */
  search(q: Float32Array, k: number, filter?: (label: number) => boolean, ef0 = this.params.ef): Neighbour[] {
    const n = Math.min(k, this.live.size);
    if (n <= 0) return [];
    const ef = Math.max(ef0, n);
    if (this.index.getEf() !== ef) this.index.setEf(ef);
    const r = this.index.searchKnn(Array.from(q), n, filter);
    const out: Neighbour[] = r.neighbors.map((label, i) => ({ label, score: 1 - r.distances[i]! }));
    return out;
  }

  /** Writes the index to file (the caller renames it into place). */
  save(file: string): void {
    this.index.writeIndexSync(file);
  }

  /** Deleted labels (for the stamp). */
  deletedLabels(): number[] {
    return [...this.dead];
  }

  get size(): number {
    return this.live.size;
  }
  get deleted(): number {
    return this.dead.size;
  }
  get capacity(): number {
    return this.index.getMaxElements();
  }
}
