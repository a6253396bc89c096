// VectorFS (vfs layer): the semantic file system the kernel's fs.* syscalls call. SQLite is
// the source of truth; the HNSW index is a cache next to the database. openVectorFS() wires
// the store, index, writer and semantic resolver; tree operations live in tree-ops.ts.
import { join } from 'node:path';
import type { Clock } from '../base/clock.js';
import type { Db, Statement } from '../base/sqlite.js';
import { NlshError } from '../base/errors.js';
import type { Embedder } from '../embed/types.js';
import { FileWriter, type EmbedCounters } from './file-writer.js';
import { DEFAULT_HNSW, type HnswParams } from './hnsw.js';
import { exportTree } from './host-export.js';
import { importHost } from './host-import.js';
import { VectorIndex, type IndexOpenReport } from './index-sync.js';
import { reembedAll } from './reembed.js';
import { DEFAULT_ALPHA, searchChunks, embedQuery, checkQuery, type ChunkHit, type SearchOptions } from './search.js';
import type { PageEvidence } from './rank-chunks.js';
import { WordNeighbours } from './expansion.js';
import { FileBm25 } from './file-bm25.js';
import { PageTopics } from './page-topics.js';
import { shippedTopics } from './topic.js';
import { rankPaths, type RankOptions } from './rank-files.js';
import {
  DEFAULT_SEMANTIC, DirectoryVectors, isDescription, pickMatch, unquote, type SemanticOptions,
} from './semantic-path.js';
import { VfsStore, type InodeRow } from './store.js';
import { TreeOps } from './tree-ops.js';
import type { Entry, GrepHit, InodeKind, MountReport, ProgressFn, VectorFS, VfsStats } from './types.js';
import { baseName, normalizePath, parentOf, pathWords } from './vpath.js';

export interface VectorFSDeps {
  db: Db;
  embedder: Embedder;
  clock: Clock;
  /** Host directories mount/export may touch. */
  allowedRoots: string[];
  /** Mount imports files with several names (hard links) instead of skipping them; default false. */
  allowHardLinks?: boolean;
  /** Where the HNSW index file lives (next to the database); none = in-memory index only. */
  indexDir?: string;
  events?: { progress?: ProgressFn; notice?: (message: string) => void };
  /** HNSW parameters; stored, and reused on later opens when not given. */
  hnsw?: Partial<HnswParams>;
  semantic?: Partial<SemanticOptions>;
  /** Vector weight of the hybrid ranking. */
  alpha?: number;
}

/** The standard tree made at first boot, with descriptions that semantic cd can match. */
export const STANDARD_TREE: readonly [string, string][] = [
  ['/agents', 'agent processes, their roles and work'],
  ['/knowledge', 'knowledge base of documents and notes'],
  ['/knowledge/embeddings', 'stored embedding vectors'],
  ['/knowledge/graphs', 'knowledge graphs of concepts and relations'],
  ['/knowledge/facts', 'facts remembered as vectors'],
  ['/context', 'conversation context and memory pages'],
  ['/tools', 'tools and commands agents can use'],
  ['/models', 'language models and their settings'],
  ['/logs', 'system logs and audit records'],
  ['/apps', 'applications built by agents'],
];

/** VectorFS plus what the vfs's own tools use: open report, pending mounts, mode-specific search, the index. */
export interface OpenVectorFS extends VectorFS {
  readonly openReport: IndexOpenReport;
  pendingMounts(): { host: string; at: string }[];
  searchChunks(query: string, opts: SearchOptions): Promise<ChunkHit[]>;
  readonly vectorIndex: VectorIndex;
}

/** Results a description's resolution ranks (more only when they all tie with the best, see resolve). */
const RESOLVE_POOL = 50;

class VectorFSImpl extends TreeOps implements VectorFS {
  private index: VectorIndex;
  /** Query expansion's word table, built on the first ranked search. */
  private neighbours: WordNeighbours | undefined;
  private fileBm25: FileBm25 | undefined;
  private topics: PageTopics | undefined;

  constructor(
    store: VfsStore,
    index: VectorIndex,
    writer: FileWriter,
    dirs: DirectoryVectors,
    private readonly deps: VectorFSDeps,
    private readonly semantic: SemanticOptions,
    private readonly counters: EmbedCounters,
  ) {
    super(store, index, writer, dirs, deps.clock);
    this.index = index;
    this.dataVersion = store.db.prepare('PRAGMA data_version').pluck();
    this.seenVersion = this.dataVersion.get() as number;
  }

  private readonly dataVersion: Statement;
  private seenVersion: number;

