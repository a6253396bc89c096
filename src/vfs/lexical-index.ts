// The lexical side of VectorFS search (vfs layer): FTS5 matching, and the statistics bm25
// needs (how many chunks hold a word, FTS5's row and token totals, each chunk's token count),
// read from FTS5's own tables. Word counts are cached and exact: the store calls changed()
// after each of its writes, and a commit by another connection (PRAGMA data_version, looked at
// once per synchronous run of calls: once per ranking) clears them too. Owned by store.ts;
// called by search.ts.
import type { Db, Statement } from '../base/sqlite.js';
import { bm25Any, bm25Postings, ftsIdf, ftsTokens, indexOf, isPlainWord, occurrences, withTotals, type Bm25Doc, type Bm25Postings, type FtsTotals } from './bm25.js';
import { ChunkLengths, varints } from './chunk-lengths.js';
import type { InLists } from './in-list.js';
import { subtreeWhere } from './sql-where.js';
import { WordCache } from './word-cache.js';
import { stem, stemPrefix } from './stem.js';

/** At most this many vocabulary words sharing a query word's prefix are read to find its forms. */
const PREFIX_SCAN = 400;

/**
 * Postings (chunk, occurrences) kept in the cache at most, over all its words; beyond, it is
 * emptied. 12 bytes each (~18 MB): grep meaning ORs the forms of every query word, and at ~300k
 * chunks 400k postings were emptied every few queries.
 */
const POSTINGS_CACHED = 1_500_000;

/**
 * Chunk ids kept in the cache of words read only for where they are (holders()) at most, over all
 * its words (4 bytes each: 16 MB); beyond, it is emptied. The file ranking's coverage asks where
 * the query's word-vector neighbours and lexicon words are, which are often common words.
 */
const HOLDERS_CACHED = 4_000_000;

/** Written text (added and removed) up to this many characters is tokenised to forget only its words' counts; more forgets all. */
const MAX_TARGETED_TEXT = 1_000_000;

const DOCS = 'SELECT c.id, c.text, d.sz FROM vfs_chunks c JOIN vfs_fts_docsize d ON d.id = c.id WHERE c.id';
export class LexicalIndex {
  private readonly st: Record<
    'vocab' | 'prefix' | 'ftsRoot' | 'ftsUnder' | 'ftsIdsRoot' | 'ftsIdsUnder' | 'totals' | 'dataVersion' | 'postings' | 'counts',
    Statement
  >;
  /** Document frequency of words, exact: cleared on every write (ours, or another connection's). */
  private readonly dfCache = new Map<string, number>();
  /** The indexed forms of query words (same stem), cleared with dfCache. */
  private readonly formCache = new Map<string, string[]>();
  /** Per word: the chunks holding it and how often (from FTS5's instance vocabulary), cleared with dfCache. */
  private readonly postingCache = new WordCache<Bm25Postings>(POSTINGS_CACHED, (p) => p.ids.length);
  /** Per word not in postingCache: the chunks holding it (holders()), cleared with dfCache. */
  private readonly holderCache = new WordCache<Int32Array>(HOLDERS_CACHED, (h) => h.length);
  /** Each chunk's token count by id (chunk-lengths.ts): joining FTS5's sizes into every postings read cost as much again as the read itself. */
  private readonly lengths: ChunkLengths;
  private totals: FtsTotals | undefined;
  private dataVersion: number;
  /** Whether data_version was read in the current synchronous run (termDocs). */
  private versionChecked = false;

