// The lexical side of hybrid search: bm25 of the all-words query computed in JS equals FTS5's
// own bm25(); word counts are never stale after a write (ours or another connection's); chunks
// deleted behind the index's back are skipped and the next best takes their place.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/base/sqlite.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import type { VectorIndex } from '../../src/vfs/index-sync.js';
import { FileBm25 } from '../../src/vfs/file-bm25.js';
import { searchChunks } from '../../src/vfs/search.js';
import { bm25Any, bm25Postings, bm25Scores, ftsTokens, isPlainWord, occurrences } from '../../src/vfs/bm25.js';
import { VfsStore } from '../../src/vfs/store.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

const DOCS: [string, string][] = [
  ['a.txt', 'The kernel schedules processes. The kernel also frees memory when a process exits.'],
  ['b.txt', 'Memory is shared between processes by the kernel; a kernel page is never swapped.'],
  ['c.txt', 'kernel processes memory'],
  ['d.txt', 'A long note about gardening, tomatoes, compost and the weather in spring. '.repeat(6) + 'kernel memory processes'],
  ['e.txt', 'Only gardening here: tomatoes and compost.'],
];

async function withDocs(): Promise<{ h: TempHome; store: VfsStore }> {
  h = await tempHome();
  for (const [name, text] of DOCS) await h.vfs.write(`/apps/${name}`, text);
  return { h, store: new VfsStore(h.db) };
}

/** Writes /apps/NAME, one chunk of text, through a second connection to the home's database (as another nlsh would). */
function writeFromAnotherConnection(dir: string, name: string, text: string, chunkHash: string): void {
  const db2 = openDatabase({ file: `${dir}/nlsh.db` });
  try {
    const other = new VfsStore(db2);
    const inode = other.insert({
      path: `/apps/${name}`, parent: '/apps', name, kind: 'file', description: null, metadata: null,
      hash: 'h', size: text.length, mtime: 1, content: text, vector: null,
    });
    other.replaceChunks(inode, [{ seq: 0, startLine: 1, endLine: 1, text, hash: chunkHash, vector: new Float32Array(64) }]);
  } finally {
    db2.close();
  }
}