  /**
   * Before a ranking: when another connection (another nlsh on the same home) committed since,
   * the caches of the tree are read again and the vector index catches up with its chunks (the
   * lexical index checks for itself). SQLite's data_version changes only for others' commits.
   */
  private othersWrote(): void {
    const v = this.dataVersion.get() as number;
    if (v === this.seenVersion) return;
    this.seenVersion = v;
    this.dirs.invalidate();
    this.index.resync();
  }

  /** How the vector index was loaded; reading it loads the index (it is otherwise loaded by the first vector search). */
  get openReport(): IndexOpenReport {
    return this.index.openReport;
  }

  async resolve(cwd: string, ref: string, opts: { kind?: InodeKind; mustExist?: boolean; semanticKind?: InodeKind } = {}): Promise<{ path: string; score?: number }> {
    if (isDescription(ref, (p) => this.existsLiteral(cwd, p))) {
      const description = checkQuery(unquote(ref));
      const kind = opts.kind ?? opts.semanticKind;
      const scope: RankOptions = { dir: '/', ...(kind ? { kind } : {}) };
      let ranked = await this.rank(description, { ...scope, limit: RESOLVE_POOL });
      // pickMatch reads every result within the ambiguity margin of the best: when even the last
      // one kept is that close, all are ranked (rare: a tie among dozens)
      const last = ranked[RESOLVE_POOL - 1];
      if (last && ranked[0]!.score - last.score < this.semantic.margin) ranked = await this.rank(description, scope);
      const best = pickMatch(description, ranked, kind, this.semantic);
      return { path: best.path, score: Math.round(best.score * 1000) / 1000 };
    }
    const path = normalizePath(cwd, ref);
    if (opts.mustExist === false) return { path };
    const row = this.need(path);
    if (opts.kind === 'dir' && row.kind !== 'dir') throw new NlshError('fs.notDir', `${path} is not a directory`, { hint: 'give a directory' });
    if (opts.kind === 'file' && row.kind !== 'file') throw new NlshError('fs.isDir', `${path} is a directory`, { hint: 'give a file' });
    return { path };
  }

  private existsLiteral(cwd: string, p: string): boolean {
    try {
      return this.store.get(normalizePath(cwd, p)) !== undefined;
    } catch {
      return false;
    }
  }

  async ls(path: string, opts: { similarTo?: string; limit?: number } = {}): Promise<Entry[]> {
    const row = this.need(path);
    if (row.kind === 'file') return [this.entry(row)];
    if (opts.similarTo !== undefined) {
      const limit = opts.limit;
      const ranked = await this.rank(opts.similarTo, { dir: path, children: true, ...(limit !== undefined ? { limit } : {}) });
      // best first by exact score, ties in name order (the ranking's own order); children the
      // ranking does not hold (no vector: empty or not text) score 0 and come last
      if (limit !== undefined && ranked.length >= limit) {
        // only the kept rows are read (reading all of a big directory's rows cost more than ranking them)
        return ranked.flatMap((m) => {
          const r = this.store.get(m.path); // removed meanwhile: skipped
          return r ? [{ ...this.entry(r), score: round(m.score) }] : [];
        });
      }
      const scores = new Map(ranked.map((m) => [m.path, m.score]));
      const all = this.store
        .children(path)
        .map((r) => ({ e: this.entry(r), score: scores.get(r.path) ?? 0 }))
        .sort((a, b) => b.score - a.score)
        .map(({ e, score }) => ({ ...e, score: round(score) }));
      return limit !== undefined ? all.slice(0, limit) : all;
    }
    const entries = this.store.children(path).map((r) => this.entry(r));
    return opts.limit !== undefined ? entries.slice(0, opts.limit) : entries;
  }

  async grepMeaning(
    query: string,
    path: string,
    opts: { limit?: number; threshold?: number; before?: number; after?: number } = {},
  ): Promise<GrepHit[]> {
    this.need(path);
    this.othersWrote();
    const limit = opts.limit ?? 10;
    const hits = await searchChunks(this.store, this.index, this.deps.embedder, query, {
      limit,
      dir: path,
      alpha: this.deps.alpha ?? DEFAULT_ALPHA,
      neighbours: this.wordNeighbours(),
      pages: this.pages(),
    });
    return hits
      .filter((h) => opts.threshold === undefined || round(h.score) >= opts.threshold)
      .map((h) => {
        const hit: GrepHit = { path: h.path, line: h.line, score: round(h.score), text: h.text };
        if (opts.before || opts.after) hit.context = this.contextLines(h.path, h.line, h.endLine, opts.before ?? 0, opts.after ?? 0);
        return hit;
      });
  }