  constructor(db: Db, private readonly inLists: InLists) {
    // FTS5's word instances, in the connection's temp schema (nothing is stored in the file)
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.vfs_fts_instance USING fts5vocab(main, vfs_fts, instance)');
    const under = subtreeWhere('i.path', '/x')[0];
    this.st = {
      vocab: db.prepare('SELECT doc FROM vfs_fts_vocab WHERE term = ?'),
      prefix: db.prepare('SELECT term, doc FROM vfs_fts_vocab WHERE term >= ? AND term < ? LIMIT ?'),
      ftsRoot: db.prepare('SELECT rowid AS id, bm25(vfs_fts) AS bm25 FROM vfs_fts WHERE vfs_fts MATCH ? ORDER BY bm25 LIMIT ?'),
      ftsUnder: db.prepare(
        `SELECT f.rowid AS id, bm25(vfs_fts) AS bm25 FROM vfs_fts f JOIN vfs_chunks c ON c.id = f.rowid
         JOIN vfs_inodes i ON i.id = c.inode WHERE vfs_fts MATCH ? AND ${under} ORDER BY bm25 LIMIT ?`,
      ),
      ftsIdsRoot: db.prepare('SELECT rowid FROM vfs_fts WHERE vfs_fts MATCH ? LIMIT ?').pluck(),
      ftsIdsUnder: db
        .prepare(
          `SELECT f.rowid FROM vfs_fts f JOIN vfs_chunks c ON c.id = f.rowid
           JOIN vfs_inodes i ON i.id = c.inode WHERE vfs_fts MATCH ? AND ${under} LIMIT ?`,
        )
        .pluck(),
      // FTS5's averages record: varints (rows, then tokens per column); see SQLite's fts5Int.h.
      totals: db.prepare('SELECT block FROM vfs_fts_data WHERE id = 1').pluck(),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      // a word's postings with each chunk's token count, in one statement (an IN list of the
      // chunks afterwards cost a quarter more: binding and sorting it)
      postings: db
        .prepare('SELECT x.doc, x.n, d.sz FROM (SELECT doc, count(*) AS n FROM temp.vfs_fts_instance WHERE term = ? GROUP BY doc) x JOIN vfs_fts_docsize d ON d.id = x.doc')
        .raw(),
      // the same without the sizes (taken from `lengths`): one chunk id per occurrence, in id
      // order, counted here (grouping in SQL and a row array per chunk cost twice as much)
      counts: db.prepare('SELECT doc FROM temp.vfs_fts_instance WHERE term = ?').pluck(),
    };
    this.dataVersion = this.st.dataVersion.get() as number;
    this.lengths = new ChunkLengths(db, inLists, () => this.totalsNow().rows);
  }

  /** Whether a write should name the text it added and removed (changed(texts)): only when some word's counts are cached. */
  wantsTexts(): boolean {
    return this.dfCache.size > 0 || this.postingCache.size > 0 || this.holderCache.size > 0;
  }

  /**
   * Forgets cached word counts after chunks were written or removed (the store calls it): those
   * of the words of `texts` (the chunks added and removed) when given, plain ASCII (tokenised
   * here exactly as FTS5 does) and not too long; all of them otherwise. Every other word's
   * postings stay, and get their bm25 parts again for the new totals when next read.
   */
  changed(texts?: readonly string[]): void {
    this.totals = undefined;
    this.formCache.clear(); // a new or removed word may be a form of a cached query word
    let size = 0;
    for (const t of texts ?? []) size += t.length;
    if (!texts || size > MAX_TARGETED_TEXT || texts.some((t) => !/^[\x00-\x7f]*$/.test(t))) {
      this.dfCache.clear();
      this.postingCache.clear();
      this.holderCache.clear();
      return;
    }
    for (const t of texts) {
      for (const w of ftsTokens(t)) {
        this.dfCache.delete(w);
        this.postingCache.delete(w);
        this.holderCache.delete(w);
      }
    }
  }

  /**
   * The same as fts() over '/' for an OR of plain words (`"a" OR "b" ...`, each word in the
   * index): FTS5's bm25 computed here from the words' cached postings, so a word met again costs
   * no scan of its doclist. Ties are broken by chunk id, as SQLite's sorter keeps FTS5's rowid order.
   */
  ftsAny(words: readonly string[], limit: number, docs?: readonly number[]): { id: number; bm25: number }[] {
    const df = this.termDocs(words);
    const postings = words.map((w) => this.postings(w));
    // docs: the document count each word's idf is computed from, when not its own (grep meaning
    // gives every form of a query word the count of the whole group, so a rare form is no bonus)
    return bm25Any(postings, words.map((w, i) => docs?.[i] ?? df.get(w) ?? 0), this.totalsNow().rows, limit);
  }

