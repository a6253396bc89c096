// Semantic paths (vfs layer): when a reference is a description rather than a path, and which
// match to take from the ranking of rank-files.ts (threshold, ambiguity). Also the cached
// directory vectors (a directory's name and description blended with the centroid of the files
// below it), file vectors and the file table (file-table.ts) the ranking reads. Called by vectorfs.ts, rank-files.ts.
import { NlshError } from '../base/errors.js';
import { normalize } from '../embed/types.js';
import { buildFileTable, patchFileTable, type FileTable } from './file-table.js';
import type { VfsStore } from './store.js';
import type { InodeKind, SemanticMatch } from './types.js';
import { parentOf } from './vpath.js';

export interface SemanticOptions {
  /** Below this score a description matches no directory (fs.noMatch). */
  minScore: number;
  /** The same for a file: the file ranking's scale differs (its head field scores a partial match higher). */
  minFileScore: number;
  /** When the runner-up is this close to the best, the reference is ambiguous. */
  margin: number;
  /** Weight of a directory's own name/description vector against its contents' centroid. */
  nameWeight: number;
}

/**
 * minFileScore: set by bench/vfs-threshold.mjs: 24 off-topic queries all refused at 0.375 (the
 * highest scored 0.372), 165 of the 166 right answers of the tuning sets kept (one scored 0.321).
 * Before page topics (page-topics.ts) it was 0.35, and kept all 166.
 */
export const DEFAULT_SEMANTIC: SemanticOptions = { minScore: 0.3, minFileScore: 0.375, margin: 0.015, nameWeight: 0.4 };

/** True when ref is a description rather than a path: quoted, or words with spaces that name no inode. */
export function isDescription(ref: string, exists: (literal: string) => boolean): boolean {
  const t = ref.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return true;
  return /\s/.test(t) && !exists(t);
}

/** Strips the quotes of a quoted description. */
export function unquote(ref: string): string {
  const t = ref.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1).trim();
  return t;
}

/** Changed paths remembered per generation, for caches that patch themselves (changedSince). */
const CHANGE_LOG = 64;
/** A cache further behind than this many changed paths is rebuilt instead of patched. */
const MAX_PATCH = 256;

/**
 * Caches directory vectors, file vectors and the file table until the tree changes. Each change
 * bumps the generation; a change that names its paths (a file written, appended or removed) lets
 * the caches here and in file-bm25.ts and page-topics.ts patch those paths instead of reading the
 * whole tree again (at ~18k files a full read cost ~0.7 s: bench/results/vfs.md, "After a write").
 */
export class DirectoryVectors {
  private cache: Map<string, Float32Array> | undefined;
  private fileCache: { generation: number; list: { path: string; vector: Float32Array }[] } | undefined;
  private describedCache: Map<string, string> | undefined;
  private dirCache: { rows: { path: string; name: string; description: string | null }[]; own: Map<string, Float32Array> } | undefined;
  private tableCache: { generation: number; table: FileTable } | undefined;
  /** The paths changed at each recent generation (undefined: not known, so everything). */
  private readonly log: { generation: number; paths: readonly string[] | undefined }[] = [];
  /** Counts the tree's changes (caches elsewhere, file-bm25.ts, compare it). */
  generation = 0;

  constructor(
    private readonly store: VfsStore,
    private readonly dim: number,
    private readonly opts: SemanticOptions,
  ) {}

  /**
   * Forgets the cached vectors (call after any change to the tree). `paths`: the only files
   * changed (written, appended or removed), when known; `dirsChanged`: whether a directory was
   * created, removed, moved or described (always so when the paths are not known).
   */
  invalidate(paths?: readonly string[], dirsChanged = paths === undefined): void {
    this.generation++;
    this.log.push({ generation: this.generation, paths: paths ? [...paths] : undefined });
    if (this.log.length > CHANGE_LOG) this.log.shift();
    this.cache = undefined;
    if (dirsChanged || !paths) {
      this.describedCache = undefined;
      this.dirCache = undefined;
    }
  }

  /** The directories' rows and own vectors (name and description), read again only when a directory changed. */
  private dirRows(): { rows: { path: string; name: string; description: string | null }[]; own: Map<string, Float32Array> } {
    return (this.dirCache ??= { rows: this.store.dirRows(), own: new Map(this.store.inodeVectors('dir').map((r) => [r.path, r.vector])) });
  }

  /** The files changed since generation `since` (none when it is the current one), or undefined when not known or too many: then a cache reads everything again. */
  changedSince(since: number): ReadonlySet<string> | undefined {
    const out = new Set<string>();
    if (since > this.generation) return undefined;
    for (let g = since + 1; g <= this.generation; g++) {
      const e = this.log[this.log.length - 1 - (this.generation - g)];
      if (!e || e.generation !== g || !e.paths) return undefined;
      for (const p of e.paths) out.add(p);
      if (out.size > MAX_PATCH) return undefined;
    }
    return out;
  }

