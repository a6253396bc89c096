// Directory scoring on a real tree (rank-files.ts): the tour's two cases on this repository's own
// source (mounted as examples/tour.nl mounts it), and the rules that keep one-file directories
// and parent directories in their place. Also the parts they rely on: name keys, the query's
// frame, and the whole-file bm25 with the name as a field (file-bm25.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../src/vfs/stem.js';
import { withoutFrame } from '../../src/vfs/rank-files.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

describe('the tour on this repository\'s source tree', () => {
  let h: TempHome;
  beforeAll(async () => {
    h = await tempHome(await gloveForTests(), { allowedRoots: [SRC] });
    await h.vfs.mount(SRC, '/repo/src');
  }, 300_000);
  afterAll(() => h.cleanup());

  it('cd "the directory about the language parser and grammar" goes to the shell\'s parser, not to /models', async () => {
    const r = await h.vfs.resolve('/', '"the directory about the language parser and grammar"', { kind: 'dir' });
    expect(r.path).toBe('/repo/src/shell/parse');
  });

  it('ls /repo/src similar-to "turning words into vectors" ranks embed first', async () => {
    const entries = await h.vfs.ls('/repo/src', { similarTo: 'turning words into vectors' });
    expect(entries[0]!.name).toBe('embed');
  });

  it('cd "the folder about processes, scheduling and syscalls" goes to the kernel, not to a subdirectory or the parent', async () => {
    const r = await h.vfs.resolve('/', '"the folder about processes, scheduling and syscalls"', { kind: 'dir' });
    expect(r.path).toBe('/repo/src/kernel');
  });
});

describe('directories with one file, and parents', () => {
  let host: string;
  let h: TempHome;
  beforeAll(async () => {
    host = mkdtempSync(join(tmpdir(), 'nlsh-dirrank-'));
    const files: Record<string, string> = {
      'garden/roses.md': 'Prune roses in late winter, feed them in spring and deadhead the flowers all summer.',
      'kitchen/bread.md': 'Knead the dough, let the yeast make it rise, then bake the loaf in a hot oven.',
      'kitchen/soup.md': 'Simmer onions, carrots and stock for an hour, then blend the soup smooth.',
      'kitchen/knives.txt': 'Keep kitchen knives sharp with a whetstone and cut on a wooden board.',
      'archive/2019/taxes/return.txt': 'income tax return for 2019 with the receipts of deductible expenses',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(host, rel, '..'), { recursive: true });
      writeFileSync(join(host, rel), text);
    }
    h = await tempHome(await gloveForTests(), { allowedRoots: [host] });
    await h.vfs.mount(host, '/home');
  }, 120_000);
  afterAll(() => {
    h.cleanup();
    rmSync(host, { recursive: true, force: true });
  });

  it('a directory holding a single matching file is found by it (its score is its file\'s, not diluted)', async () => {
    const r = await h.vfs.resolve('/', '"pruning roses and flowers"', { kind: 'dir' });
    expect(r.path).toBe('/home/garden');
  });

  it('a parent directory does not outscore the one subdirectory its evidence comes from', async () => {
    const dirs = await h.vfs.find('income tax return and receipts', '/home', { kind: 'dir' });
    const score = (p: string): number => dirs.find((d) => d.path === p)!.score!;
    expect(score('/home/archive/2019/taxes')).toBeGreaterThan(score('/home/archive/2019'));
    expect(score('/home/archive/2019')).toBeGreaterThan(score('/home/archive'));
  });
});

describe('name keys and query frames', () => {
  it('nameKey gives "parser" and "parse" one key, and "vectors" and "vector" another', () => {
    expect(nameKey('parser')).toBe(nameKey('parse'));
    expect(nameKey('vectors')).toBe(nameKey('vector'));
    expect(nameKey('user')).not.toBe(nameKey('us'));
  });

  it('withoutFrame drops "the directory about" but keeps a query that is only a frame word', () => {
    expect(withoutFrame('the directory about the terminal multiplexer')).toBe('the terminal multiplexer');
    expect(withoutFrame('a folder with holiday photos')).toBe('holiday photos');
    expect(withoutFrame('directory listing colours')).toBe('directory listing colours');
  });
});