  /**
   * The chunks holding every one of the (plain, lowercase) words, with FTS5's bm25 of an AND of
   * them, from the words' cached postings: the same sums, in the same order, as bm25Scores
   * computes from the chunks' texts, without reading or tokenising a text. Any order; undefined
   * when more than `cap` chunks hold them all (FTS5 then ranks them itself).
   */
  allOf(words: readonly string[], cap: number): { id: number; bm25: number }[] | undefined {
    const df = this.termDocs(words);
    if (!words.length || words.some((w) => !df.has(w))) return []; // a word no chunk holds
    const postings = words.map((w) => this.postings(w));
    const rows = this.totalsNow().rows;
    const idf = words.map((w) => ftsIdf(rows, df.get(w)!));
    // the shortest list's chunks, looked up in the others (ids ascending: a binary search each)
    const shortest = postings.reduce((a, b) => (b.ids.length < a.ids.length ? b : a));
    const at = new Array<number>(words.length);
    const out: { id: number; bm25: number }[] = [];
    for (const id of shortest.ids) {
      let all = true;
      for (let i = 0; i < postings.length && all; i++) all = (at[i] = indexOf(postings[i]!.ids, id)) >= 0;
      if (!all) continue;
      if (out.length === cap) return undefined;
      let score = 0;
      for (let i = 0; i < postings.length; i++) score += idf[i]! * postings[i]!.parts[at[i]!]!;
      out.push({ id, bm25: -1.0 * score });
    }
    return out;
  }

  /** The words in at most maxDocs chunks (a word in more costs a long postings read and tells little). */
  rare(words: Iterable<string>, maxDocs: number): string[] {
    const docs = this.termDocs([...words]);
    return [...docs].filter(([, d]) => d <= maxDocs).map(([w]) => w);
  }

  /** A word's chunks and its occurrences in each (the cached postings; file-bm25.ts sums them per file). */
  chunkCounts(word: string): { ids: Int32Array; counts: Int32Array } {
    this.termDocs([]); // drops stale caches when another connection committed
    return this.postings(word);
  }

  /**
   * The chunks holding a word, ids ascending: its cached postings' when it has them, else read
   * (and cached) as ids alone, without what bm25 needs. For words whose counts nothing scores.
   */
  holders(word: string): Int32Array {
    this.termDocs([]); // drops stale caches when another connection committed
    const p = this.postingCache.get(word);
    if (p) return p.ids;
    let h = this.holderCache.get(word);
    if (!h) {
      // a plain word's chunks from FTS5's own match (its doclist without the positions: two to
      // three times faster than one row per occurrence), any other word's as its postings are read
      h = isPlainWord(word)
        ? Int32Array.from(this.st.ftsIdsRoot.all(`"${word}"`, -1) as number[]).sort()
        : Int32Array.from(occurrences(this.st.counts.all(word) as number[])[0]);
      this.holderCache.set(word, h);
    }
    return h;
  }

  // callers check for another connection's commit first (termDocs), as it empties this cache
  private postings(word: string): Bm25Postings {
    let p = this.postingCache.get(word);
    if (p) {
      const t = this.totalsNow();
      if (p.avgdl !== t.tokens / t.rows) this.postingCache.set(word, (p = withTotals(p, t)));
    } else {
      const [docs, counts] = occurrences(this.st.counts.all(word) as number[]);
      const known = this.chunkLengths(docs);
      if (known) {
        // a chunk without a size (none in practice) is left out, as the join below leaves it
        const kept = docs.filter((d) => known[d]! >= 0).length;
        const ids = new Int32Array(kept);
        const ns = new Int32Array(kept);
        const lengths = new Int32Array(kept);
        for (let k = 0, j = 0; k < docs.length; k++) {
          const d = docs[k]!;
          if (!(known[d]! >= 0)) continue;
          (ids[j] = d), (ns[j] = counts[k]!), (lengths[j++] = known[d]!);
        }
        p = withTotals({ ids, counts: ns, lengths, parts: new Float64Array(0), avgdl: NaN }, this.totalsNow());
      } else {
        const byDoc = new Map<number, number>();
        const lengths = new Map<number, number>();
        for (const [doc, n, sz] of this.st.postings.all(word) as [number, number, Buffer][]) {
          byDoc.set(doc, n);
          lengths.set(doc, varints(sz, 1)[0]!);
        }
        p = bm25Postings(byDoc, lengths, this.totalsNow());
      }
      this.postingCache.set(word, p);
    }
    return p;
  }

