// Hybrid ranking (bm25 + vectors, glove) against lexical search alone on a paraphrase fixture:
// never worse on queries that share words with their target, better on paraphrases that share none.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchMode } from '../../src/vfs/search.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'paraphrase');
const QUERIES = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'paraphrase-queries.json'), 'utf8')) as {
  wordy: [string, string][];
  paraphrases: [string, string][];
};
const WORDY = QUERIES.wordy;
const PARAPHRASES = QUERIES.paraphrases;

let h: TempHome;
beforeAll(async () => {
  h = await tempHome(await gloveForTests(), { allowedRoots: [FIXTURE] });
  await h.vfs.mount(FIXTURE, '/p');
}, 120_000);
afterAll(() => h.cleanup());

async function top1(pairs: [string, string][], mode: SearchMode): Promise<number> {
  let ok = 0;
  for (const [q, file] of pairs) {
    const hits = await h.vfs.searchChunks(q, { limit: 5, mode, fullLexical: mode === 'lexical' });
    if (hits[0]?.path === `/p/${file}`) ok++;
  }
  return ok;
}

const words = (t: string): Set<string> => new Set(t.toLowerCase().match(/[a-z]{3,}/g) ?? []);
const FUNCTION_WORDS = new Set(['the', 'and', 'for', 'with', 'from', 'after', 'over', 'wouldn', 'turn', 'held']);

describe('hybrid ranking', () => {
  it('the paraphrase queries share no content word with their targets', () => {
    for (const [q, file] of PARAPHRASES) {
      const doc = words(readFileSync(join(FIXTURE, file), 'utf8'));
      const shared = [...words(q)].filter((w) => doc.has(w) && !FUNCTION_WORDS.has(w));
      expect(shared, `${q} / ${file}`).toEqual([]);
    }
    expect(readdirSync(FIXTURE).length).toBe(PARAPHRASES.length);
  });

  it('is never worse than lexical search on queries that share words with their target', async () => {
    const lexical = await top1(WORDY, 'lexical');
    const hybrid = await top1(WORDY, 'hybrid');
    expect(lexical).toBe(WORDY.length);
    expect(hybrid).toBe(WORDY.length);
  });

  it('beats lexical search on paraphrases that share no words', async () => {
    const lexical = await top1(PARAPHRASES, 'lexical');
    const hybrid = await top1(PARAPHRASES, 'hybrid');
    const vector = await top1(PARAPHRASES, 'vector');
    expect(lexical).toBeLessThanOrEqual(2);
    expect(hybrid).toBeGreaterThanOrEqual(9);
    expect(hybrid).toBeGreaterThan(lexical);
  });

  it('deleted and overwritten files are never returned', async () => {
    await h.vfs.write('/apps/tmp.txt', 'A volcano erupted and lava flowed down the mountain.');
    expect((await h.vfs.grepMeaning('volcano lava eruption', '/', { limit: 1 }))[0]!.path).toBe('/apps/tmp.txt');
    await h.vfs.write('/apps/tmp.txt', 'Quarterly tax forms are due in April.');
    const after = await h.vfs.grepMeaning('volcano lava eruption', '/', { limit: 20 });
    expect(after.some((x) => x.text.includes('volcano'))).toBe(false);
    await h.vfs.rm('/apps/tmp.txt');
    const gone = await h.vfs.grepMeaning('tax forms due in April', '/', { limit: 20 });
    expect(gone.some((x) => x.path === '/apps/tmp.txt')).toBe(false);
  });
});
