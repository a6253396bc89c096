// mount (host import) and export: ignore rules, bad files reported, incremental re-mount,
// interruption keeps the work done, host paths confined to allowed roots.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNlshError, type NlshError } from '../../src/base/errors.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import type { Embedder } from '../../src/embed/types.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
let host: string;
beforeEach(async () => {
  h = await tempHome();
  host = join(h.dir, 'src');
  mkdirSync(join(host, 'docs', 'deep'), { recursive: true });
  writeFileSync(join(host, 'README.md'), '# Project\n\nThis project parses configuration files.\n');
  writeFileSync(join(host, 'docs', 'guide.md'), '# Guide\n\nInstall it, then run it.\n');
  writeFileSync(join(host, 'docs', 'deep', 'notes.txt'), 'deep notes\n');
});
afterEach(() => h.cleanup());

async function rejection(p: Promise<unknown>): Promise<NlshError> {
  try {
    await p;
  } catch (err) {
    if (isNlshError(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('mount', () => {
  it('imports text files recursively, keeping the directory structure', async () => {
    expect(h.vfs.openReport.source).toBe('new'); // load the (empty) index now, so the writes below go through it
    const r = await h.vfs.mount(host, '/mnt/src');
    expect(r).toMatchObject({ root: '/mnt/src', files: 3, unchanged: 0, removed: 0, skipped: [] });
    expect(r.lines).toBe(7);
    expect(r.chunks).toBe(3);
    expect(h.vfs.cat('/mnt/src/docs/deep/notes.txt')).toBe('deep notes\n');
    expect(h.vfs.stats().vectorsInIndex).toBe(3);
    expect(h.vfs.pendingMounts()).toEqual([]);
  });

  it('honours .gitignore and .nlshignore', async () => {
    writeFileSync(join(host, '.gitignore'), 'build/\n*.log\n');
    writeFileSync(join(host, 'docs', '.nlshignore'), 'deep\n');
    mkdirSync(join(host, 'build'));
    writeFileSync(join(host, 'build', 'out.js'), 'x');
    writeFileSync(join(host, 'app.log'), 'log line');
    const r = await h.vfs.mount(host, '/m');
    expect(r.files).toBe(3); // README.md, docs/guide.md, .gitignore itself
    expect(h.vfs.stat('/m/build')).toBeUndefined();
    expect(h.vfs.stat('/m/app.log')).toBeUndefined();
    expect(h.vfs.stat('/m/docs/deep')).toBeUndefined();
  });

  it('skips and reports binaries, invalid UTF-8, oversized files, symlink loops and escapes', async () => {
    writeFileSync(join(host, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    writeFileSync(join(host, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(host, 'huge.txt'), '');
    truncateSync(join(host, 'huge.txt'), 100 * 1024 * 1024); // a sparse 100 MB file
    symlinkSync(host, join(host, 'docs', 'loop'));
    symlinkSync('/etc', join(host, 'etc-link'));
    const r = await h.vfs.mount(host, '/m');
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.path.slice(host.length + 1), s.reason]));
    expect(reasons['image.png']).toBe('binary');
    expect(reasons['latin1.txt']).toBe('invalid UTF-8');
    expect(reasons['huge.txt']).toMatch(/^too large/);
    expect(reasons['docs/loop']).toBe('symlink loop');
    expect(reasons['etc-link']).toBe('symlink outside allowed roots');
    expect(r.files).toBe(3);
    expect(h.vfs.stat('/m/image.png')).toBeUndefined();
  });

  it('skips and reports hard links, FIFOs and names that are not UTF-8 or hold control characters, each as what it is', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'nlsh-outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'outside the roots\n');
      linkSync(join(outside, 'secret.txt'), join(host, 'inner.txt'));
      execFileSync('mkfifo', [join(host, 'pipe')]);
      writeFileSync(Buffer.concat([Buffer.from(host + '/bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]), 'x\n');
      writeFileSync(join(host, 'evil\u001b]0;pwned\u0007.md'), 'x\n');
      writeFileSync(join(host, 'two\nlines.md'), 'x\n');
      const r = await h.vfs.mount(host, '/m');
      const reasons = Object.fromEntries(r.skipped.map((s) => [s.path.slice(host.length + 1), s.reason]));
      expect(reasons['inner.txt']).toMatch(/^hard link \(2 names/);
      expect(reasons['pipe']).toBe('not a regular file (FIFO)');
      expect(reasons['bad\ufffd\ufffd.txt']).toBe('name is not valid UTF-8');
      expect(reasons['evil\u001b]0;pwned\u0007.md']).toBe('name contains control characters');
      expect(reasons['two\nlines.md']).toBe('name contains control characters');
      expect(r.files).toBe(3);
      expect(h.vfs.stat('/m/inner.txt')).toBeUndefined();
      const allowed = await h.vfs.mount(host, '/m2', { allowHardLinks: true });
      expect(allowed.files).toBe(4);
      expect(h.vfs.cat('/m2/inner.txt')).toBe('outside the roots\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('gunzips .gz man pages', async () => {
    writeFileSync(join(host, 'ls.1.gz'), gzipSync('.TH LS 1\n.SH NAME\nls \\- list directory contents\n'));
    await h.vfs.mount(host, '/m');
    expect(h.vfs.cat('/m/ls.1')).toContain('list directory contents');
  });

  it('re-mount is incremental: unchanged files are skipped, a changed one re-embeds only its new chunks, a deleted one is removed', async () => {
    const alpha = 'Alpha sentence. '.repeat(40);
    writeFileSync(join(host, 'README.md'), `${alpha}\n\n${'Beta sentence. '.repeat(40)}\n`);
    await h.vfs.mount(host, '/m');
    const again = await h.vfs.mount(host, '/m');
    expect(again).toMatchObject({ files: 0, unchanged: 3, embedded: 0, removed: 0 });
    writeFileSync(join(host, 'README.md'), `${alpha}\n\n${'Gamma sentence. '.repeat(40)}\n`);
    unlinkSync(join(host, 'docs', 'deep', 'notes.txt'));
    const third = await h.vfs.mount(host, '/m');
    expect(third).toMatchObject({ files: 1, unchanged: 1, removed: 1 });
    expect(third.chunks).toBe(2);
    expect(third.embedded).toBe(1);
    expect(h.vfs.stat('/m/docs/deep/notes.txt')).toBeUndefined();
    const hits = await h.vfs.grepMeaning('deep notes', '/');
    expect(hits.every((x) => x.path !== '/m/docs/deep/notes.txt')).toBe(true);
  });

  it('an aborted mount stops with sys.interrupted (exit 130), keeps what it did, and a re-mount resumes', async () => {
    for (let i = 0; i < 30; i++) writeFileSync(join(host, `f${i}.txt`), `file number ${i}\n`);
    const ac = new AbortController();
    const err = await rejection(
      h.vfs.mount(host, '/m', { signal: ac.signal, progress: (done) => void (done === 10 && ac.abort()) }),
    );
    expect(err.code).toBe('sys.interrupted');
    expect(err.exitCode).toBe(130);
    expect(h.vfs.pendingMounts()).toEqual([{ host, at: '/m' }]);
    const kept = h.vfs.stats().chunks;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(33);
    const r = await h.vfs.mount(host, '/m');
    expect(r.unchanged).toBe(kept);
    expect(r.files).toBe(33 - kept);
    expect(h.vfs.stats().chunks).toBe(33);
    expect(h.vfs.pendingMounts()).toEqual([]);
  });

  it('a long mount with an in-process embedder lets timers run, and an abort from a timer stops it with sys.interrupted; a re-mount resumes', async () => {
    // An in-process embedder that burns 1 ms of CPU per call and resolves at once, like GloVe on a big tree.
    const hash = createHashEmbedder(64);
    const spin = (): void => {
      const end = performance.now() + 1;
      while (performance.now() < end);
    };
    const slow: Embedder = {
      ...hash,
      embedSync: (t) => (spin(), hash.embedSync!(t)),
      embed: async (texts) => (spin(), hash.embed(texts)),
    };
    const s = await tempHome(slow);
    try {
      const tree = join(s.dir, 'tree');
      mkdirSync(tree);
      for (let i = 0; i < 300; i++) writeFileSync(join(tree, `f${i}.txt`), `file number ${i} of the tree\n`);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      let progressAtFirstTick = -1;
      let done = 0;
      const progress = (n: number): void => {
        done = n;
        if (ticks > 0 && progressAtFirstTick < 0) progressAtFirstTick = n;
      };
      try {
        await s.vfs.mount(tree, '/t1', { progress });
      } finally {
        clearInterval(timer);
      }
      expect(ticks).toBeGreaterThanOrEqual(3);
      expect(progressAtFirstTick).toBeGreaterThan(0);
      expect(progressAtFirstTick).toBeLessThan(300);
      expect(done).toBe(300);

      const ac = new AbortController();
      const abortTimer = setTimeout(() => ac.abort(), 60);
      const err = await rejection(s.vfs.mount(tree, '/t2', { signal: ac.signal }));
      clearTimeout(abortTimer);
      expect(err.code).toBe('sys.interrupted');
      expect(s.vfs.pendingMounts()).toEqual([{ host: tree, at: '/t2' }]);
      const kept = (await s.vfs.ls('/t2')).length;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(300);
      const r = await s.vfs.mount(tree, '/t2');
      expect(r.unchanged).toBe(kept);
      expect(r.files).toBe(300 - kept);
      expect((await s.vfs.ls('/t2')).length).toBe(300);
      expect(s.vfs.pendingMounts()).toEqual([]);
    } finally {
      s.cleanup();
    }
  });

  it('host paths outside the allowed roots, and missing or file hosts, are refused', async () => {
    expect((await rejection(h.vfs.mount('/etc', '/m'))).code).toBe('fs.outsideRoots');
    expect((await rejection(h.vfs.mount(join(host, '..', '..'), '/m'))).code).toBe('fs.outsideRoots');
    expect((await rejection(h.vfs.mount(join(host, 'nope'), '/m'))).code).toBe('fs.notFound');
    expect((await rejection(h.vfs.mount(join(host, 'README.md'), '/m'))).code).toBe('fs.notDir');
  });
});

describe('export', () => {
  it('writes a subtree to a host directory under the allowed roots', async () => {
    await h.vfs.mount(host, '/m');
    const out = join(h.dir, 'out');
    const r = await h.vfs.export('/m/docs', out);
    expect(r).toMatchObject({ files: 2 });
    expect(readFileSync(join(out, 'deep', 'notes.txt'), 'utf8')).toBe('deep notes\n');
    expect(readFileSync(join(out, 'guide.md'), 'utf8')).toContain('Install it');
  });

  it('refuses to follow a symlink planted in the target that points outside the roots', async () => {
    await h.vfs.write('/apps/x.txt', 'secret');
    const out = join(h.dir, 'out');
    mkdirSync(out);
    symlinkSync('/tmp', join(out, 'x.txt'));
    expect((await rejection(h.vfs.export('/apps', out))).code).toBe('fs.outsideRoots');
    expect(existsSync('/tmp/x.txt') && readFileSync('/tmp/x.txt', 'utf8') === 'secret').toBe(false);
  });

  describe('through links planted in the target', () => {
    let outside: string;
    let out: string;
    beforeEach(async () => {
      outside = mkdtempSync(join(tmpdir(), 'nlsh-outside-'));
      out = join(h.dir, 'out');
      mkdirSync(out);
      await h.vfs.write('/apps/a.md', 'hi\n');
    });
    afterEach(() => rmSync(outside, { recursive: true, force: true }));

    it('a dangling file link pointing outside the roots is refused and nothing is written there', async () => {
      symlinkSync(join(outside, 'pwned.md'), join(out, 'a.md'));
      expect((await rejection(h.vfs.export('/apps/a.md', out))).code).toBe('fs.outsideRoots');
      expect(existsSync(join(outside, 'pwned.md'))).toBe(false);
    });

    it('a dangling directory link pointing outside the roots is refused with fs.outsideRoots, not sys.internal', async () => {
      await h.vfs.mkdir('/apps/sub');
      await h.vfs.write('/apps/sub/b.md', 'b\n');
      symlinkSync(join(outside, 'newdir'), join(out, 'sub'));
      expect((await rejection(h.vfs.export('/apps', out))).code).toBe('fs.outsideRoots');
      expect(existsSync(join(outside, 'newdir'))).toBe(false);
      symlinkSync(join(outside, 'gone'), join(h.dir, 'linkdir'));
      expect((await rejection(h.vfs.export('/apps', join(h.dir, 'linkdir')))).code).toBe('fs.outsideRoots');
      expect(existsSync(join(outside, 'gone'))).toBe(false);
    });

    it('a link to a file inside the roots is not written through either', async () => {
      writeFileSync(join(h.dir, 'inside.md'), 'keep\n');
      symlinkSync(join(h.dir, 'inside.md'), join(out, 'a.md'));
      expect((await rejection(h.vfs.export('/apps/a.md', out))).code).toBe('fs.unsafeTarget');
      expect(readFileSync(join(h.dir, 'inside.md'), 'utf8')).toBe('keep\n');
    });

    it('a hard link to a file outside the roots is refused before it is truncated', async () => {
      writeFileSync(join(outside, 'victim.md'), 'precious\n');
      linkSync(join(outside, 'victim.md'), join(out, 'a.md'));
      expect((await rejection(h.vfs.export('/apps/a.md', out))).code).toBe('fs.unsafeTarget');
      expect(readFileSync(join(outside, 'victim.md'), 'utf8')).toBe('precious\n');
    });

    it('a FIFO in the target is refused at once instead of blocking', async () => {
      execFileSync('mkfifo', [join(out, 'a.md')]);
      expect((await rejection(h.vfs.export('/apps/a.md', out))).code).toBe('fs.unsafeTarget');
    });
  });
});
