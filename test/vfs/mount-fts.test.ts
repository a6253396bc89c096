// The FTS5 text index after bulk mounts (schema v4: the store writes it, no insert trigger):
// exactly one FTS5 row per chunk after a mount, a re-mount of changed and removed files, a
// rollback, and a resume; lexical search finds each file by its own words; and a mount's
// batch is indexed in one FTS5 flush, not one per file (what made the trigger slow). And a
// loaded vector index gets a mount's new contents after each commit.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/base/sqlite.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome | undefined;
afterEach(() => h?.cleanup());

/** FTS5 rows and chunk rows; FTS5's own integrity-check throws when the index disagrees with the chunk texts. */
function ftsAgrees(db: Db): { fts: number; chunks: number } {
  db.prepare("INSERT INTO vfs_fts(vfs_fts) VALUES ('integrity-check')").run();
  return db.prepare('SELECT (SELECT count(*) FROM vfs_fts_docsize) AS fts, (SELECT count(*) FROM vfs_chunks) AS chunks').get() as { fts: number; chunks: number };
}

/** A file whose words are its own: `word<n>` appears in file n only. */
function corpus(host: string, files: number, paras = 1): void {
  for (let i = 0; i < files; i++) {
    const d = join(host, `d${i % 7}`);
    mkdirSync(d, { recursive: true });
    const text = Array.from({ length: paras }, (_, p) => `zq${i}x paragraph ${p} of file ${i}\nshared words in every file\n`).join('\n');
    writeFileSync(join(d, `f${i}.txt`), text);
  }
}

async function lexicalTop(q: string): Promise<string | undefined> {
  const hits = await h!.vfs.searchChunks(q, { limit: 1, mode: 'lexical', fullLexical: true });
  return hits[0]?.path;
}

describe('FTS5 index after a bulk mount', () => {
  it('has one row per chunk, and lexical search finds each file by its own word', async () => {
    h = await tempHome();
    const host = join(h.dir, 'corpus');
    corpus(host, 300, 3);
    const r = await h.vfs.mount(host, '/c');
    expect(r.files).toBe(300);
    const { fts, chunks } = ftsAgrees(h.db);
    expect(chunks).toBeGreaterThanOrEqual(300);
    expect(fts).toBe(chunks);
    for (const i of [0, 1, 150, 299]) expect(await lexicalTop(`zq${i}x`)).toBe(`/c/d${i % 7}/f${i}.txt`);
  });

  it('stays one row per chunk when a re-mount rewrites, removes and adds files', async () => {
    h = await tempHome();
    const host = join(h.dir, 'corpus');
    corpus(host, 60, 2);
    await h.vfs.mount(host, '/c');
    writeFileSync(join(host, 'd3', 'f3.txt'), 'rewritten: zqnewwordx only\n');
    rmSync(join(host, 'd4', 'f4.txt'));
    writeFileSync(join(host, 'd0', 'added.txt'), 'an added file with zqaddedx\n');
    const r = await h.vfs.mount(host, '/c');
    expect(r).toMatchObject({ files: 2, removed: 1 });
    const { fts, chunks } = ftsAgrees(h.db);
    expect(fts).toBe(chunks);
    expect(await lexicalTop('zqnewwordx')).toBe('/c/d3/f3.txt');
    expect(await lexicalTop('zqaddedx')).toBe('/c/d0/added.txt');
    expect(await lexicalTop('zq3x')).toBeUndefined(); // the old text of the rewritten file is gone from the index
    expect(await lexicalTop('zq4x')).toBeUndefined(); // and so is the removed file's
  });

  it('a batch that fails half-way rolls back its chunks and their index rows together; mounting again fills both', async () => {
    h = await tempHome();
    const host = join(h.dir, 'corpus');
    corpus(host, 20);
    // the 16th file's insert fails (as a full disk would), after 15 files' chunks and index rows were written in the batch
    h.db.exec("CREATE TEMP TRIGGER fail_f15 BEFORE INSERT ON vfs_inodes WHEN new.name = 'f15.txt' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(h.vfs.mount(host, '/c')).rejects.toThrow('disk full');
    const failed = ftsAgrees(h.db);
    expect(failed).toEqual({ fts: 0, chunks: 0 });
    expect(await lexicalTop('zq0x')).toBeUndefined();
    h.db.exec('DROP TRIGGER temp.fail_f15');
    const r = await h.vfs.mount(host, '/c');
    expect(r.files).toBe(20);
    const { fts, chunks } = ftsAgrees(h.db);
    expect(fts).toBe(chunks);
    expect(chunks).toBe(20);
    expect(await lexicalTop('zq15x')).toBe('/c/d1/f15.txt');
  });

  it('an interrupted mount resumed later ends with one row per chunk', async () => {
    h = await tempHome();
    const host = join(h.dir, 'corpus');
    corpus(host, 400);
    const ac = new AbortController();
    await expect(h.vfs.mount(host, '/c', { signal: ac.signal, progress: (done) => done === 250 && ac.abort() })).rejects.toMatchObject({ code: 'sys.interrupted' });
    const mid = ftsAgrees(h.db);
    expect(mid.fts).toBe(mid.chunks);
    const r = await h.vfs.mount(host, '/c');
    expect(r.unchanged + r.files).toBe(400);
    expect(r.files).toBeGreaterThan(0);
    const end = ftsAgrees(h.db);
    expect(end.fts).toBe(end.chunks);
    expect(await lexicalTop('zq399x')).toBe('/c/d0/f399.txt');
  });

  it("indexes a batch's text in one FTS5 flush, not one per file", async () => {
    h = await tempHome();
    // no automatic merging: every flush of FTS5's pending terms stays a segment of its own
    h.db.prepare("INSERT INTO vfs_fts(vfs_fts, rank) VALUES ('automerge', 0)").run();
    h.db.prepare("INSERT INTO vfs_fts(vfs_fts, rank) VALUES ('crisismerge', 2000)").run();
    const host = join(h.dir, 'corpus');
    corpus(host, 200);
    const segments = (): number => (h!.db.prepare('SELECT count(*) AS n FROM vfs_fts_idx').get() as { n: number }).n;
    const before = segments();
    const r = await h.vfs.mount(host, '/c'); // 200 small files: one batch
    expect(r.files).toBe(200);
    // (with an insert trigger, each file's statements flushed FTS5 once: ~200 segments)
    expect(segments() - before).toBeLessThan(10);
    const { fts, chunks } = ftsAgrees(h.db);
    expect(fts).toBe(chunks);
  });
});

describe('vector index during a bulk mount', () => {
  it('a loaded index gets each batch after its commit: after the mount it holds every distinct content, and the saved file needs no catch-up', async () => {
    h = await tempHome();
    expect(h.vfs.openReport.source).toBe('new'); // loaded (empty) before the mount
    const host = join(h.dir, 'corpus');
    corpus(host, 600); // two batches (500 files each at most)
    writeFileSync(join(host, 'copy.txt'), readFileSync(join(host, 'd0', 'f7.txt'))); // a content already present: no new vector
    const r = await h.vfs.mount(host, '/c');
    expect(r).toMatchObject({ files: 601, chunks: 601, distinct: 600 });
    expect(h.vfs.stats().vectorsInIndex).toBe(600);
    const hits = await h.vfs.grepMeaning('zq599x paragraph 2 of file 599', '/c', { limit: 1 });
    expect(hits[0]!.path).toBe('/c/d4/f599.txt');
    await h.reopen();
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 0 } });
  });
});