describe('lexical scoring', () => {
  it('tokenizes like FTS5 unicode61: letters and digits only, lowercased, diacritics removed', () => {
    expect(ftsTokens('Foo_bar, BAZ-9x  (qux)')).toEqual(['foo', 'bar', 'baz', '9x', 'qux']);
    expect(ftsTokens('Café naïve Ünïcode')).toEqual(['cafe', 'naive', 'unicode']);
    expect(isPlainWord('kernel')).toBe(true);
    expect(isPlainWord('foo_bar')).toBe(false);
    expect(isPlainWord('café')).toBe(false);
  });

  it('bm25 of the chunks holding every word equals FTS5 bm25() for the same AND query', async () => {
    const { h: home, store } = await withDocs();
    const words = ['kernel', 'memory', 'processes'];
    const expr = words.map((w) => `"${w}"`).join(' AND ');
    const ids = store.lexical.ftsIds(expr, 100)!;
    expect(ids.length).toBe(4); // not e.txt
    const mine = bm25Scores(store.lexical.ftsDocs(ids), words, store.lexical.termDocs(words), store.lexical.ftsTotals())!;
    const fts5 = home.db.prepare('SELECT rowid AS id, bm25(vfs_fts) AS bm25 FROM vfs_fts WHERE vfs_fts MATCH ?').all(expr) as {
      id: number;
      bm25: number;
    }[];
    expect(mine.length).toBe(fts5.length);
    for (const r of fts5) expect(mine.find((m) => m.id === r.id)!.bm25).toBeCloseTo(r.bm25, 12);
    expect(store.lexical.ftsTotals().rows).toBe(store.counts().chunks);
  });

  it('ftsAny (bm25 of an OR of words from cached postings) equals FTS5 ranking the same OR query, also after a write', async () => {
    const { h: home, store } = await withDocs();
    const words = ['kernel', 'gardening', 'swapped', 'compost'];
    const fts5 = () =>
      home.db
        .prepare('SELECT rowid AS id, bm25(vfs_fts) AS bm25 FROM vfs_fts WHERE vfs_fts MATCH ? ORDER BY bm25 LIMIT 3')
        .all(words.map((w) => `"${w}"`).join(' OR ')) as { id: number; bm25: number }[];
    const check = () => {
      const mine = store.lexical.ftsAny(words, 3);
      const theirs = fts5();
      expect(mine.map((m) => m.id)).toEqual(theirs.map((r) => r.id));
      mine.forEach((m, i) => expect(m.bm25).toBeCloseTo(theirs[i]!.bm25, 12));
    };
    check();
    check(); // from the cache
    const before = fts5().map((r) => r.id);
    writeFromAnotherConnection(home.dir, 'f.txt', 'compost compost gardening', 'hf');
    expect(fts5().map((r) => r.id)).not.toEqual(before); // the write changed the ranking
    await Promise.resolve(); // the next run of calls (a commit of another process comes in between two)
    check(); // another connection wrote: the cached postings and lengths are dropped (data_version)
    store.lexical.changed(); // as the store does after its own writes
    check();
  });

  it('bm25Any sums the same with small chunk ids (an array) and huge ones (a map), and forgets one query before the next', () => {
    const totals = { rows: 50, tokens: 600 };
    const post = (entries: [number, number, number][]) =>
      bm25Postings(new Map(entries.map(([id, n]) => [id, n])), new Map(entries.map(([id, , len]) => [id, len])), totals);
    const small = [post([[3, 2, 10], [7, 1, 12], [9, 1, 4]]), post([[7, 3, 12], [11, 1, 20]])];
    const huge = [post([[3 + 5e6, 2, 10], [7 + 5e6, 1, 12], [9 + 5e6, 1, 4]]), post([[7 + 5e6, 3, 12], [11 + 5e6, 1, 20]])];
    const a = bm25Any(small, [3, 2], totals.rows, 3);
    const b = bm25Any(huge, [3, 2], totals.rows, 3);
    expect(a.map((r) => r.id)).toEqual([7, 3, 9]);
    expect(b.map((r) => r.id - 5e6)).toEqual(a.map((r) => r.id));
    expect(b.map((r) => r.bm25)).toEqual(a.map((r) => r.bm25));
    // the next query starts from nothing: chunk 7 scores its one word alone
    const again = bm25Any([small[1]!], [2], totals.rows, 5);
    expect(again.map((r) => r.id).sort()).toEqual([11, 7]);
    expect(again.find((r) => r.id === 7)!.bm25).toBeCloseTo(-Math.log((50 - 2 + 0.5) / 2.5) * small[1]!.parts[0]!, 12);
  });

  it("each chunk's token count read in one pass equals FTS5's own, for counts of one, two and three varint bytes", async () => {
    const { h: home, store } = await withDocs();
    const db2 = openDatabase({ file: `${home.dir}/nlsh.db` });
    try {
      const other = new VfsStore(db2);
      const inode = other.insert({
        path: '/apps/long.txt', parent: '/apps', name: 'long.txt', kind: 'file', description: null, metadata: null,
        hash: 'h', size: 1, mtime: 1, content: 'x', vector: null,
      });
      const chunk = (seq: number, words: number) => ({ seq, startLine: seq + 1, endLine: seq + 1, text: 'word '.repeat(words), hash: `h${seq}`, vector: new Float32Array(64) });
      other.replaceChunks(inode, [chunk(0, 5), chunk(1, 300), chunk(2, 20_000)]);
    } finally {
      db2.close();
    }
    const sizes = home.db.prepare('SELECT id, sz FROM vfs_fts_docsize').all() as { id: number; sz: Buffer }[];
    const lengths = store.lexical.chunkLengths()!;
    const firstVarint = (b: Buffer): number => {
      let v = 0;
      for (const byte of b) {
        v = v * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) break;
      }
      return v;
    };
    expect(sizes.map((r) => r.sz.length >= 3 && r.sz[0]! & 0x80 && r.sz[1]! & 0x80).some(Boolean)).toBe(true); // a three-byte count is there
    for (const r of sizes) expect(lengths[r.id], `chunk ${r.id}`).toBe(firstVarint(r.sz));
    expect([...lengths]).toEqual(expect.arrayContaining([5, 300, 20_000]));
  });

  it('counts a word\'s occurrences per chunk from one chunk id per occurrence, in order or not', () => {
    expect(occurrences([2, 2, 5, 9, 9, 9])).toEqual([[2, 5, 9], [2, 1, 3]]);
    expect(occurrences([9, 2, 9, 5, 2])).toEqual([[2, 5, 9], [2, 1, 2]]);
    expect(occurrences([])).toEqual([[], []]);
  });

  it('allOf (the chunks holding every word, from cached postings) scores exactly as bm25Scores over their texts, and ranks as FTS5 an AND query', async () => {
    const { h: home, store } = await withDocs();
    const words = ['kernel', 'memory', 'processes'];
    const mine = store.lexical.allOf(words, 10)!.sort((a, b) => a.bm25 - b.bm25 || a.id - b.id);
    const ids = store.lexical.ftsIds(words.map((w) => `"${w}"`).join(' AND '), 10)!;
    expect(mine.map((r) => r.id).sort()).toEqual([...ids].sort());
    const fromTexts = bm25Scores(store.lexical.ftsDocs(ids), words, store.lexical.termDocs(words), store.lexical.ftsTotals())!;
    expect(mine).toEqual(fromTexts.sort((a, b) => a.bm25 - b.bm25 || a.id - b.id));
    const theirs = home.db
      .prepare('SELECT rowid AS id, bm25(vfs_fts) AS bm25 FROM vfs_fts WHERE vfs_fts MATCH ? ORDER BY bm25')
      .all(words.map((w) => `"${w}"`).join(' AND ')) as { id: number; bm25: number }[];
    expect(mine.map((r) => r.id)).toEqual(theirs.map((r) => r.id));
    mine.forEach((m, i) => expect(m.bm25).toBeCloseTo(theirs[i]!.bm25, 12));
    expect(store.lexical.allOf(words, mine.length - 1)).toBeUndefined(); // more than the cap
    expect(store.lexical.allOf(['kernel', 'zeppelin'], 10)).toEqual([]); // a word no chunk holds
    expect(store.lexical.allOf(['gardening', 'kernel'], 10)!.map((r) => r.id)).toHaveLength(1); // d.txt only
  });

  it('gives up (undefined) when its token count disagrees with FTS5, so FTS5 ranks instead', () => {
    const totals = { rows: 10, tokens: 100 };
    const df = new Map([['kernel', 2]]);
    expect(bm25Scores([{ id: 1, text: 'kernel panic', tokens: 2 }], ['kernel'], df, totals)).toHaveLength(1);
    expect(bm25Scores([{ id: 1, text: 'kernel panic', tokens: 3 }], ['kernel'], df, totals)).toBeUndefined();
    expect(bm25Scores([{ id: 1, text: 'panic', tokens: 1 }], ['kernel'], df, totals)).toBeUndefined();
  });

  it('ftsIds returns undefined past its cap, and only chunks below the directory', async () => {
    const { h: home, store } = await withDocs();
    await home.vfs.mkdir('/other');
    await home.vfs.write('/other/x.txt', 'kernel memory processes');
    expect(store.lexical.ftsIds('"kernel"', 2)).toBeUndefined();
    expect(store.lexical.ftsIds('"kernel" AND "memory"', 100, '/other')).toHaveLength(1);
    const hits = await home.vfs.searchChunks('kernel memory processes', { limit: 10, mode: 'lexical', dir: '/other' });
    expect(hits.map((x) => x.path)).toEqual(['/other/x.txt']);
  });
});

