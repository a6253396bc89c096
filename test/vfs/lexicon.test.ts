// The user-vocabulary lexicon (lexicon.ts): a query in everyday words ("delete a document",
// "folder") finds the file that says it in the manual's words ("remove", "file", "directory"),
// which neither the word's own forms nor the word vectors reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lexiconWords } from '../../src/vfs/lexicon.js';
import { DEFAULT_EXPANSION } from '../../src/vfs/query-groups.js';
import { FileBm25 } from '../../src/vfs/file-bm25.js';
import { rankPaths, type RankDeps } from '../../src/vfs/rank-files.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';

const DOCS: Record<string, string> = {
  '/m/rm.txt': 'rm removes each given file. With -r it removes directories and their contents recursively.',
  '/m/ed.txt': 'ed is a line editor: insert, edit and print lines of text in a buffer.',
  '/m/mkdir.txt': 'mkdir creates the directories named on the command line, with their parents when asked.',
  '/m/cal.txt': 'cal prints a calendar of the month, with the current day highlighted.',
  '/m/pr.txt': 'pr paginates a document for printing, with a header on each page.',
};

let h: TempHome;
beforeAll(async () => {
  h = await tempHome(await gloveForTests());
  await h.vfs.mkdir('/m');
  for (const [p, text] of Object.entries(DOCS)) await h.vfs.write(p, text);
}, 120_000);
afterAll(() => h.cleanup());

/** The files of the ranking, best first, with the lexicon's weight given (0: off). */
async function rank(query: string, lexicon: number): Promise<string[]> {
  // the parts rankPaths reads (private to VectorFS in TypeScript only)
  const v = h.vfs as unknown as Pick<RankDeps, 'store' | 'index' | 'dirs'>;
  const hits = await rankPaths(
    { store: v.store, index: v.index, dirs: v.dirs, embedder: await gloveForTests(), fileBm25: new FileBm25(h.db, v.store.lexical) },
    query,
    { dir: '/m', kind: 'file', expansion: { ...DEFAULT_EXPANSION, lexicon, lexiconFile: lexicon ? DEFAULT_EXPANSION.lexiconFile : 0 } },
  );
  return hits.map((x) => x.path);
}

describe('lexicon', () => {
  it('relates everyday words to the manuals\' words, through any form of the word', () => {
    expect(lexiconWords('delete')).toEqual(expect.arrayContaining(['remove', 'erase']));
    expect(lexiconWords('deleted')).toContain('remove');
    expect(lexiconWords('folders')).toContain('directory');
    expect(lexiconWords('document')).toContain('file');
    expect(lexiconWords('zeppelin')).toEqual([]);
  });

  it('"delete a document" finds the file that says "removes each given file", and does not without the lexicon', async () => {
    expect((await rank('delete a document', DEFAULT_EXPANSION.lexicon!))[0]).toBe('/m/rm.txt');
    expect((await rank('delete a document', 0))[0]).not.toBe('/m/rm.txt');
  });

  it('"make a new folder" finds mkdir, which says "creates the directories"', async () => {
    expect((await rank('make a new folder', DEFAULT_EXPANSION.lexicon!))[0]).toBe('/m/mkdir.txt');
  });
});
