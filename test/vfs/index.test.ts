// The vector index is a cache: stamped, caught up after an unclean stop, rebuilt when missing,
// corrupt or built by another embedder; an embedder switch re-embeds and never mixes vectors.
import { readdirSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { DEFAULT_HNSW, HnswIndex } from '../../src/vfs/hnsw.js';
import { embedQuery } from '../../src/vfs/search.js';
import { VfsStore } from '../../src/vfs/store.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeEach(async () => {
  h = await tempHome();
});
afterEach(() => h.cleanup());

const indexFiles = (): string[] => readdirSync(h.dir).filter((f) => f.endsWith('.hnsw'));

describe('vector index sync', () => {
  it("a save stamps the chunks its graph holds: another connection's, committed since and not caught up, are caught up at the next open", async () => {
    await h.vfs.write('/apps/a.txt', 'alpha beta');
    const embedder = createHashEmbedder(64);
    const qv = await embedQuery(embedder, 'epsilon zeta');
    expect(h.vfs.vectorIndex.approximate(qv, 1).length).toBe(1); // the graph is loaded
    const { openDatabase } = await import('../../src/base/sqlite.js');
    const { openVectorFS } = await import('../../src/vfs/vectorfs.js');
    const db = openDatabase({ file: join(h.dir, 'nlsh.db') });
    const other = await openVectorFS({ db, embedder, clock: { now: () => 0 }, allowedRoots: [h.dir], indexDir: h.dir });
    await other.write('/apps/c.txt', 'epsilon zeta');
    db.close(); // its index is not saved
    await h.vfs.write('/apps/b.txt', 'gamma delta'); // this one's graph changes: its close saves it
    await h.reopen(); // (no ranking ran since the other's commit)
    const store = (h.vfs as unknown as { store: VfsStore }).store;
    const found = [...store.chunksOf(h.vfs.vectorIndex.approximate(qv, 5).map((n) => n.label)).values()].map((r) => r.path);
    expect(found).toContain('/apps/c.txt');
  });

  it("another connection's chunks (added and removed) reach the loaded graph at the next ranking", async () => {
    await h.vfs.write('/apps/a.txt', 'alpha beta');
    await h.vfs.write('/apps/b.txt', 'gamma delta');
    const embedder = createHashEmbedder(64);
    const qOf = (t: string): Promise<Float32Array> => embedQuery(embedder, t);
    expect(h.vfs.vectorIndex.approximate(await qOf('alpha beta'), 1).length).toBe(1); // the graph is loaded
    const { openDatabase } = await import('../../src/base/sqlite.js');
    const { openVectorFS } = await import('../../src/vfs/vectorfs.js');
    const db = openDatabase({ file: join(h.dir, 'nlsh.db') });
    const other = await openVectorFS({ db, embedder, clock: { now: () => 0 }, allowedRoots: [h.dir], indexDir: h.dir });
    await other.write('/apps/c.txt', 'epsilon zeta');
    await other.rm('/apps/a.txt');
    db.close(); // no close(): the other index file is not saved either
    const labels = async (t: string): Promise<string[]> => {
      const rows = (h.vfs as unknown as { store: VfsStore }).store.chunksOf(h.vfs.vectorIndex.approximate(await qOf(t), 3).map((n) => n.label));
      return [...rows.values()].map((r) => r.path).sort();
    };
    await h.vfs.search('epsilon', '/'); // a ranking: it sees the other connection's commit
    expect(await labels('epsilon zeta')).toEqual(['/apps/b.txt', '/apps/c.txt']);
  });

  it('a clean close writes one stamped index file that the next open loads as is', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load the (empty) index now, so the writes below go through it
    await h.vfs.write('/apps/a.txt', 'alpha beta');
    await h.reopen();
    expect(indexFiles().length).toBe(1);
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 0 } });
  });

  it('changes committed after the last save (an unclean stop) are caught up on open', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load the (empty) index now, so the writes below go through it
    await h.vfs.write('/apps/a.txt', 'alpha beta');
    await h.vfs.write('/apps/b.txt', 'gamma delta');
    h.vfs.close(); // index saved with a and b
    await h.vfs.write('/apps/c.txt', 'epsilon zeta');
    await h.vfs.rm('/apps/a.txt');
    h.db.close(); // "crash": no close(), so the index file does not know about c or the removal of a
    const { openDatabase } = await import('../../src/base/sqlite.js');
    h.db = openDatabase({ file: join(h.dir, 'nlsh.db') });
    const { openVectorFS } = await import('../../src/vfs/vectorfs.js');
    h.vfs = await openVectorFS({ db: h.db, embedder: createHashEmbedder(64), clock: { now: () => 0 }, allowedRoots: [h.dir], indexDir: h.dir });
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 1, removed: 1 } });
    expect(h.vfs.stats()).toMatchObject({ chunks: 2, vectorsInIndex: 2 });
    const hits = await h.vfs.grepMeaning('alpha beta', '/', { limit: 5 });
    expect(hits.map((x) => x.path)).not.toContain('/apps/a.txt');
  });

  it('a missing or corrupt index file is rebuilt from SQLite', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load (and later save) the index, so there is a file to find unusable
    await h.vfs.write('/apps/a.txt', 'alpha beta');
    h.vfs.close();
    for (const f of indexFiles()) writeFileSync(join(h.dir, f), 'garbage');
    await h.reopen();
    expect(h.vfs.openReport.source).toBe('rebuilt');
    expect(h.vfs.stats().vectorsInIndex).toBe(1);
    for (const f of indexFiles()) unlinkSync(join(h.dir, f));
    await h.reopen();
    expect(h.vfs.openReport.source).toBe('rebuilt');
    expect((await h.vfs.grepMeaning('alpha', '/'))[0]!.path).toBe('/apps/a.txt');
  });

  it('switching the embedder re-embeds every vector with a notice and rebuilds the index', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load (and later save) the index, so there is a file to find unusable
    await h.vfs.write('/apps/a.txt', 'alpha beta');
    const notices: string[] = [];
    await h.reopen(createHashEmbedder(32), { events: { notice: (m) => notices.push(m) } });
    expect(notices[0]).toMatch(/indexed with hash-64 \(64-d\); re-embedding 1 chunks with hash-32 \(32-d\)/);
    expect(h.vfs.openReport.source).toBe('rebuilt');
    expect(h.vfs.stats()).toMatchObject({ embedder: 'hash-32', dim: 32, vectorsInIndex: 1 });
    const lengths = (h.db.prepare('SELECT length(vector) AS n FROM vfs_chunks UNION SELECT length(vector) FROM vfs_inodes WHERE vector IS NOT NULL').all() as { n: number }[]).map((r) => r.n);
    expect(lengths).toEqual([128]);
    expect((await h.vfs.grepMeaning('alpha beta', '/'))[0]!.path).toBe('/apps/a.txt');
  });

  it('HNSW parameters are stored and reused by later opens', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load (and later save) the index, so there is a file to find unusable
    await h.vfs.write('/apps/a.txt', 'alpha');
    await h.reopen(undefined, { hnsw: { M: 8, efConstruction: 50, ef: 33 } });
    expect(h.vfs.openReport.source).toBe('rebuilt'); // M changed
    await h.reopen();
    const stored = h.db.prepare("SELECT value FROM vfs_meta WHERE key = 'hnsw'").get() as { value: string };
    expect(JSON.parse(stored.value)).toEqual({ M: 8, efConstruction: 50, ef: 33, efChosen: true });
    expect(h.vfs.vectorIndex.params.ef).toBe(33);
    expect(h.vfs.openReport.source).toBe('loaded');
  });

  it('a default ef reaches a home that stored the earlier default, without rebuilding the graph', async () => {
    await h.vfs.write('/apps/a.txt', 'alpha');
    expect((await h.vfs.grepMeaning('alpha', '/'))[0]!.path).toBe('/apps/a.txt'); // index built and saved
    h.db.prepare("UPDATE vfs_meta SET value = ? WHERE key = 'hnsw'").run(JSON.stringify({ M: 16, efConstruction: 100, ef: 128 }));
    await h.reopen();
    expect(h.vfs.vectorIndex.params).toEqual(DEFAULT_HNSW);
    expect(h.vfs.openReport.source).toBe('loaded');
  });
});