describe('word counts', () => {
  it('a word first searched while absent is found once a file containing it is written', async () => {
    const { h: home } = await withDocs();
    expect(await home.vfs.searchChunks('zorblax', { limit: 5, mode: 'lexical' })).toEqual([]);
    await home.vfs.write('/apps/new.txt', 'the zorblax module frobnicates');
    const hits = await home.vfs.searchChunks('zorblax', { limit: 5, mode: 'lexical' });
    expect(hits.map((x) => x.path)).toEqual(['/apps/new.txt']);
  });

  it("the store's own writes and deletes change the counts at once", async () => {
    h = await tempHome();
    const store = new VfsStore(h.db);
    const file = (path: string): number =>
      store.insert({ path, parent: '/apps', name: path.slice(6), kind: 'file', description: null, metadata: null, hash: path, size: 1, mtime: 1, content: 'x', vector: null });
    const chunk = (text: string) => ({ seq: 0, startLine: 1, endLine: 1, text, hash: text, vector: new Float32Array(64) });
    expect(store.lexical.termDocs(['zorblax']).get('zorblax')).toBeUndefined();
    const a = file('/apps/a.txt');
    store.replaceChunks(a, [chunk('zorblax one')]);
    expect(store.lexical.termDocs(['zorblax']).get('zorblax')).toBe(1);
    store.replaceChunks(file('/apps/b.txt'), [chunk('zorblax two')]);
    expect(store.lexical.termDocs(['zorblax']).get('zorblax')).toBe(2);
    store.replaceChunks(a, [chunk('something else')]);
    expect(store.lexical.termDocs(['zorblax']).get('zorblax')).toBe(1);
    store.deleteSubtree('/apps/b.txt');
    expect(store.lexical.termDocs(['zorblax']).get('zorblax')).toBeUndefined();
    expect(store.chunkCount).toBe(store.counts().chunks);
  });

  it("another connection's commit invalidates the cached counts and the chunk total, from the next run of calls on", async () => {
    const { h: home, store } = await withDocs();
    expect(store.lexical.termDocs(['quuxword']).size).toBe(0);
    const before = store.chunkCount;
    writeFromAnotherConnection(home.dir, 'q.txt', 'quuxword', 'hq');
    // within one synchronous run (one ranking) the counts stay those it started with...
    expect(store.lexical.termDocs(['quuxword']).size).toBe(0);
    await Promise.resolve(); // ...the next run (the next command, another process's commit having come in between) looks again
    expect(store.lexical.termDocs(['quuxword']).get('quuxword')).toBe(1);
    expect(store.chunkCount).toBe(before + 1);
  });
});