  /** Every file as parallel arrays (file-table.ts), cached until the tree changes; `names` gives a name's words. */
  fileTable(names: (name: string) => Set<string>): FileTable {
    const c = this.tableCache;
    if (c?.generation === this.generation) return c.table;
    // after a change to a few files, their rows are patched; otherwise a path's name words are
    // still taken from the last table (they do not change)
    const changed = c ? this.changedSince(c.generation) : undefined;
    const table = c && changed?.size === 0 ? c.table : (c && changed && patchFileTable(c.table, this.files(), changed, names)) || buildFileTable(this.files(), this.dim, names, c?.table);
    this.tableCache = { generation: this.generation, table };
    return table;
  }

  /** Every file's own vector (its centroid), with its path (cached until the tree changes; the files changed since are read again alone). */
  files(): { path: string; vector: Float32Array }[] {
    const c = this.fileCache;
    if (c?.generation === this.generation) return c.list;
    const changed = c ? this.changedSince(c.generation) : undefined;
    let list: { path: string; vector: Float32Array }[];
    if (c && changed?.size === 0) list = c.list; // a directory made, no file changed
    else if (c && changed) {
      const now = this.store.fileVectorsOf([...changed]);
      list = c.list.filter((f) => !changed.has(f.path) || now.has(f.path)).map((f) => (now.has(f.path) ? { path: f.path, vector: now.get(f.path)! } : f));
      const had = new Set(c.list.map((f) => f.path));
      for (const [path, vector] of now) if (!had.has(path)) list.push({ path, vector });
    } else list = this.store.fileVectors();
    this.fileCache = { generation: this.generation, list };
    return list;
  }

  /** Each directory's name and description words, as one text (cached until the tree changes). */
  described(): Map<string, string> {
    return (this.describedCache ??= new Map(this.dirRows().rows.map((r) => [r.path, `${r.name} ${r.description ?? ''}`])));
  }

  /** Each directory's blended vector (the root excluded). */
  vectors(): Map<string, Float32Array> {
    if (this.cache) return this.cache;
    const sums = new Map<string, Float32Array>();
    for (const { path, vector } of this.files()) {
      for (let d = parentOf(path); ; d = parentOf(d)) {
        let s = sums.get(d);
        if (!s) sums.set(d, (s = new Float32Array(this.dim)));
        for (let i = 0; i < this.dim; i++) s[i] = s[i]! + vector[i]!;
        if (d === '/') break;
      }
    }
    const out = new Map<string, Float32Array>();
    const { rows, own: named } = this.dirRows();
    for (const row of rows) {
      if (row.path === '/') continue;
      const own = named.get(row.path);
      const sum = sums.get(row.path);
      const v = new Float32Array(this.dim);
      const w = sum ? this.opts.nameWeight : 1;
      if (own) for (let i = 0; i < this.dim; i++) v[i] = w * own[i]!;
      if (sum) {
        normalize(sum);
        for (let i = 0; i < this.dim; i++) v[i] = v[i]! + (1 - w) * sum[i]!;
      }
      out.set(row.path, normalize(v));
    }
    this.cache = out;
    return out;
  }
}

/** Picks the best match for a description; fails fs.noMatch below the threshold or fs.ambiguous when two are close. */
export function pickMatch(description: string, ranked: readonly (SemanticMatch & { kind?: InodeKind })[], kind: InodeKind | undefined, opts: SemanticOptions): SemanticMatch {
  const what = kind === 'dir' ? 'directory' : kind === 'file' ? 'file' : 'file or directory';
  const candidates = ranked.slice(0, 3).map((c) => ({ path: c.path, score: round(c.score) }));
  const best = ranked[0];
  const threshold = (best?.kind ?? kind) === 'file' ? opts.minFileScore : opts.minScore;
  if (!best || best.score < threshold) {
    const near = candidates.map((c) => `${c.path} (${c.score})`).join(', ');
    throw new NlshError('fs.noMatch', `no ${what} matches "${description}" well enough${near ? `; closest: ${near}` : ''}`, {
      hint: 'use a path, or describe it differently',
      details: { candidates, threshold },
    });
  }
  // A directory whose vector comes from one close subdirectory ties with it: prefer the deeper one.
  const near = ranked.filter((c) => best.score - c.score < opts.margin);
  const close = near
    .filter((c) => !near.some((o) => o.path.startsWith(c.path === '/' ? '/' : c.path + '/') && o.path !== c.path))
    .map((c) => ({ path: c.path, score: round(c.score) }));
  if (close.length === 1) return ranked.find((c) => c.path === close[0]!.path)!;
  if (close.length > 1) {
    throw new NlshError('fs.ambiguous', `"${description}" matches ${close.map((c) => c.path).join(' and ')} about equally`, {
      hint: 'pick one by its path',
      details: { candidates: close },
    });
  }
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