  private contextLines(path: string, start: number, end: number, before: number, after: number): { line: number; text: string }[] {
    const lines = (this.store.content(path) ?? '').split('\n');
    const out: { line: number; text: string }[] = [];
    for (let n = Math.max(1, start - before); n <= Math.min(lines.length, end + after); n++) {
      if (n < start || n > end) out.push({ line: n, text: lines[n - 1]! });
    }
    return out;
  }

  async find(query: string, path: string, opts: { limit?: number; kind?: InodeKind } = {}): Promise<Entry[]> {
    const root = this.need(path);
    // one more than asked: a file given as the root is ranked among all and left out
    const ranked = (await this.rank(query, { dir: root.kind === 'dir' ? path : '/', limit: (opts.limit ?? 10) + 1, ...(opts.kind ? { kind: opts.kind } : {}) })).filter((m) => m.path !== path);
    return ranked.slice(0, opts.limit ?? 10).flatMap((m) => {
      const row = this.store.get(m.path); // removed meanwhile: skipped
      return row ? [{ ...this.entry(row), score: round(m.score) }] : [];
    });
  }

  async search(query: string, path: string, opts: { limit?: number } = {}): Promise<GrepHit[]> {
    const root = this.need(path);
    const ranked = await this.rank(query, { dir: root.kind === 'dir' ? path : '/', kind: 'file', limit: opts.limit ?? 10, passages: true });
    return ranked.map((m) => ({ path: m.path, line: m.best?.line ?? 1, score: round(m.score), text: m.best?.text ?? '' }));
  }

  /** Query expansion's word table (shared by the file and chunk rankings), built on first use. */
  private wordNeighbours(): WordNeighbours {
    return (this.neighbours ??= new WordNeighbours(this.store.db, this.deps.embedder, this.deps.indexDir && join(this.deps.indexDir, 'vfs-expansion.bin')));
  }

  /** Page topics (page-topics.ts), shared by the file ranking and grep meaning; the vectors are read on first use. */
  private pageTopics(): PageTopics {
    return (this.topics ??= new PageTopics(this.store, shippedTopics(), (g) => this.dirs.changedSince(g)));
  }

  /** Whole-file bm25 (file-bm25.ts), shared by the file ranking and grep meaning's page signal. */
  private pages(): PageEvidence {
    this.fileBm25 ??= new FileBm25(this.store.db, this.store.lexical, (g) => this.dirs.changedSince(g));
    return { bm25: this.fileBm25, generation: this.dirs.generation, topics: this.pageTopics() };
  }

  /** The one ranking of files and directories by meaning (rank-files.ts). */
  private rank(query: string, opts: RankOptions): ReturnType<typeof rankPaths> {
    this.othersWrote();
    const { store, index, dirs } = this;
    return rankPaths({ store, index, dirs, embedder: this.deps.embedder, neighbours: this.wordNeighbours(), fileBm25: this.pages().bm25, topics: this.pageTopics() }, query, opts);
  }

  async mount(hostDir: string, at: string, opts: { signal?: AbortSignal; progress?: ProgressFn; allowHardLinks?: boolean } = {}): Promise<MountReport> {
    const report = await importHost(
      {
        store: this.store,
        writer: this.writer,
        clock: this.deps.clock,
        allowedRoots: this.deps.allowedRoots,
        mkdirp: async (p) => void (await this.mkdir(p, { parents: true })),
        remove: (p) => this.removeTree(p),
      },
      hostDir,
      at,
      { signal: opts.signal, progress: opts.progress ?? this.deps.events?.progress, allowHardLinks: opts.allowHardLinks ?? this.deps.allowHardLinks },
    ).finally(() => this.index.maybeSave(true));
    return report;
  }

  async export(path: string, hostDir: string, opts: { signal?: AbortSignal; progress?: ProgressFn } = {}): Promise<{ files: number; bytes: number }> {
    return exportTree(this.store, this.deps.allowedRoots, path, hostDir, opts);
  }

  /** Ranks chunks in a chosen mode (hybrid, vector, lexical); for benchmarks and tests comparing modes. */
  async searchChunks(query: string, opts: SearchOptions): Promise<ChunkHit[]> {
    this.othersWrote();
    return searchChunks(this.store, this.index, this.deps.embedder, query, { alpha: this.deps.alpha ?? DEFAULT_ALPHA, neighbours: this.wordNeighbours(), pages: this.pages(), ...opts });
  }

  /** The vector index (benchmarks compare its approximate search with exact search). */
  get vectorIndex(): VectorIndex {
    return this.index;
  }

