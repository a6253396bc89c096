// The lazy vector index: opening VectorFS and everything that does not search (ls, cat, cd by
// path, write, rm, mount) leaves the HNSW file unread; the first vector search loads it and
// catches up what was committed while it was not loaded (additions and removals alike).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeEach(async () => {
  h = await tempHome();
});
afterEach(() => h.cleanup());

const indexFile = (): string => join(h.dir, readdirSync(h.dir).find((f) => f.endsWith('.hnsw'))!);
const stamp = (): { chunks?: { maxId: number; count: number } } => JSON.parse(readFileSync(join(h.dir, 'vfs-index.json'), 'utf8'));

/** A home with two files and a saved, loaded-then-closed index. */
async function savedHome(): Promise<void> {
  expect(h.vfs.openReport.source).toBe('new');
  await h.vfs.write('/apps/garden.md', 'tomatoes and roses in the garden');
  await h.vfs.write('/apps/stars.md', 'planets and galaxies of outer space');
  await h.reopen();
}

describe('lazy vector index', () => {
  it('commands that do not search never read the index file, even a corrupt one', async () => {
    await savedHome();
    h.vfs.close();
    writeFileSync(indexFile(), 'garbage: reading this would force a rebuild');
    const before = readFileSync(join(h.dir, 'vfs-index.json'), 'utf8');
    await h.reopen();
    h.vfs.ls('/apps');
    h.vfs.cat('/apps/garden.md');
    await h.vfs.resolve('/', '/apps');
    await h.vfs.write('/apps/new.md', 'a file written without a search');
    await h.vfs.rm('/apps/stars.md');
    expect(h.vfs.vectorIndex.loaded).toBe(false);
    expect(h.vfs.stats()).toMatchObject({ chunks: 2, vectorsInIndex: 0 }); // nothing of the index is in memory
    h.vfs.close();
    expect(readFileSync(indexFile(), 'utf8')).toBe('garbage: reading this would force a rebuild');
    expect(readFileSync(join(h.dir, 'vfs-index.json'), 'utf8')).toBe(before);
    // the first search does read it, finds it corrupt and rebuilds from SQLite
    await h.reopen();
    const hits = await h.vfs.grepMeaning('a file written without a search', '/', { limit: 1 });
    expect(hits[0]!.path).toBe('/apps/new.md');
    expect(h.vfs.openReport).toMatchObject({ source: 'rebuilt' });
    expect(h.vfs.openReport.reason).toMatch(/cannot read index file/);
  });

  it('the first search catches up additions and removals committed while the index was not loaded', async () => {
    await savedHome();
    expect(stamp().chunks).toEqual({ maxId: 2, count: 2 });
    await h.vfs.write('/apps/code.md', 'compilers parse source code into syntax trees');
    await h.vfs.rm('/apps/garden.md');
    expect(h.vfs.vectorIndex.loaded).toBe(false);
    const hits = await h.vfs.grepMeaning('tomatoes and roses in the garden', '/', { limit: 5 });
    expect(h.vfs.vectorIndex.loaded).toBe(true);
    expect(hits.map((x) => x.path)).not.toContain('/apps/garden.md');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 1, removed: 1 } });
    expect(h.vfs.stats()).toMatchObject({ chunks: 2, vectorsInIndex: 2 });
    // the catch-up was saved: the next open loads the file as it is
    await h.reopen();
    expect(stamp().chunks).toEqual({ maxId: 3, count: 2 });
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 0 } });
  });

  it('when only newer chunks were added, the load adds exactly those', async () => {
    await savedHome();
    await h.vfs.write('/apps/code.md', 'compilers parse source code into syntax trees');
    await h.vfs.write('/apps/copy.md', 'tomatoes and roses in the garden'); // same content as garden.md: no new vector
    const hits = await h.vfs.grepMeaning('compilers and syntax trees', '/', { limit: 1 });
    expect(hits[0]!.path).toBe('/apps/code.md');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 1, removed: 0 } });
    expect(h.vfs.stats()).toMatchObject({ chunks: 4, vectorsInIndex: 3 });
  });

  it('a stamp from before the lazy index (no chunk extent) is diffed against SQLite, not trusted', async () => {
    await savedHome();
    h.vfs.close();
    const s = stamp();
    delete s.chunks;
    writeFileSync(join(h.dir, 'vfs-index.json'), JSON.stringify(s));
    await h.reopen();
    await h.vfs.rm('/apps/garden.md');
    await h.vfs.grepMeaning('galaxies', '/');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 1 } });
  });

  it('such a stamp, found in step with the chunk table, gets the extent once, so later loads skip the diff', async () => {
    await savedHome();
    h.vfs.close();
    const s = stamp();
    const extent = s.chunks;
    delete s.chunks;
    writeFileSync(join(h.dir, 'vfs-index.json'), JSON.stringify(s));
    const file = indexFile();
    await h.reopen();
    await h.vfs.grepMeaning('galaxies', '/');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 0 } });
    expect(stamp().chunks).toEqual(extent);
    expect(indexFile()).toBe(file); // only the stamp was written
    // the next load trusts it: a chunk added meanwhile is the only one read and added
    h.vfs.close();
    await h.reopen();
    await h.vfs.write('/apps/sea.md', 'waves and tides of the ocean');
    await h.vfs.grepMeaning('ocean', '/');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 1, removed: 0 } });
  });
});
