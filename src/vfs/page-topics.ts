// The topic signal of the file ranking (vfs layer): rank-files.ts re-ranks its best files by the
// cosine between the query's topic vector and each page's (topic.ts). A page's topic vector is
// made from its name and first chunks when a query first needs it, and kept until the page
// changes; a query reads at most RERANK pages' heads, so the cost does not grow with the store.
import type { VfsStore } from './store.js';
import type { TopicSpace } from './topic.js';

/**
 * How many of the best files (by the other signals) a query re-ranks by topic: on the tuning sets
 * 40 did as well as 100 or every file (bench/vfs-docvec.mjs --pool; 20 lost a known item), and
 * each page read for its topic costs (a first query at ~100k chunks: +5 ms with 100).
 */
export const RERANK = 40;
/** At most this many files are re-ranked, ties with the RERANK-th included. */
const MAX_TIED = 10 * RERANK;

export class PageTopics {
  private generation = -1;
  /** path -> topic vector (null: none of its words is known) */
  private readonly cache = new Map<string, Float32Array | null>();

  constructor(
    private readonly store: VfsStore,
    readonly space: TopicSpace,
    /** The files changed since a generation (DirectoryVectors.changedSince): only theirs are forgotten; undefined: all are. */
    private readonly changedSince?: (generation: number) => ReadonlySet<string> | undefined,
  ) {}

  /** The topic vectors of the files (by path; absent: unknown words only, or no such file), for the tree's generation. */
  of(paths: readonly string[], generation: number): Map<string, Float32Array> {
    if (generation !== this.generation) {
      const changed = this.generation < generation ? this.changedSince?.(this.generation) : undefined;
      if (changed) for (const p of changed) this.cache.delete(p);
      else this.cache.clear();
      this.generation = generation;
    }
    const missing = paths.filter((p) => !this.cache.has(p));
    if (missing.length) {
      const texts = this.store.headTexts(missing);
      for (const p of missing) {
        const text = texts.get(p);
        this.cache.set(p, text === undefined ? null : (this.space.page(p.slice(p.lastIndexOf('/') + 1), text) ?? null));
      }
    }
    const out = new Map<string, Float32Array>();
    for (const p of paths) {
      const v = this.cache.get(p);
      if (v) out.set(p, v);
    }
    return out;
  }

  /**
   * Re-ranks files in place: the best RERANK of `files` (numbers into `paths`, by `score`; and
   * any tied with the last of them) get
   * (score + weight x topic cosine) / (1 + weight), every other file score / (1 + weight), so
   * scores stay in [0,1] and no file outside the best overtakes one inside.
   */
  rerank(query: string, files: readonly number[], paths: readonly string[], score: Float64Array, weight: number, generation: number, best: (k: number) => number[]): void {
    const scale = 1 / (1 + weight);
    for (const i of files) score[i] = score[i]! * scale;
    const q = this.space.query(query);
    if (!q) return;
    const top = best(RERANK);
    // files tied with the last one are re-ranked too, so equal files stay equal (up to
    // MAX_TIED of them, and not at 0: a query that meets little would read every page)
    if (top.length === RERANK && score[top[RERANK - 1]!]! > 0) {
      const cut = score[top[RERANK - 1]!]!;
      const taken = new Set(top);
      for (const i of files) if (score[i] === cut && !taken.has(i) && top.length < MAX_TIED) top.push(i);
    }
    const topics = this.of(top.map((i) => paths[i]!), generation);
    const dim = this.space.dim;
    for (const i of top) {
      const v = topics.get(paths[i]!);
      if (!v) continue;
      let c = 0;
      for (let d = 0; d < dim; d++) c += q[d]! * v[d]!;
      score[i] = score[i]! + weight * Math.max(0, c) * scale;
    }
  }
}
