// The one ranking of files and directories by meaning (rank-files.ts) on a small tree of package
// docs: stemming, the name field, cd's refusal of poor matches, and ls/find/search agreeing.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WordNeighbours } from '../../src/vfs/expansion.js';
import { formatResult } from '../../src/shell/format-plain.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';
import { rejection } from '../helpers/rejection.js';

const DOCS: Record<string, string> = {
  'tmux/README': 'tmux is a terminal multiplexer: it lets you switch easily between several programs in one terminal,\ndetach them and reattach them to a different terminal.\nSplit a window into panes with prefix %.',
  'tmux/changelog': 'Changes in 3.3: fixed a crash when resizing; new options for status line styles.',
  'git/README': 'Git is a fast, scalable, distributed revision control system with a rich command set.\nCommits record snapshots of the project history.',
  'curl/README': 'curl is a command line tool for transferring data with URL syntax, supporting HTTP, HTTPS and FTP.',
  'notes/backup.txt': 'copies of the data are kept on an external disk each week',
  'notes/misc.txt': 'assorted notes: the garden, a backup reminder, the car, the weekly shopping list and holiday plans for the summer',
  'media/gallery.txt': 'images from the summer trip, sorted by date; the older images are in the archive',
  'media/convert.txt': 'how to convert images between formats and shrink them for the web',
  'notes/jogging.txt': 'the runner runs along the river every morning before work',
};

let host: string;
let h: TempHome;
beforeAll(async () => {
  host = mkdtempSync(join(tmpdir(), 'nlsh-rank-'));
  for (const [rel, text] of Object.entries(DOCS)) {
    mkdirSync(join(host, rel, '..'), { recursive: true });
    writeFileSync(join(host, rel), text);
  }
  h = await tempHome(await gloveForTests(), { allowedRoots: [host] });
  await h.vfs.mount(host, '/docs');
}, 120_000);
afterAll(() => {
  h.cleanup();
  rmSync(host, { recursive: true, force: true });
});