describe('HnswIndex', () => {
  it('grows past its capacity, counts deletions, and never returns deleted labels', () => {
    const e = createHashEmbedder(16);
    const ix = HnswIndex.create(16, { M: 8, efConstruction: 50, ef: 50 }, 16);
    for (let i = 1; i <= 100; i++) ix.add(i, e.embedSync!(`item ${i}`));
    expect(ix.capacity).toBeGreaterThanOrEqual(100);
    for (let i = 1; i <= 50; i++) ix.remove(i);
    expect(ix.size).toBe(50);
    expect(ix.deleted).toBe(50);
    const found = ix.search(e.embedSync!('item 7'), 50).map((n) => n.label);
    expect(found.every((l) => l > 50)).toBe(true);
  });

  it("searches with a breadth of its own when given one (never below k), then the index's again", () => {
    const e = createHashEmbedder(16);
    const ix = HnswIndex.create(16, { M: 8, efConstruction: 50, ef: 40 }, 64);
    for (let i = 1; i <= 60; i++) ix.add(i, e.embedSync!(`item ${i}`));
    const q = e.embedSync!('item 7');
    const inner = (ix as unknown as { index: { getEf(): number } }).index;
    expect(ix.search(q, 5, undefined, 10).length).toBe(5);
    expect(inner.getEf()).toBe(10);
    expect(ix.search(q, 20, undefined, 10).length).toBe(20);
    expect(inner.getEf()).toBe(20);
    expect(ix.search(q, 5)[0]!.label).toBe(7);
    expect(inner.getEf()).toBe(40);
  });
});

