// VectorFS literal operations: the standard tree, write/cat/mkdir/rm/mv/cp, grep, persistence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNlshError, type NlshError } from '../../src/base/errors.js';
import { pickMatch } from '../../src/vfs/semantic-path.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeEach(async () => {
  h = await tempHome();
});
afterEach(() => h.cleanup());

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (isNlshError(err)) return err.code;
    throw err;
  }
  return 'ok';
}

describe('VectorFS tree', () => {
  it('first boot creates the standard tree', async () => {
    expect(await h.vfs.tree('/', 2)).toEqual([
      '/',
      '├── agents/',
      '├── apps/',
      '├── context/',
      '├── knowledge/',
      '│   ├── embeddings/',
      '│   ├── facts/',
      '│   └── graphs/',
      '├── logs/',
      '├── models/',
      '└── tools/',
    ]);
  });

  it('write then cat returns the content, and append adds to it', async () => {
    const e = await h.vfs.write('/apps/a.txt', 'hello\n');
    expect(e).toMatchObject({ name: 'a.txt', path: '/apps/a.txt', kind: 'file', size: 6 });
    await h.vfs.write('/apps/a.txt', 'world\n', { append: true });
    expect(h.vfs.cat('/apps/a.txt')).toBe('hello\nworld\n');
  });

  it('write into a missing directory fails with fs.notFound, onto a directory with fs.isDir', async () => {
    expect(await code(h.vfs.write('/nope/a.txt', 'x'))).toBe('fs.notFound');
    expect(await code(h.vfs.write('/apps', 'x'))).toBe('fs.isDir');
    expect(await code(() => h.vfs.cat('/apps'))).toBe('fs.isDir');
    expect(await code(() => h.vfs.cat('/apps/missing'))).toBe('fs.notFound');
  });

  it('binary and invalid Unicode content is refused and leaves nothing behind', async () => {
    expect(await code(h.vfs.write('/apps/bin', 'a\u0000b'))).toBe('fs.binary');
    expect(await code(h.vfs.write('/apps/bad', 'x\uD800y'))).toBe('fs.badEncoding');
    expect(h.vfs.stat('/apps/bin')).toBeUndefined();
    expect(h.vfs.stat('/apps/bad')).toBeUndefined();
  });

  it('mkdir needs -p for missing parents and refuses to overwrite', async () => {
    expect(await code(h.vfs.mkdir('/a/b'))).toBe('fs.notFound');
    await h.vfs.mkdir('/a/b/c', { parents: true });
    expect(h.vfs.stat('/a/b')?.kind).toBe('dir');
    expect(await code(h.vfs.mkdir('/a'))).toBe('fs.exists');
  });

  it('rm needs -r for directories, refuses /, and removes the whole subtree', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load the (empty) index now, so the writes below go through it
    await h.vfs.mkdir('/a/b', { parents: true });
    await h.vfs.write('/a/b/f.md', 'text about things');
    expect(await code(h.vfs.rm('/a'))).toBe('fs.isDir');
    expect(await code(h.vfs.rm('/'))).toBe('fs.denied');
    expect(await h.vfs.rm('/a', { recursive: true })).toBe(3);
    expect(h.vfs.stat('/a/b/f.md')).toBeUndefined();
    expect(h.vfs.stats().vectorsInIndex).toBe(0);
    expect(h.vfs.stats().deletedInIndex).toBe(1);
  });

  it('mv renames a directory with everything below it, and moves into an existing directory', async () => {
    await h.vfs.mkdir('/a/b', { parents: true });
    await h.vfs.write('/a/b/f.md', 'x');
    await h.vfs.mv('/a', '/z');
    expect(h.vfs.cat('/z/b/f.md')).toBe('x');
    expect(h.vfs.stat('/a')).toBeUndefined();
    await h.vfs.mv('/z/b/f.md', '/apps');
    expect(h.vfs.cat('/apps/f.md')).toBe('x');
    expect((await h.vfs.ls('/z/b')).length).toBe(0);
    expect(await code(h.vfs.mv('/z', '/z/b/q'))).toBe('fs.badPath');
  });

  it('cp -r copies a subtree without re-embedding unchanged chunks', async () => {
    await h.vfs.mkdir('/a', { parents: true });
    await h.vfs.write('/a/f.md', 'some words here');
    expect(await code(h.vfs.cp('/a', '/b'))).toBe('fs.isDir');
    const misses = h.vfs.stats().cacheMisses;
    await h.vfs.cp('/a', '/b', { recursive: true });
    expect(h.vfs.cat('/b/f.md')).toBe('some words here');
    expect(h.vfs.stats().cacheMisses).toBe(misses);
    expect(h.vfs.stats().chunks).toBe(2);
  });

  it('grep finds regex matches with line numbers and context, and rejects a bad pattern', async () => {
    await h.vfs.write('/apps/x.ts', 'one\nTODO two\nthree\nfour todo\n');
    expect(h.vfs.grep('TODO', '/').map((g) => [g.path, g.line])).toEqual([['/apps/x.ts', 2]]);
    expect(h.vfs.grep('todo', '/apps', { ignoreCase: true }).map((g) => g.line)).toEqual([2, 4]);
    expect(h.vfs.grep('two', '/apps/x.ts', { context: 1 })[0]!.context).toEqual([
      { line: 1, text: 'one' },
      { line: 3, text: 'three' },
    ]);
    expect(await code(() => h.vfs.grep('(', '/'))).toBe('fs.badPattern');
    expect(await code(() => h.vfs.grep('', '/'))).toBe('fs.emptyQuery');
  });

  it('resolve normalises .. without escaping the root', async () => {
    expect((await h.vfs.resolve('/knowledge/facts', '../../..')).path).toBe('/');
    expect((await h.vfs.resolve('/knowledge', 'facts/../graphs')).path).toBe('/knowledge/graphs');
    expect(await code(h.vfs.resolve('/', '/nowhere'))).toBe('fs.notFound');
    expect(await code(h.vfs.resolve('/', ''))).toBe('fs.badPath');
  });

  it('names with control characters (newline, ESC, DEL, the C1 CSI) are refused at write and mkdir with fs.badPath', async () => {
    for (const bad of ['/apps/two\nlines.md', '/apps/t\u001b]0;x\u0007.md', '/apps/del\u007f.md', '/apps/csi\u009b31m.md']) {
      expect(await code(h.vfs.write(bad, 'x'))).toBe('fs.badPath');
      expect(await code(h.vfs.mkdir(bad))).toBe('fs.badPath');
    }
  });

  it('files and the index persist across a restart', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load the (empty) index now, so the writes below go through it
    await h.vfs.write('/apps/keep.md', 'persistent words about gardening');
    await h.reopen();
    expect(h.vfs.cat('/apps/keep.md')).toBe('persistent words about gardening');
    expect(h.vfs.openReport.source).toBe('loaded');
    expect(h.vfs.stats().vectorsInIndex).toBe(1);
    const hits = await h.vfs.grepMeaning('gardening', '/');
    expect(hits[0]!.path).toBe('/apps/keep.md');
  });
});

