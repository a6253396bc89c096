// Whole-file bm25 (file-bm25.ts): files scored as single documents, on an absolute scale, with
// the file's name as a field, fresh counts after the tree changes, and the head (first chunks)
// scored on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBm25, type FileTerm } from '../../src/vfs/file-bm25.js';
import { LayoutReader } from '../../src/vfs/file-layout.js';
import type { VfsStore } from '../../src/vfs/store.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
let generation = 0;
beforeAll(async () => {
  h = await tempHome();
  await h.vfs.mkdir('/d');
  await h.vfs.write('/d/both.txt', 'the compressor squeezes the archive');
  await h.vfs.write('/d/one.txt', 'an archive of old letters');
  await h.vfs.write('/d/other.txt', 'notes about the weather and the garden');
  await h.vfs.write('/d/compressor', 'settings');
});
afterAll(() => h.cleanup());

/** A FileBm25 over the home's own lexical index (private to VectorFS in TypeScript only). */
const fileBm25 = () => new FileBm25(h.db, (h.vfs as unknown as { store: VfsStore }).store.lexical);
/** Both fields' scores by path, those above 0 (FileBm25.byNumber read as Maps). */
function both(f: FileBm25, terms: readonly FileTerm[], generation: number, heads = true, whole = true): { file: Map<string, number>; head: Map<string, number> } {
  const s = f.byNumber(terms, generation, heads, whole);
  const file = new Map<string, number>();
  const head = new Map<string, number>();
  for (const i of s.touched) {
    if (s.file[i]! > 0) file.set(s.paths[i]!, s.file[i]!);
    if (s.head[i]! > 0) head.set(s.paths[i]!, s.head[i]!);
  }
  return { file, head };
}
const terms = (...words: string[]) => words.map((w) => ({ forms: [w], weight: 1 }));