describe('identical chunks', () => {
  it('a content met again after the graph is loaded (written here, or by another connection) comes back as every chunk holding it', async () => {
    const { mkdirSync, writeFileSync: write } = await import('node:fs');
    const host = join(h.dir, 'corpus');
    mkdirSync(host);
    for (let i = 0; i < 2100; i++) write(join(host, `f${i}.txt`), `distinct note number ${i} about item ${i * 7}\n`);
    await h.vfs.mount(host, '/c');
    const text = 'Permission is hereby granted, free of charge, to any person\n';
    await h.vfs.write('/c/licence-a.txt', text);
    const q = 'Permission is hereby granted free of charge';
    const qv = await embedQuery(createHashEmbedder(64), q);
    const store = new VfsStore(h.db);
    // the vector side alone (the lexical side would find every copy anyway), after a ranking (which catches up with other connections)
    const paths = async (): Promise<string[]> => {
      await h.vfs.grepMeaning(q, '/', { limit: 1 });
      const found = store.chunksOf(h.vfs.vectorIndex.approximate(qv, 5).map((n) => n.label));
      return [...found.values()].map((r) => r.path).filter((p) => p.includes('licence')).sort();
    };
    expect(await paths()).toEqual(['/c/licence-a.txt']); // alone, and the graph is loaded
    await h.vfs.write('/c/licence-b.txt', text);
    expect(await paths()).toEqual(['/c/licence-a.txt', '/c/licence-b.txt']);
    const { openDatabase } = await import('../../src/base/sqlite.js');
    const { openVectorFS } = await import('../../src/vfs/vectorfs.js');
    const db = openDatabase({ file: join(h.dir, 'nlsh.db') });
    const other = await openVectorFS({ db, embedder: createHashEmbedder(64), clock: { now: () => 0 }, allowedRoots: [h.dir], indexDir: h.dir });
    await other.write('/c/licence-c.txt', text);
    db.close();
    expect(await paths()).toEqual(['/c/licence-a.txt', '/c/licence-b.txt', '/c/licence-c.txt']);
    // a removed label hands its content to the next chunk holding it
    await h.vfs.rm('/c/licence-a.txt');
    expect(await paths()).toEqual(['/c/licence-b.txt', '/c/licence-c.txt']);
  });

  it('share one vector in the graph, all come back from a search, and removing one keeps the others', async () => {
    const { mkdirSync, writeFileSync: write } = await import('node:fs');
    const host = join(h.dir, 'corpus');
    mkdirSync(host);
    for (let i = 0; i < 2100; i++) write(join(host, `f${i}.txt`), `distinct note number ${i} about item ${i * 7}\n`);
    for (const n of ['a', 'b', 'c']) write(join(host, `licence-${n}.txt`), 'Permission is hereby granted, free of charge, to any person\n');
    expect(h.vfs.openReport.source).toBe('new'); // loaded before the mount: the mount's chunks go through it
    await h.vfs.mount(host, '/c');
    expect(h.vfs.stats()).toMatchObject({ chunks: 2103, vectorsInIndex: 2101 });
    const q = 'Permission is hereby granted free of charge';
    const paths = async (): Promise<string[]> => (await h.vfs.grepMeaning(q, '/', { limit: 3 })).map((x) => x.path).sort();
    expect(await paths()).toEqual(['/c/licence-a.txt', '/c/licence-b.txt', '/c/licence-c.txt']);
    // the graph's one label expands to the three chunk ids, lowest first, cut at k
    const rows = h.db
      .prepare("SELECT c.id, c.hash FROM vfs_chunks c JOIN vfs_inodes i ON i.id = c.inode WHERE i.path LIKE '/c/licence-%' ORDER BY c.id")
      .all() as { id: number; hash: string }[];
    const ids = rows.map((r) => r.id);
    expect(new VfsStore(h.db).idsWithHashes([rows[0]!.hash, 'no-such-hash'])).toEqual(new Map([[rows[0]!.hash, ids]]));
    const qv = await embedQuery(createHashEmbedder(64), q);
    expect(h.vfs.vectorIndex.approximate(qv, 2).map((n) => n.label)).toEqual(ids.slice(0, 2));
    expect(h.vfs.vectorIndex.approximate(qv, 5).map((n) => n.label).slice(0, 3)).toEqual(ids);
    expect(h.vfs.vectorIndex.approximate(qv, 5).length).toBe(5);
    await h.vfs.rm('/c/licence-a.txt');
    expect(await paths()).toEqual(expect.arrayContaining(['/c/licence-b.txt', '/c/licence-c.txt']));
    expect(h.vfs.stats().vectorsInIndex).toBe(2101);
    await h.reopen();
    expect(h.vfs.openReport.caughtUp).toEqual({ added: 0, removed: 0 });
    expect((await h.vfs.grepMeaning(q, '/c', { limit: 2 })).map((x) => x.path).sort()).toEqual(['/c/licence-b.txt', '/c/licence-c.txt']);
  });
});