  /** Every chunk's token count by id, with those of `ids` known; undefined when the ids are too sparse for an array (ChunkLengths.of). */
  chunkLengths(ids: readonly number[] = []): Int32Array | undefined {
    return this.lengths.of(ids);
  }

  /** bm25-ranked chunk ids for an FTS5 match expression, best first (bm25: lower is better). */
  fts(match: string, limit: number, dir = '/'): { id: number; bm25: number }[] {
    if (dir === '/') return this.st.ftsRoot.all(match, limit) as { id: number; bm25: number }[];
    return this.st.ftsUnder.all(match, ...subtreeWhere('i.path', dir)[1], limit) as { id: number; bm25: number }[];
  }

  /** Ids of the chunks (below dir) matching an FTS5 expression, unranked; undefined when there are more than `cap`. */
  ftsIds(match: string, cap: number, dir = '/'): number[] | undefined {
    const ids = (
      dir === '/' ? this.st.ftsIdsRoot.all(match, cap + 1) : this.st.ftsIdsUnder.all(match, ...subtreeWhere('i.path', dir)[1], cap + 1)
    ) as number[];
    return ids.length > cap ? undefined : ids;
  }

  /** Text and FTS5 token count of the given chunks (those that still exist), for scoring them. */
  ftsDocs(ids: readonly number[]): Bm25Doc[] {
    if (!ids.length) return [];
    const rows = this.inLists.all(DOCS, ids) as { id: number; text: string; sz: Buffer }[];
    return rows.map((r) => ({ id: r.id, text: r.text, tokens: varints(r.sz, 1)[0]! }));
  }

  /** FTS5's row and token totals (what its bm25 uses for the average chunk length; cached until a write). */
  ftsTotals(): FtsTotals {
    this.termDocs([]); // drops stale caches when another connection committed
    return this.totalsNow();
  }

  /** ftsTotals() without the check for another connection's commit (the caller made it). */
  private totalsNow(): FtsTotals {
    if (this.totals) return this.totals;
    const block = this.st.totals.get() as Buffer | undefined;
    if (!block) return { rows: 0, tokens: 0 };
    const [rows, tokens] = varints(block, 2);
    return (this.totals = { rows: rows ?? 0, tokens: tokens ?? 0 });
  }

  /** How many chunks contain each of the given (lowercase) words (cached until the next write); absent words are left out. */
  termDocs(words: readonly string[]): Map<string, number> {
    // another connection's commit is looked for once per synchronous run of calls (a ranking
    // made ~40 of these reads, and without them grep meaning takes about half as long at ~100k
    // chunks); the flag drops at the next microtask, so the next command, or the rest of an
    // awaiting one, looks again
    if (!this.versionChecked) {
      this.versionChecked = true;
      queueMicrotask(() => (this.versionChecked = false));
      const version = this.st.dataVersion.get() as number;
      if (version !== this.dataVersion) {
        // another connection committed: our counts may be stale
        this.dataVersion = version;
        this.changed();
      }
    }
    const out = new Map<string, number>();
    for (const w of words) {
      let n = this.dfCache.get(w);
      if (n === undefined) {
        n = (this.st.vocab.get(w) as { doc: number } | undefined)?.doc ?? 0;
        this.dfCache.set(w, n);
      }
      if (n > 0) out.set(w, n);
    }
    return out;
  }

  /**
   * The words of the index that are forms of a (lowercase) word: the same stem (stem.ts),
   * the word itself first when indexed, then by how many chunks hold them; at most `max`.
   */
  forms(word: string, max = 6): string[] {
    this.termDocs([]); // drops stale caches when another connection committed
    const cached = this.formCache.get(word);
    if (cached) return cached;
    const s = stem(word);
    const prefix = stemPrefix(s);
    let out: string[];
    if (prefix.length < 3 || s === word && word.length <= 3) out = this.termDocs([word]).has(word) ? [word] : [];
    else {
      const rows = this.st.prefix.all(prefix, prefix + '\uffff', PREFIX_SCAN) as { term: string; doc: number }[];
      out = rows
        .filter((r) => r.term === word || stem(r.term) === s)
        .sort((a, b) => Number(b.term === word) - Number(a.term === word) || b.doc - a.doc || (a.term < b.term ? -1 : 1))
        .slice(0, max)
        .map((r) => r.term);
    }
    this.formCache.set(word, out);
    return out;
  }
}