describe('pickMatch', () => {
  const opts = { minScore: 0.3, minFileScore: 0.35, margin: 0.02, nameWeight: 0.4 };
  it('returns the best match above the threshold', () => {
    expect(pickMatch('x', [{ path: '/a', score: 0.8 }, { path: '/b', score: 0.5 }], 'dir', opts)).toEqual({ path: '/a', score: 0.8 });
  });
  it('fails with fs.noMatch naming the closest candidates below the threshold', () => {
    try {
      pickMatch('x', [{ path: '/a', score: 0.2 }, { path: '/b', score: 0.1 }], 'dir', opts);
      expect.unreachable();
    } catch (err) {
      expect(isNlshError(err, 'fs.noMatch')).toBe(true);
      expect((err as NlshError).details?.candidates).toEqual([{ path: '/a', score: 0.2 }, { path: '/b', score: 0.1 }]);
    }
  });
  it('fails with fs.ambiguous listing both when two unrelated matches are close', () => {
    try {
      pickMatch('x', [{ path: '/a', score: 0.8 }, { path: '/b', score: 0.79 }, { path: '/c', score: 0.5 }], 'dir', opts);
      expect.unreachable();
    } catch (err) {
      expect(isNlshError(err, 'fs.ambiguous')).toBe(true);
      expect((err as NlshError).details?.candidates).toEqual([{ path: '/a', score: 0.8 }, { path: '/b', score: 0.79 }]);
    }
  });
  it('a file needs the file threshold, a directory the directory threshold', () => {
    const ranked = (kind: 'file' | 'dir') => [{ path: '/a', kind, score: 0.32 }];
    expect(pickMatch('x', ranked('dir'), undefined, opts).path).toBe('/a');
    expect(() => pickMatch('x', ranked('file'), undefined, opts)).toThrow(/no file or directory matches/);
  });
  it('prefers the deeper directory when a parent ties with its own subdirectory', () => {
    expect(pickMatch('x', [{ path: '/a', score: 0.8 }, { path: '/a/b', score: 0.795 }], 'dir', opts).path).toBe('/a/b');
  });
});

