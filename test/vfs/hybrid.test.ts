// Hybrid ranking (bm25 + vectors, glove) against lexical search alone on a paraphrase fixture:
// never worse on queries that share words with their target, better on paraphrases that share none.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchMode } from '../../src/vfs/search.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'paraphrase');
const WORDY: [string, string][] = [
  ['battery dead mechanic', 'car-battery.txt'],
  ['antibiotics for an infection', 'doctor.txt'],
  ['river flooding streets', 'flood.txt'],
  ['stock market recession', 'stocks.txt'],
  ['kitten chased yarn', 'kitten.txt'],
  ['suspension bridge steel cables', 'bridge.txt'],
  ['football championship goal', 'football.txt'],
  ['pilot landed the airplane', 'airplane.txt'],
  ['students exams library', 'exams.txt'],
  ['roasted chicken with garlic', 'chef.txt'],
  ['firefighters warehouse blaze', 'fire.txt'],
  ['orchestra symphony Beethoven', 'concert.txt'],
];
const PARAPHRASES: [string, string][] = [
  ["my vehicle's power cell died and the motor wouldn't turn over", 'car-battery.txt'],
  ['medicine from a clinician to cure an illness', 'doctor.txt'],
  ['water swamped the town after a storm', 'flood.txt'],
  ['equities plunged on economic worries', 'stocks.txt'],
  ['young cat playing with string', 'kitten.txt'],
  ['a span over the harbor held up by wire ropes', 'bridge.txt'],
  ['soccer club clinched the title', 'football.txt'],
  ['aircraft touched down at the airfield in gusty weather', 'airplane.txt'],
  ['pupils preparing for tests with books', 'exams.txt'],
  ['cook baked poultry with herbs', 'chef.txt'],
  ['flames razed a storage building', 'fire.txt'],
  ['musicians played classical music and listeners clapped', 'concert.txt'],
];

let h: TempHome;
beforeAll(async () => {
  h = await tempHome(await gloveForTests(), { allowedRoots: [FIXTURE] });
  await h.vfs.mount(FIXTURE, '/p');
}, 120_000);
afterAll(() => h.cleanup());

async function top1(pairs: [string, string][], mode: SearchMode): Promise<number> {
  let ok = 0;
  for (const [q, file] of pairs) {
    const hits = await h.vfs.searchChunks(q, { limit: 5, mode });
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