  /** Mounts that were interrupted (Ctrl-C or a crash) and can be resumed by mounting again. */
  pendingMounts(): { host: string; at: string }[] {
    return this.store.db.prepare("SELECT host, at FROM vfs_mounts WHERE state <> 'done' ORDER BY started").all() as {
      host: string;
      at: string;
    }[];
  }

  stats(): VfsStats {
    const c = this.store.counts();
    return {
      inodes: c.inodes,
      chunks: c.chunks,
      vectorsInIndex: this.index.size,
      deletedInIndex: this.index.deleted,
      indexCapacity: this.index.capacity,
      cacheEntries: (this.store.db.prepare('SELECT count(DISTINCT hash) AS n FROM vfs_chunks').get() as { n: number }).n,
      cacheHits: this.counters.hits,
      cacheMisses: this.counters.misses,
      ramHits: this.index.ram.hits,
      ramMisses: this.index.ram.misses,
      ramSwaps: this.index.ram.swaps,
      embedder: this.deps.embedder.id,
      dim: this.deps.embedder.dim,
    };
  }

  close(): void {
    this.index.maybeSave(true);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Opens VectorFS on db (creating the schema and standard tree at first boot, re-embedding after an embedder switch, loading or rebuilding the index); fails with sys.db* or embed.* errors. */
export async function openVectorFS(deps: VectorFSDeps): Promise<OpenVectorFS> {
  const store = new VfsStore(deps.db);
  const { embedder } = deps;
  const stored = store.meta('hnsw');
  const old = stored ? (JSON.parse(stored) as Partial<HnswParams> & { efChosen?: boolean }) : {};
  // M and efConstruction describe the built graph and stay as stored; ef is a query-time setting,
  // kept only when it was chosen (deps.hnsw.ef), so a new default ef reaches existing homes
  const efChosen = deps.hnsw?.ef !== undefined || old.efChosen === true;
  const params: HnswParams = {
    M: deps.hnsw?.M ?? old.M ?? DEFAULT_HNSW.M,
    efConstruction: deps.hnsw?.efConstruction ?? old.efConstruction ?? DEFAULT_HNSW.efConstruction,
    ef: deps.hnsw?.ef ?? (old.efChosen ? old.ef : undefined) ?? DEFAULT_HNSW.ef,
  };
  store.setMeta('hnsw', JSON.stringify(efChosen ? { ...params, efChosen } : params));
  const prevEmbedder = store.meta('embedder');
  const prevDim = store.meta('dim');
  if (prevEmbedder === undefined) {
    store.setMeta('embedder', embedder.id);
    store.setMeta('dim', String(embedder.dim));
  } else if (prevEmbedder !== embedder.id || prevDim !== String(embedder.dim)) {
    const n = store.counts().chunks;
    deps.events?.notice?.(
      `VectorFS was indexed with ${prevEmbedder} (${prevDim}-d); re-embedding ${n} chunks with ${embedder.id} (${embedder.dim}-d)`,
    );
    await reembedAll(store, embedder, deps.events?.progress);
  }
  // nothing is read here: the index loads (or is rebuilt) when a search first needs it
  const index = VectorIndex.open(store, embedder.id, embedder.dim, params, deps.indexDir, {
    ...(deps.events?.progress ? { progress: deps.events.progress } : {}),
    ...(deps.events?.notice ? { notice: deps.events.notice } : {}),
  });
  const semantic = { ...DEFAULT_SEMANTIC, ...deps.semantic };
  const dirs = new DirectoryVectors(store, embedder.dim, semantic);
  const counters: EmbedCounters = { hits: 0, misses: 0 };
  const writer = new FileWriter(store, index, embedder, dirs, deps.clock, counters);
  if (!store.get('/')) {
    // First boot: the root and the standard tree appear together or not at all.
    const vectors = await Promise.all(STANDARD_TREE.map(([p, d]) => writer.embedOne(`${pathWords(baseName(p))} ${d}`)));
    const now = deps.clock.now();
    store.tx(() => {
      store.insert({
        path: '/', parent: '/', name: '', kind: 'dir', content: null, description: 'the root directory', metadata: null,
        hash: null, size: 0, mtime: now, vector: null,
      });
      STANDARD_TREE.forEach(([p, d], i) =>
        store.insert({
          path: p, parent: parentOf(p), name: baseName(p), kind: 'dir', content: null, description: d, metadata: null,
          hash: null, size: 0, mtime: now, vector: vectors[i]!,
        }),
      );
    });
  }
  return new VectorFSImpl(store, index, writer, dirs, deps, semantic, counters);
}

export type { InodeRow };