describe('whole-file bm25', () => {
  it("reads the same layout with the lexical index's chunk lengths as with FTS5's sizes joined in, also for chunks written after the lengths were read", async () => {
    const lexical = (h.vfs as unknown as { store: VfsStore }).store.lexical;
    const same = (): void => {
      const fast = new LayoutReader(h.db, (ids) => lexical.chunkLengths(ids));
      const joined = new LayoutReader(h.db);
      expect(fast.read(1, true)).toEqual(joined.read(1, true));
      // the heads alone: read with every chunk, which costs no more from the indexes, and the same heads
      const heads = fast.read(1, false);
      expect(heads).toEqual(joined.read(1, true));
      const { headOf, headLength, headAvg, paths } = joined.read(1, false);
      expect(heads.headAvg).toBe(headAvg);
      expect(paths.map((p) => heads.headOf[heads.number.get(p)!])).toEqual(headOf);
      expect(paths.map((p) => heads.headLength[heads.number.get(p)!])).toEqual(Array.from(headLength));
    };
    same();
    await h.vfs.write('/d/later.txt', 'a file written after the lengths were read, with a few more words than most');
    same();
    await h.vfs.rm('/d/later.txt');
    same();
  });

  it('a file holding every query word outscores one holding some; files holding none are absent', () => {
    const s = both(fileBm25(), terms('compressor', 'archive'), generation, false).file;
    expect(s.get('/d/both.txt')!).toBeGreaterThan(s.get('/d/one.txt')!);
    expect(s.has('/d/other.txt')).toBe(false);
  });

  it('scores are absolute, in [0, 1), and do not depend on the other files of the result', () => {
    const s = both(fileBm25(), terms('compressor', 'archive'), generation, false).file;
    for (const v of s.values()) expect(v).toBeGreaterThan(0), expect(v).toBeLessThan(1);
    const alone = both(fileBm25(), terms('archive'), generation, false).file;
    expect(alone.get('/d/one.txt')).not.toBe(s.get('/d/one.txt'));
  });

  it('a word of the file name counts (the name as a field)', () => {
    const s = both(fileBm25(), terms('compressor'), generation, false).file;
    expect(s.get('/d/compressor')!).toBeGreaterThan(0);
  });

  it('a weaker term (an expansion) raises the files holding it, and only those', () => {
    const f = fileBm25();
    const base = both(f, terms('weather', 'archive'), generation, false).file;
    const more = both(f, [...terms('weather', 'archive'), { forms: ['garden'], weight: 0.3 }], generation, false).file;
    expect(more.get('/d/other.txt')!).toBeGreaterThan(base.get('/d/other.txt')!);
    expect(more.get('/d/one.txt')).toBe(base.get('/d/one.txt'));
  });

  it("the head field: a word in a long file's first lines scores there; the same word only deep in a long file does not", async () => {
    // ~600-character chunks: 40 paragraphs of filler make 20+ chunks
    const filler = Array.from({ length: 40 }, (_, i) => `paragraph ${i} says nothing of interest about anything at all, padding the page out to length.`).join('\n\n');
    await h.vfs.write('/d/early.txt', `quarantine of imported plants\n\n${filler}`);
    await h.vfs.write('/d/late.txt', `${filler}\n\nquarantine of imported plants`);
    const f = fileBm25();
    const g = ++generation;
    const head = both(f, terms('quarantine'), g).head;
    expect(head.get('/d/early.txt')!).toBeGreaterThan(0);
    expect(head.has('/d/late.txt')).toBe(false);
    // the whole-file score cannot tell them apart
    const whole = both(f, terms('quarantine'), g, false).file;
    expect(whole.get('/d/early.txt')).toBeCloseTo(whole.get('/d/late.txt')!, 6);
    // the heads alone (grep meaning reads them through schema v5's partial index) score the same
    const headsOnly = both(fileBm25(), terms('quarantine'), g, true, false);
    expect([...headsOnly.head]).toEqual([...head]);
    expect(headsOnly.file.size).toBe(0);
    expect(fileBm25().headChunks('/d/early.txt', g)).toHaveLength(2);
    await h.vfs.rm('/d/early.txt');
    await h.vfs.rm('/d/late.txt');
    generation++;
  });

  it('by file number: the same scores as by path, over one paths array kept while the tree is unchanged', () => {
    const f = fileBm25();
    const q = terms('compressor', 'archive', 'weather');
    const maps = both(f, q, generation);
    const arr = f.byNumber(q, generation);
    expect(arr.touched.length).toBeGreaterThan(2);
    const byPath = (field: 'file' | 'head') => new Map(arr.touched.filter((i) => arr[field][i]! > 0).map((i) => [arr.paths[i]!, arr[field][i]!]));
    expect(byPath('file')).toEqual(maps.file);
    expect(byPath('head')).toEqual(maps.head);
    arr.paths.forEach((_, i) => {
      if (!arr.touched.includes(i)) expect([arr.file[i], arr.head[i]]).toEqual([0, 0]);
    });
    expect(f.byNumber(terms('garden'), generation).paths).toBe(arr.paths);
  });

  it('after the tree changes (a new generation) a new file is counted', async () => {
    const f = fileBm25();
    expect(both(f, terms('zeppelin'), generation, false).file.size).toBe(0);
    await h.vfs.write('/d/air.txt', 'a zeppelin over the bay');
    expect(both(f, terms('zeppelin'), generation, false).file.size).toBe(0); // same generation: cached
    expect([...both(f, terms('zeppelin'), ++generation, false).file.keys()]).toEqual(['/d/air.txt']);
  });
});

describe('words in too many files', () => {
  it('are left out of a field (their idf still counts in the ideal), the same when met again, in either field', async () => {
    const home = await tempHome();
    try {
      await home.vfs.mkdir('/e');
      for (let i = 0; i < 120; i++) await home.vfs.write(`/e/f${i}.txt`, `${i % 3 === 0 ? 'ubiquitous' : 'plain'} note ${i}${i % 40 === 0 ? ' scarce' : ''}`);
      const lexical = (home.vfs as unknown as { store: VfsStore }).store.lexical;
      const q = terms('ubiquitous', 'scarce');
      const fresh = () => new FileBm25(home.db, lexical);
      const f = fresh();
      const first = both(f, q, 1);
      // 40 of 120 files hold "ubiquitous": more than a quarter, so it scores no file
      expect([...first.file.keys()].sort()).toEqual(['/e/f0.txt', '/e/f40.txt', '/e/f80.txt']);
      // ...but its idf is in the ideal: the same files score lower than for "scarce" alone
      expect(first.file.get('/e/f40.txt')!).toBeLessThan(both(f, terms('scarce'), 1).file.get('/e/f40.txt')!);
      for (const heads of [true, false, true]) expect(both(f, q, 1, heads)).toEqual(both(fresh(), q, 1, heads));
    } finally {
      home.cleanup();
    }
  });
});
