// The vector index's labels file (index-labels.ts): a load whose chunk table still matches the
// stamp maps the graph's labels from it instead of reading every chunk's hash; a torn or foreign
// file, or a table changed since, falls back to SQLite; identical chunks still all come back.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { embedQuery } from '../../src/vfs/search.js';
import { VfsStore } from '../../src/vfs/store.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeEach(async () => {
  h = await tempHome();
  await h.vfs.mkdir('/n');
  for (let i = 0; i < 30; i++) await h.vfs.write(`/n/note${i}.txt`, `note ${i} about the garden, item ${i * 7}`);
  for (const n of ['a', 'b']) await h.vfs.write(`/n/licence-${n}.txt`, 'Permission is hereby granted, free of charge, to any person');
  expect(h.vfs.openReport.source).toBe('new'); // built and saved, with its labels file
});
afterEach(() => {
  vi.restoreAllMocks();
  h.cleanup();
});

const files = (ext: string): string[] => readdirSync(h.dir).filter((f) => f.startsWith('vfs-index-') && f.endsWith(ext));
const licences = async (): Promise<string[]> => {
  const qv = await embedQuery(createHashEmbedder(64), 'Permission is hereby granted free of charge');
  const found = new VfsStore(h.db).chunksOf(h.vfs.vectorIndex.approximate(qv, 40).map((n) => n.label));
  return [...found.values()].map((r) => r.path).filter((p) => p.includes('licence')).sort();
};

describe('the labels file of the vector index', () => {
  it('is written beside the index file; a load of an unchanged table maps the labels from it, reading no chunk hash', async () => {
    await h.reopen(); // closing saves (nothing new): the file stays
    expect(files('.labels')).toEqual(files('.hnsw').map((f) => f.replace(/\.hnsw$/, '.labels')));
    const spy = vi.spyOn(VfsStore.prototype, 'chunkHashes');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 0 } });
    expect(spy).not.toHaveBeenCalled();
    expect(await licences()).toEqual(['/n/licence-a.txt', '/n/licence-b.txt']); // a shared content expands to both
    await h.vfs.write('/n/licence-c.txt', 'Permission is hereby granted, free of charge, to any person');
    expect(await licences()).toEqual(['/n/licence-a.txt', '/n/licence-b.txt', '/n/licence-c.txt']);
  });

  it('a torn, foreign or mismatched file, or a table changed since the save, reads the hashes from SQLite instead', async () => {
    const [labels] = files('.labels');
    const good = readFileSync(join(h.dir, labels!));
    const bad = [good.subarray(0, good.length - 2), Buffer.from('not a labels file'), Buffer.concat([good, Buffer.from([1, 2, 3])])];
    // a valid file naming a label the graph does not hold
    const other = Buffer.from(good);
    other.writeInt32LE(999_999, 12);
    bad.push(other);
    for (const bytes of bad) {
      h.vfs.close(); // (saves nothing: nothing changed)
      writeFileSync(join(h.dir, labels!), bytes);
      await h.reopen();
      const spy = vi.spyOn(VfsStore.prototype, 'chunkHashes');
      expect(h.vfs.openReport.source).toBe('loaded');
      expect(spy).toHaveBeenCalled();
      spy.mockRestore();
      expect(await licences()).toEqual(['/n/licence-a.txt', '/n/licence-b.txt']);
    }
    // a write made without loading the index: the table no longer matches the stamp
    await h.reopen();
    await h.vfs.write('/n/licence-d.txt', 'Permission is hereby granted, free of charge, to any person');
    await h.reopen();
    const spy = vi.spyOn(VfsStore.prototype, 'chunkHashes');
    expect(h.vfs.openReport.caughtUp.added).toBe(0); // its content was already indexed
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(await licences()).toEqual(['/n/licence-a.txt', '/n/licence-b.txt', '/n/licence-d.txt']);
    // that load found the file in step with the table: its stamp and labels say so now
    await h.reopen();
    const again = vi.spyOn(VfsStore.prototype, 'chunkHashes');
    expect(h.vfs.openReport).toEqual({ source: 'loaded', caughtUp: { added: 0, removed: 0 } });
    expect(again).not.toHaveBeenCalled();
    expect(await licences()).toEqual(['/n/licence-a.txt', '/n/licence-b.txt', '/n/licence-d.txt']);
  });

  it('an older index file and its labels are removed by the next save', async () => {
    const before = files('.labels');
    await h.vfs.write('/n/more.txt', 'a new note with new words entirely');
    await h.reopen(); // the graph changed: close saves a new index file
    const after = files('.labels');
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(files('.hnsw')).toEqual(after.map((f) => f.replace(/\.labels$/, '.hnsw')));
  });
});
