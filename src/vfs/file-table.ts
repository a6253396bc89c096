// The tree's files as parallel arrays (vfs layer), and what the file ranking does with them on
// each query. The ranking visits every file below the directory asked about; at ~18k files a
// Map lookup, closure or allocation per file cost more than the rest of a query
// (bench/results/vfs.md, "Ranking speed at ~100k chunks"), so a file is a number here and its
// vector a row of one matrix. Built by semantic-path.ts (DirectoryVectors.fileTable, cached until
// the tree changes); read by rank-files.ts.
import { parentOf } from './vpath.js';

/** Every file of the tree as parallel arrays, by file number (DirectoryVectors.fileTable). */
export interface FileTable {
  paths: string[];
  vectors: Float32Array[];
  parents: string[];
  /** The words of each file's name (as the ranking keys them). */
  names: Set<string>[];
  /** The vectors again, row after row (dim each), for one tight loop per query. */
  matrix: Float32Array;
  dim: number;
  /** path -> file number */
  index: Map<string, number>;
  /** name word -> the files whose name holds it */
  byName: Map<string, number[]>;
}

/**
 * The table of the given files (vectors of another length count over the common dimensions, as
 * cosine() does); the name words of a path in `previous` (the table before a change) are taken
 * from it rather than worked out again.
 */
export function buildFileTable(files: readonly { path: string; vector: Float32Array }[], dim: number, names: (name: string) => Set<string>, previous?: FileTable): FileTable {
  const matrix = new Float32Array(files.length * dim);
  const byName = new Map<string, number[]>();
  const table: FileTable = { paths: [], vectors: [], parents: [], names: [], matrix, dim, index: new Map(), byName };
  files.forEach(({ path, vector }, i) => {
    matrix.set(vector.length > dim ? vector.subarray(0, dim) : vector, i * dim);
    const j = previous?.index.get(path);
    const words = j !== undefined ? previous!.names[j]! : names(path.slice(path.lastIndexOf('/') + 1));
    table.paths.push(path);
    table.vectors.push(vector);
    table.parents.push(parentOf(path));
    table.names.push(words);
    table.index.set(path, i);
    for (const k of words) {
      const list = byName.get(k);
      if (list) list.push(i);
      else byName.set(k, [i]);
    }
  });
  return table;
}

/**
 * The table after some files changed, without rebuilding it: each path of `changed` that is in
 * `files` (the tree's files now) is written over its row or appended. Undefined when one of them
 * was removed: then build the table anew. The previous table is left as it was.
 */
export function patchFileTable(prev: FileTable, files: readonly { path: string; vector: Float32Array }[], changed: ReadonlySet<string>, names: (name: string) => Set<string>): FileTable | undefined {
  const now = new Map<string, Float32Array>();
  for (const f of files) if (changed.has(f.path)) now.set(f.path, f.vector);
  for (const p of changed) if (prev.index.has(p) && !now.has(p)) return undefined;
  const dim = prev.dim;
  const added = [...now.keys()].filter((p) => !prev.index.has(p));
  const n = prev.paths.length;
  const matrix = new Float32Array((n + added.length) * dim);
  matrix.set(prev.matrix);
  const t: FileTable = {
    paths: prev.paths.slice(), vectors: prev.vectors.slice(), parents: prev.parents.slice(), names: prev.names.slice(),
    matrix, dim, index: new Map(prev.index), byName: new Map(prev.byName),
  };
  const row = (i: number, v: Float32Array): void => {
    t.vectors[i] = v;
    matrix.fill(0, i * dim, (i + 1) * dim);
    matrix.set(v.length > dim ? v.subarray(0, dim) : v, i * dim);
  };
  for (const [p, v] of now) {
    const i = prev.index.get(p);
    if (i !== undefined) row(i, v);
  }
  added.forEach((p, k) => {
    const i = n + k;
    const words = names(p.slice(p.lastIndexOf('/') + 1));
    t.paths.push(p);
    t.parents.push(parentOf(p));
    t.names.push(words);
    t.index.set(p, i);
    row(i, now.get(p)!);
    for (const w of words) t.byName.set(w, [...(t.byName.get(w) ?? []), i]); // the previous table's lists stay as they were
  });
  return t;
}

/** The dot product of q with the vector of each of the files (the table's rows), by file number; a small loop of its own, which the JIT compiles tightly. */
export function dots(t: FileTable, q: Float32Array, files: readonly number[], out = new Float64Array(t.paths.length)): Float64Array {
  const m = t.matrix;
  const dim = Math.min(t.dim, q.length);
  for (const i of files) {
    let s = 0;
    for (let d = 0, o = i * t.dim; d < dim; d++) s += q[d]! * m[o + d]!;
    out[i] = s;
  }
  return out;
}

/** The numbers of the files below a directory, kept per table. */
const belowCache = new WeakMap<FileTable, Map<string, number[]>>();
export function below(t: FileTable, dir: string): number[] {
  let m = belowCache.get(t);
  if (!m) belowCache.set(t, (m = new Map()));
  let idx = m.get(dir);
  if (!idx) {
    const prefix = dir === '/' ? '' : dir + '/';
    idx = [];
    for (let i = 0; i < t.paths.length; i++) if (!prefix || t.paths[i]!.startsWith(prefix)) idx.push(i);
    if (m.size >= 64) m.clear();
    m.set(dir, idx);
  }
  return idx;
}

/** The given file numbers by directory (their parent). */
export function groupByParent(t: FileTable, files: Iterable<number>): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const i of files) {
    const list = m.get(t.parents[i]!);
    if (list) list.push(i);
    else m.set(t.parents[i]!, [i]);
  }
  return m;
}

/** The file numbers of each directory's own files, kept per table. */
const parentCache = new WeakMap<FileTable, Map<string, number[]>>();
export function byParent(t: FileTable): Map<string, number[]> {
  let m = parentCache.get(t);
  if (!m) parentCache.set(t, (m = groupByParent(t, t.paths.keys())));
  return m;
}

/** file-bm25.ts's file numbers -> the table's (-1: not in the table), kept per pair of numberings. */
const numberings = new WeakMap<FileTable, { from: readonly string[]; to: Int32Array }>();
export function numbering(t: FileTable, from: readonly string[]): Int32Array {
  const hit = numberings.get(t);
  if (hit && hit.from === from) return hit.to;
  const to = new Int32Array(from.length);
  from.forEach((p, i) => (to[i] = t.index.get(p) ?? -1));
  numberings.set(t, { from, to });
  return to;
}

/** The k best of the file numbers by score (ties by path, as the final sort orders them), best first. */
export function bestOf(files: readonly number[], score: Float64Array, paths: readonly string[], k: number): number[] {
  const before = (a: number, b: number): boolean => score[a]! > score[b]! || (score[a] === score[b] && paths[a]! < paths[b]!);
  const top: number[] = [];
  if (k <= 0) return top;
  for (const i of files) {
    if (top.length === k && !before(i, top[k - 1]!)) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && before(i, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = i;
  }
  return top;
}