describe('a failing embedder', () => {
  it('fails write with the embedder error and leaves the store unchanged', async () => {
    const { NlshError: E } = await import('../../src/base/errors.js');
    const { createHashEmbedder } = await import('../../src/embed/hash.js');
    const base = createHashEmbedder(64);
    let fail = false;
    const flaky = {
      ...base,
      embedSync: undefined,
      async embed(texts: readonly string[]) {
        if (fail) throw new E('embed.unavailable', 'the embedder is down');
        return base.embed(texts);
      },
    };
    const hh = await tempHome(flaky);
    try {
      expect(hh.vfs.openReport.source).toBe('new'); // load the (empty) index so the writes go through it
      await hh.vfs.write('/apps/a.txt', 'first version');
      fail = true;
      expect(await code(hh.vfs.write('/apps/a.txt', 'second version'))).toBe('embed.unavailable');
      expect(await code(hh.vfs.write('/apps/b.txt', 'new file'))).toBe('embed.unavailable');
      expect(hh.vfs.cat('/apps/a.txt')).toBe('first version');
      expect(hh.vfs.stat('/apps/b.txt')).toBeUndefined();
      expect(hh.vfs.stats()).toMatchObject({ chunks: 1, vectorsInIndex: 1 });
    } finally {
      hh.cleanup();
    }
  });
});

describe('grep meaning flags', () => {
  it('limits (-n), drops hits below --threshold, and adds -B/-A context around the chunk', async () => {
    const para = (w: string): string => `${w} `.repeat(160).trim();
    await h.vfs.write('/apps/doc.md', `intro line\n\n${para('apples')}\n\n${para('oranges')}\n\nlast line\n`);
    const all = await h.vfs.grepMeaning('apples', '/apps', { limit: 10 });
    expect(all.length).toBeGreaterThan(1);
    expect(all[0]!.text).toContain('apples');
    expect(await h.vfs.grepMeaning('apples', '/apps', { limit: 1 })).toHaveLength(1);
    const strict = await h.vfs.grepMeaning('apples', '/apps', { threshold: all[0]!.score! });
    expect(strict.map((x) => x.line)).toEqual([all[0]!.line]);
    const ctx = await h.vfs.grepMeaning('oranges', '/apps', { limit: 1, before: 1, after: 1 });
    const line = ctx[0]!.line;
    expect(ctx[0]!.context!.map((c) => c.line)).toContain(line - 1);
    expect(ctx[0]!.context!.every((c) => c.line < line || c.line > line)).toBe(true);
  });
});
