// Corpus-derived word associations (vfs layer): words that occur in the same chunks as a query
// word far more often than chance in THIS store (pointwise mutual information over chunks), so a
// corpus where bugs are bisected links "bug" with "bisect" although general word vectors do not.
// Computed lazily per word from the chunks holding it (a sample of them), cached until the tree
// changes (DirectoryVectors.generation). An option of the file ranking measured in
// bench/vfs-tune.mjs (RankOptions.expansion.assoc). Called by rank-files.ts via query-groups.ts.
import type { Db, Statement } from '../base/sqlite.js';
import type { VfsStore } from './store.js';

/** Chunks read per word (the first ones by id; enough to estimate co-occurrence). */
const SAMPLE = 200;
/** A word in more chunks than this is too general to associate from. */
const MAX_DOCS = 3_000;
/** A pair must co-occur in at least this many sampled chunks. */
const MIN_CO = 3;

export interface Association {
  word: string;
  /** PMI in nats (log of how much more often than chance they co-occur). */
  pmi: number;
  /** Sampled chunks holding both. */
  co: number;
}

export class CorpusAssociations {
  private readonly cache = new Map<string, Association[]>();
  private generation = -1;
  private readonly docs: Statement;

  constructor(
    db: Db,
    private readonly store: VfsStore,
  ) {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.vfs_fts_instance USING fts5vocab(main, vfs_fts, instance)');
    this.docs = db.prepare('SELECT DISTINCT doc FROM temp.vfs_fts_instance WHERE term = ? ORDER BY doc LIMIT ?').pluck();
  }

  /** Up to k words most associated with a (lowercase, indexed) word, PMI >= minPmi, best (co x PMI) first. */
  associated(word: string, k: number, generation: number, minPmi = 1): Association[] {
    if (generation !== this.generation) {
      this.cache.clear();
      this.generation = generation;
    }
    let list = this.cache.get(word);
    if (!list) this.cache.set(word, (list = this.compute(word)));
    return list.filter((a) => a.pmi >= minPmi).slice(0, k);
  }

  private compute(word: string): Association[] {
    const df = this.store.lexical.termDocs([word]).get(word) ?? 0;
    if (df < MIN_CO || df > MAX_DOCS) return [];
    const ids = this.docs.all(word, SAMPLE) as number[];
    const co = new Map<string, number>();
    for (const row of this.store.chunksOf(ids).values()) {
      for (const w of new Set(row.text.toLowerCase().match(/[a-z]{4,}/g) ?? [])) if (w !== word) co.set(w, (co.get(w) ?? 0) + 1);
    }
    const cands = [...co].filter(([, c]) => c >= MIN_CO).map(([w]) => w);
    const total = Math.max(1, this.store.lexical.ftsTotals().rows);
    const dfs = this.store.lexical.termDocs(cands);
    const out: Association[] = [];
    for (const w of cands) {
      const d = dfs.get(w) ?? 0;
      if (!d) continue;
      // P(w2 | word) estimated on the sample, against P(w2) in the whole store
      out.push({ word: w, co: co.get(w)!, pmi: Math.log((co.get(w)! / ids.length) / (d / total)) });
    }
    // ranked by co-occurrences x PMI (local mutual information): PMI alone favours words met by chance in a chunk or two
    return out.sort((a, b) => b.co * b.pmi - a.co * a.pmi || (a.word < b.word ? -1 : 1)).slice(0, 20);
  }
}