describe('one ranking for finding by meaning', () => {
  it('stemming: the forms of "running" in the index include "runs", and search finds the file that only says "runs"', async () => {
    const hits = await h.vfs.search('running', '/');
    expect(hits[0]!.path).toBe('/docs/notes/jogging.txt');
  });

  it('expansion: the word vectors offer "images" (a word of the store) for "pictures", and search for pictures finds the image files', async () => {
    const near = new WordNeighbours(h.db, await gloveForTests()).nearest('pictures', 3, 10);
    expect(near.map((n) => n.word)).toContain('images');
    const hits = await h.vfs.search('pictures', '/');
    expect(hits.slice(0, 2).map((x) => x.path).sort()).toEqual(['/docs/media/convert.txt', '/docs/media/gallery.txt']);
  });

  it('the name field: a file named after the query ranks above one that mentions the word in passing', async () => {
    const entries = await h.vfs.find('backup', '/docs/notes', { kind: 'file' });
    expect(entries.map((e) => e.path).slice(0, 2)).toEqual(['/docs/notes/backup.txt', '/docs/notes/misc.txt']);
  });

  it('find similar-to "the directory about the terminal multiplexer" ranks /docs/tmux first among the directories', async () => {
    const dirs = await h.vfs.find('the directory about the terminal multiplexer', '/docs', { kind: 'dir' });
    expect(dirs[0]!.path).toBe('/docs/tmux');
  });

  it('cd "italian cooking recipes" refuses with fs.noMatch naming the closest candidates', async () => {
    const err = await rejection(h.vfs.resolve('/', '"italian cooking recipes"', { kind: 'dir' }));
    expect(err.code).toBe('fs.noMatch');
    expect((err.details?.candidates as unknown[]).length).toBeGreaterThan(0);
    expect(err.message).toMatch(/closest: \/\w/);
  });

  it('ls similar-to, find similar-to and search agree on the top file', async () => {
    const q = 'transfer data from a url over http';
    const ls = await h.vfs.ls('/docs/curl', { similarTo: q });
    const found = await h.vfs.find(q, '/docs', { kind: 'file' });
    const searched = await h.vfs.search(q, '/');
    expect(found[0]!.path).toBe('/docs/curl/README');
    expect(searched[0]!.path).toBe(found[0]!.path);
    expect(ls[0]!.path).toBe(found[0]!.path);
    expect(searched[0]!.score).toBe(found[0]!.score);
  });

  it('search returns each file once, with the line of its best passage', async () => {
    const hits = await h.vfs.search('split a window into panes', '/');
    expect(hits[0]!.path).toBe('/docs/tmux/README');
    expect(hits[0]!.line).toBe(1);
    expect(hits[0]!.text).toContain('Split a window into panes');
    expect(new Set(hits.map((x) => x.path)).size).toBe(hits.length);
    // the other rankings do not read passages they do not show
    const rank = (h.vfs as unknown as { rank: (q: string, o: Record<string, unknown>) => Promise<{ best?: unknown }[]> }).rank.bind(h.vfs);
    expect((await rank('split a window into panes', { dir: '/', kind: 'file', limit: 3 })).some((x) => x.best)).toBe(false);
  });

  it('a limit keeps exactly the first results of the full ranking (files and directories, scoped, ls children)', async () => {
    type Rank = (q: string, o: Record<string, unknown>) => Promise<{ path: string; score: number }[]>;
    const rank: Rank = (h.vfs as unknown as { rank: Rank }).rank.bind(h.vfs);
    for (const q of ['images', 'backup of the data', 'terminal multiplexer', 'distributed revision control']) {
      for (const o of [{ dir: '/' }, { dir: '/docs', kind: 'file' }, { dir: '/docs/notes' }, { dir: '/docs', children: true }]) {
        const all = await rank(q, o);
        expect(all.length).toBeGreaterThan(2);
        for (const k of [1, 2, 3, 7]) expect(await rank(q, { ...o, limit: k })).toEqual(all.slice(0, k));
      }
    }
    const entries = await h.vfs.ls('/docs/media', { similarTo: 'images', limit: 1 });
    expect(entries.map((e) => e.path)).toEqual([(await h.vfs.ls('/docs/media', { similarTo: 'images' })).sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]!.path]);
  });

  it('the bench-only fusions still rank every file in scope once: reciprocal ranks, and feedback keeps the clear best first', async () => {
    type Rank = (q: string, o: Record<string, unknown>) => Promise<{ path: string; score: number }[]>;
    const rank: Rank = (h.vfs as unknown as { rank: Rank }).rank.bind(h.vfs);
    const weights = { coverage: 0.3, passage: 0.15, centroid: 0.1, name: 0.1, bm25: 0.05, file: 0.3 };
    const rrf = await rank('terminal multiplexer', { dir: '/docs', kind: 'file', fusion: 'rrf', weights });
    expect(rrf.map((r) => r.path).sort()).toEqual(Object.keys(DOCS).map((k) => `/docs/${k}`).sort());
    expect(rrf[0]!.path).toBe('/docs/tmux/README');
    const fb = await rank('terminal multiplexer', { dir: '/docs', kind: 'file', weights, feedback: { files: 2, beta: 0.5, terms: 5, termWeight: 0.3 } });
    expect(fb[0]!.path).toBe('/docs/tmux/README');
    expect(new Set(fb.map((r) => r.path)).size).toBe(Object.keys(DOCS).length);
  });

  it('find similar-to prints full paths in plain mode', async () => {
    const entries = await h.vfs.find('version control history', '/docs', { kind: 'file' });
    const out = formatResult('fs.find', { entries });
    expect(out.split('\n')[0]).toMatch(/^\d\.\d+ {2}\/docs\/git\/README$/);
  });
});

// The examples on this machine's own package docs (skipped where they are not installed).
const PACKAGES = ['tmux', 'curl', 'less', 'bash', 'vim', 'gzip', 'sed', 'tar', 'grep', 'wget', 'openssh-client', 'make'];
const HAS_DOCS = existsSync('/usr/share/doc/tmux') && existsSync('/usr/share/doc/curl');

describe.skipIf(!HAS_DOCS)('cd by description on /usr/share/doc packages', () => {
  let d: TempHome;
  beforeAll(async () => {
    d = await tempHome(await gloveForTests(), { allowedRoots: ['/usr/share/doc'] });
    await d.vfs.mkdir('/pkgdocs');
    for (const p of PACKAGES.filter((x) => existsSync(`/usr/share/doc/${x}`))) await d.vfs.mount(`/usr/share/doc/${p}`, `/pkgdocs/${p}`);
  }, 300_000);
  afterAll(() => d.cleanup());

  it('cd "the directory about the terminal multiplexer" goes to the tmux docs', async () => {
    const r = await d.vfs.resolve('/', '"the directory about the terminal multiplexer"', { kind: 'dir' });
    expect(r.path).toBe('/pkgdocs/tmux');
  });

  it('cd "italian cooking recipes" refuses (fs.noMatch) instead of moving somewhere unrelated', async () => {
    const err = await rejection(d.vfs.resolve('/', '"italian cooking recipes"', { kind: 'dir' }));
    expect(err.code).toBe('fs.noMatch');
  });
});