describe('holders (where a word is, for coverage)', () => {
  it('are the chunks holding the word, ascending, the same as its postings, and follow writes, deletes and other connections', async () => {
    const { h: home } = await withDocs();
    const store = (home.vfs as unknown as { store: VfsStore }).store; // the store the writes go through (private in TypeScript only)
    const chunksWith = (word: string): number[] =>
      (home.db.prepare('SELECT rowid FROM vfs_fts WHERE vfs_fts MATCH ? ORDER BY rowid').pluck().all(`"${word}"`) as number[]);
    // read as ids alone, then from the postings once bm25 has read them
    expect(Array.from(store.lexical.holders('gardening'))).toEqual(chunksWith('gardening'));
    expect(chunksWith('gardening').length).toBe(2);
    expect(Array.from(store.lexical.holders('kernel'))).toEqual(chunksWith('kernel'));
    store.lexical.chunkCounts('kernel');
    expect(Array.from(store.lexical.holders('kernel'))).toEqual(chunksWith('kernel'));
    expect(store.lexical.holders('zorblax').length).toBe(0);
    await home.vfs.write('/apps/f.txt', 'gardening and zorblax');
    expect(Array.from(store.lexical.holders('gardening'))).toEqual(chunksWith('gardening'));
    expect(chunksWith('gardening').length).toBe(3);
    expect(store.lexical.holders('zorblax').length).toBe(1);
    await home.vfs.rm('/apps/e.txt');
    expect(Array.from(store.lexical.holders('gardening'))).toEqual(chunksWith('gardening'));
    writeFromAnotherConnection(home.dir, 'g.txt', 'gardening again', 'hg');
    await Promise.resolve(); // the next run of calls sees the other connection's commit
    expect(Array.from(store.lexical.holders('gardening'))).toEqual(chunksWith('gardening'));
    expect(chunksWith('gardening').length).toBe(3);
  });
});

describe('deleted chunks', () => {
  it('that the vector index still returns are skipped, and the next best fill the limit', async () => {
    const { store } = await withDocs();
    const ids = store.allChunkIds();
    const rows = store.chunksOf(ids);
    const gone = ids[0]!;
    store.deleteSubtree(rows.get(gone)!.path); // behind the index's back, as after a crash between the two
    // an index that still has the deleted chunk, ranked first
    const stale = { search: () => ids.map((id, i) => ({ label: id, score: 1 - i / 10 })) } as unknown as VectorIndex;
    const embedder = createHashEmbedder(64);
    const pages = { bm25: new FileBm25(store.db, store.lexical), generation: 0 };
    const vector = await searchChunks(store, stale, embedder, 'kernel memory processes', { limit: 3, mode: 'vector', pages });
    expect(vector.map((x) => x.id)).toEqual(ids.slice(1, 4));
    const hybrid = await searchChunks(store, stale, embedder, 'kernel memory processes', { limit: 3, mode: 'hybrid', pages });
    expect(hybrid.length).toBe(3);
    expect(hybrid.some((x) => x.id === gone)).toBe(false);
    expect(store.vectorsOf([gone, ids[1]!]).size).toBe(1);
    // long id lists are split into several queries; ids that do not exist are left out
    const many = [...Array.from({ length: 600 }, (_, i) => 100_000 + i), ...ids];
    expect([...store.vectorsOf(many).keys()].sort((x, y) => x - y)).toEqual(ids.slice(1));
    expect(store.chunksOf(many).size).toBe(ids.length - 1);
    expect(store.lexical.ftsDocs(many).map((d) => d.id).sort((x, y) => x - y)).toEqual(ids.slice(1));
    expect([...store.chunksOf([gone, ids[1]!]).keys()]).toEqual([ids[1]]);
  });
});
