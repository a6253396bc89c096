// grep meaning's chunk ranking (rank-chunks.ts): the forms of the query's words count (stemming),
// the file name counts as a field, a page's evidence counts (page signal), a scoped query only returns chunks in scope even when the best
// matches of the whole store are elsewhere, and the fusions score as documented. The hash
// embedder has no notion of meaning, so what is asserted here comes from the lexical side.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_WEIGHTS } from '../../src/vfs/rank-chunks.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeEach(async () => {
  h = await tempHome();
  for (const d of ['/d', '/docs', '/x', '/inside']) await h.vfs.mkdir(d);
});
afterEach(() => h.cleanup());

describe('grep meaning ranking', () => {
  it('finds a passage by the other forms of the query words, and not without stemming', async () => {
    await h.vfs.write('/d/tool.txt', 'This tool will compress an archive of photos.');
    await h.vfs.write('/d/bread.txt', 'Bake bread with flour, water and salt.');
    const stemmed = await h.vfs.searchChunks('compressing archives', { limit: 2, dir: '/d' });
    expect(stemmed[0]!.path).toBe('/d/tool.txt');
    expect(stemmed[0]!.lex).toBeGreaterThan(0);
    const plain = await h.vfs.searchChunks('compressing archives', { limit: 2, dir: '/d', stemming: false });
    expect(plain.find((x) => x.path === '/d/tool.txt')?.lex ?? 0).toBe(0);
  });

  it('counts a query word found in the file name (field weight)', async () => {
    await h.vfs.write('/docs/tmux.txt', 'Split the window into panes and detach the session.');
    await h.vfs.write('/docs/glass.txt', 'Window panes are made of glass and split when hit.');
    const hits = await h.vfs.grepMeaning('tmux split window panes', '/docs', { limit: 2 });
    expect(hits.map((x) => x.path)).toEqual(['/docs/tmux.txt', '/docs/glass.txt']);
  });

  it('a scoped query returns only chunks in scope, even when the best ones are elsewhere', async () => {
    for (let i = 0; i < 60; i++) await h.vfs.write(`/x/v${i}.txt`, `volcano lava eruption report number ${i}`);
    await h.vfs.write('/inside/note.txt', 'A short note that mentions a volcano once.');
    const hits = await h.vfs.grepMeaning("volcano lava eruption", "/inside", { limit: 2 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((x) => x.path.startsWith('/inside/'))).toBe(true);
    expect(hits[0]!.path).toBe('/inside/note.txt');
  });

  it("the page signal: a long page holding the query's words in different passages is shown by its opening passage, and not without the signal", async () => {
    for (let i = 0; i < 20; i++) await h.vfs.write(`/x/v${i}.txt`, `a note about garden plants, number ${i}`);
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `paragraph ${i} is about customs forms, receipts and the opening hours of the office.`).join('\n\n');
    await h.vfs.write('/d/border.txt', `Import rules\n\nWhat may be brought across the border.\n\n${filler(12)}\n\nAnything alive is held in quarantine first.\n\n${filler(12)}\n\nCut flowers and plants need a certificate.`);
    const opening = (hits: { path: string; line: number }[]) => hits.some((x) => x.path === '/d/border.txt' && x.line === 1);
    expect(opening(await h.vfs.grepMeaning('quarantine plants', '/', { limit: 10 }))).toBe(true);
    const without = await h.vfs.searchChunks('quarantine plants', { limit: 10, weights: { ...DEFAULT_CHUNK_WEIGHTS, page: 0 } });
    expect(opening(without)).toBe(false);
  });

  it('the weighted fusion scores in [0,1]; the alpha fusion is alpha * cos + (1 - alpha) * bm25', async () => {
    await h.vfs.write('/d/a.txt', 'Rotate the logs every night and keep seven days.');
    await h.vfs.write('/d/b.txt', 'Logs of the web server are kept under /var/log.');
    const weighted = await h.vfs.searchChunks('rotate logs nightly', { limit: 5, dir: '/d' });
    for (const x of weighted) expect(x.score).toBeGreaterThanOrEqual(0), expect(x.score).toBeLessThanOrEqual(1);
    const alpha = await h.vfs.searchChunks('rotate logs nightly', { limit: 5, dir: '/d', fusion: 'alpha', alpha: 0.3 });
    expect(alpha.length).toBe(2);
    for (const x of alpha) expect(x.score).toBeCloseTo(0.3 * x.cos + 0.7 * x.lex, 9);
    expect(alpha[0]!.path).toBe('/d/a.txt');
  });
});
