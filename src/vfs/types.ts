// VectorFS types (vfs layer): the semantic file system's public surface, called by the
// kernel's fs.* syscall handlers. Paths are absolute VectorFS paths ("/knowledge/facts").

export type InodeKind = 'dir' | 'file';

export interface Entry {
  name: string;
  path: string;
  kind: InodeKind;
  size?: number;
  description?: string;
  mtime?: number;
  /** Similarity in [0,1] when the listing was ranked by meaning. */
  score?: number;
}

export interface GrepHit {
  path: string;
  line: number;
  score?: number;
  text: string;
  /** Lines around the hit (-C/-A/-B), with their numbers. */
  context?: { line: number; text: string }[];
}

export interface SemanticMatch {
  path: string;
  score: number;
}

export interface MountReport {
  root: string; // VectorFS path it was mounted at
  files: number; // imported or updated
  unchanged: number;
  removed: number;
  skipped: { path: string; reason: string }[];
  lines: number;
  chunks: number;
  distinct: number; // distinct chunk contents among those chunks (what the vector index holds one vector for)
  embedded: number; // distinct contents whose vectors were computed (not already stored)
  ms: number;
}

export interface VfsStats {
  inodes: number;
  chunks: number;
  vectorsInIndex: number;
  deletedInIndex: number;
  indexCapacity: number;
  cacheEntries: number;
  cacheHits: number;
  cacheMisses: number;
  /** Semantic RAM counters for the memory manager's tier report: searches answered by the in-memory HNSW graph / by an exact scan of SQLite instead, and index loads, rebuilds and saves (RAM <-> disk). */
  ramHits?: number;
  ramMisses?: number;
  ramSwaps?: number;
  embedder: string;
  dim: number;
}

export interface ProgressFn {
  (done: number, total: number, label?: string): void;
}

export interface VectorFS {
  /** Resolves a literal path (relative to cwd) or a quoted description to an absolute path; fails fs.notFound / fs.ambiguous / fs.noMatch with candidates. */
  resolve(
    cwd: string,
    ref: string,
    /** semanticKind: the kind a description must match when no `kind` is required (ls "..." looks for directories). */
    opts?: { kind?: InodeKind; mustExist?: boolean; semanticKind?: InodeKind },
  ): Promise<{ path: string; score?: number }>;
  stat(path: string): Entry | undefined;
  ls(path: string, opts?: { similarTo?: string; limit?: number }): Promise<Entry[]>;
  tree(path: string, depth?: number): Promise<string[]>;
  cat(path: string): string;
  write(path: string, content: string, opts?: { append?: boolean; description?: string }): Promise<Entry>;
  mkdir(path: string, opts?: { parents?: boolean; description?: string }): Promise<Entry>;
  rm(path: string, opts?: { recursive?: boolean }): Promise<number>;
  mv(from: string, to: string): Promise<Entry>;
  cp(from: string, to: string, opts?: { recursive?: boolean }): Promise<Entry>;
  grep(pattern: string, path: string, opts?: { ignoreCase?: boolean; limit?: number; context?: number }): GrepHit[];
  grepMeaning(query: string, path: string, opts?: { limit?: number; threshold?: number; before?: number; after?: number }): Promise<GrepHit[]>;
  find(query: string, path: string, opts?: { limit?: number; kind?: InodeKind }): Promise<Entry[]>;
  /** Files ranked by meaning (the ranking of find/ls similar-to), each with its best passage. */
  search(query: string, path: string, opts?: { limit?: number }): Promise<GrepHit[]>;
  mount(hostDir: string, at: string, opts?: { signal?: AbortSignal; progress?: ProgressFn; allowHardLinks?: boolean }): Promise<MountReport>;
  export(path: string, hostDir: string, opts?: { signal?: AbortSignal; progress?: ProgressFn }): Promise<{ files: number; bytes: number }>;
  stats(): VfsStats;
  close(): void;
}
