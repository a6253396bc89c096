// After a change to a few files, the ranking's caches (file-bm25.ts's layout, the file table and
// file vectors of semantic-path.ts, page topics, the lexical index's word counts) patch those
// files (or forget those words) instead of reading the whole tree again. Patched, they must rank exactly as caches read afresh: each step below is checked
// against a second VectorFS opened on the same home.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/clock.js';
import { openDatabase } from '../../src/base/sqlite.js';
import type { Embedder } from '../../src/embed/types.js';
import { DEFAULT_SEMANTIC, DirectoryVectors } from '../../src/vfs/semantic-path.js';
import { openVectorFS } from '../../src/vfs/vectorfs.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';

const PAGES: Record<string, string> = {
  '/docs/tar.1': 'tar - an archiving utility\nGNU tar saves many files together into a single tape or disk archive.',
  '/docs/gzip.1': 'gzip - compress or expand files\nGzip reduces the size of the named files using Lempel-Ziv coding.',
  '/docs/crontab.1': 'crontab - maintain crontab files for individual users\nschedule jobs run by cron at fixed times.',
  '/docs/ping.1': 'ping - send ICMP ECHO_REQUEST to network hosts\nping checks whether a host answers on the network.',
  '/docs/net/curl.1': 'curl - transfer a URL\ncurl is a tool to transfer data from or to a server, with HTTP, FTP and more.',
  '/docs/net/ssh.1': 'ssh - OpenSSH remote login client\nssh logs into a remote machine and executes commands there, encrypted.',
  '/notes/todo.txt': 'buy milk; back up the laptop to the external disk; renew the passport',
};
const QUERIES = ['compress files into an archive', 'run a job every night', 'log into a remote machine', 'is the host reachable on the network', 'back up the laptop'];

let embedder: Embedder;
let h: TempHome;
beforeAll(async () => {
  embedder = await gloveForTests();
  h = await tempHome(embedder);
  await h.vfs.mkdir('/docs/net', { parents: true });
  await h.vfs.mkdir('/notes');
  for (const [p, text] of Object.entries(PAGES)) await h.vfs.write(p, text);
}, 120_000);
afterAll(() => h.cleanup());

/** What every ranking command returns for the queries, from a VectorFS. */
async function rankings(vfs: typeof h.vfs): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) {
    out.push((await vfs.find(q, '/', { limit: 20 })).map((e) => [e.path, e.score]));
    out.push((await vfs.search(q, '/', { limit: 20 })).map((e) => [e.path, e.score, e.line]));
    out.push((await vfs.ls('/docs', { similarTo: q, limit: 20 })).map((e) => [e.path, e.score]));
    out.push((await vfs.grepMeaning(q, '/', { limit: 20 })).map((e) => [e.path, e.line, e.score]));
  }
  return out;
}

/** The same from caches read afresh: a second VectorFS on the same home. */
async function fresh(): Promise<unknown[]> {
  const db = openDatabase({ file: join(h.dir, 'nlsh.db') });
  const vfs = await openVectorFS({ db, embedder, clock: new ManualClock(1_700_000_000_000), allowedRoots: [h.dir], indexDir: h.dir });
  try {
    return await rankings(vfs);
  } finally {
    vfs.close();
    db.close();
  }
}

describe('caches patched after a change rank as caches read afresh', () => {
  const steps: [string, () => Promise<unknown>][] = [
    ['a new file', () => h.vfs.write('/docs/rsync.1', 'rsync - a fast, versatile, remote file-copying tool\nrsync copies files to and from a remote host over ssh.')],
    ['a file rewritten with other words', () => h.vfs.write('/docs/ping.1', 'ping - a recipe for lemon cake with butter, sugar and eggs')],
    ['a file appended to', () => h.vfs.write('/notes/todo.txt', '\ncompress the old photos into one archive', { append: true })],
    ['a file removed', () => h.vfs.rm('/docs/gzip.1')],
    ['a removed file written again', () => h.vfs.write('/docs/gzip.1', 'gzip - compress or expand files\nGzip makes files smaller.')],
    ['a new directory with a description and a file in it', async () => {
      await h.vfs.mkdir('/docs/sched', { description: 'running jobs at fixed times' });
      await h.vfs.write('/docs/sched/at.1', 'at - queue jobs for later execution\nat runs commands at a later time.');
    }],
    ['a file with words outside ASCII (the lexical caches are all forgotten)', () => h.vfs.write('/notes/café.txt', 'crème brûlée and café au lait: a compressed archive of recipes')],
    ['a file removed whose words are cached', () => h.vfs.rm('/docs/tar.1')],
    ['a directory moved (everything read again)', () => h.vfs.mv('/docs/net', '/docs/network')],
  ];

  it('warms every cache first', async () => {
    expect(await rankings(h.vfs)).toEqual(await fresh());
  });

  for (const [what, change] of steps) {
    it(`after ${what}`, async () => {
      await rankings(h.vfs); // caches of the generation before
      await change();
      expect(await rankings(h.vfs)).toEqual(await fresh());
    });
  }
});

describe("another nlsh's writes on the same home", () => {
  it('are seen by the next ranking: its caches are read again and its vector index catches up', async () => {
    await rankings(h.vfs); // warm, with the vector index loaded
    const db = openDatabase({ file: join(h.dir, 'nlsh.db') });
    const other = await openVectorFS({ db, embedder, clock: new ManualClock(1_700_000_000_000), allowedRoots: [h.dir], indexDir: h.dir });
    try {
      await other.write('/docs/bzip2.1', 'bzip2 - a block-sorting file compressor\nbzip2 compresses files using the Burrows-Wheeler block sorting algorithm.');
      await other.write('/docs/crontab.1', 'crontab - tables for driving cron, the daemon that runs scheduled commands');
      await other.rm('/notes/todo.txt');
    } finally {
      other.close();
      db.close();
    }
    expect((await h.vfs.search('a block-sorting compressor', '/'))[0]!.path).toBe('/docs/bzip2.1');
    expect(await rankings(h.vfs)).toEqual(await fresh());
  });
});

describe('the change log', () => {
  it('names the files changed since a generation, and nothing when it does not know', async () => {
    const g = await tempHome(embedder);
    try {
      const dirs = new DirectoryVectors((g.vfs as unknown as { store: ConstructorParameters<typeof DirectoryVectors>[0] }).store, 100, DEFAULT_SEMANTIC);
      expect([...dirs.changedSince(0)!]).toEqual([]);
      dirs.invalidate(['/a']);
      dirs.invalidate(['/b', '/a']);
      dirs.invalidate([], true);
      expect([...dirs.changedSince(0)!].sort()).toEqual(['/a', '/b']);
      expect([...dirs.changedSince(2)!]).toEqual([]);
      dirs.invalidate();
      expect(dirs.changedSince(2)).toBeUndefined(); // a change of unknown extent
      expect([...dirs.changedSince(4)!]).toEqual([]);
      for (let i = 0; i < 70; i++) dirs.invalidate([`/f${i}`]);
      expect(dirs.changedSince(4)).toBeUndefined(); // further back than the log
      expect([...dirs.changedSince(dirs.generation - 2)!]).toEqual(['/f68', '/f69']);
      const many = Array.from({ length: 300 }, (_, i) => `/m${i}`);
      dirs.invalidate(many);
      expect(dirs.changedSince(dirs.generation - 1)).toBeUndefined(); // too many to patch
    } finally {
      g.cleanup();
    }
  });
});

describe('the ranking with a limit scores only the files that can change its result', () => {
  it('returns exactly the head of the ranking without a limit, for files, directories and both (READMEs of node_modules)', async () => {
    const g = await tempHome(embedder);
    try {
      // real text nobody wrote for this test: the packages' READMEs, in three directories
      const root = join(import.meta.dirname, '..', '..', 'node_modules');
      const packages = readdirSync(root).flatMap((d) => (d.startsWith('@') ? readdirSync(join(root, d)).map((e) => `${d}/${e}`) : [d]));
      const readmes = packages.filter((d) => !d.startsWith('.') && existsSync(join(root, d, 'README.md'))).sort().slice(0, 150);
      expect(readmes.length).toBeGreaterThan(80);
      for (const d of ['a', 'b', 'c']) await g.vfs.mkdir(`/lib/${d}`, { parents: true });
      for (const [k, name] of readmes.entries()) {
        const text = readFileSync(join(root, name, 'README.md'), 'utf8').slice(0, 6000).replace(/[^\x09\x0a\x20-\x7e]/g, ' ');
        await g.vfs.write(`/lib/${'abc'[k % 3]}/${name.replace('/', '-')}.md`, text);
      }
      const v = g.vfs as unknown as { rank: (q: string, o: object) => Promise<{ path: string; score: number }[]> };
      for (const q of ['parse command line arguments', 'colors in the terminal', 'a fast database for node', 'read and write files', 'run tests', 'validate a schema']) {
        for (const kind of ['file', 'dir', undefined] as const) {
          for (const [dir, children] of [['/', false], ['/lib/a', false], ['/lib', true]] as const) {
            const o = { dir, children, ...(kind ? { kind } : {}) };
            const all = (await v.rank(q, o)).map((r) => [r.path, r.score]);
            for (const limit of [10, 45]) {
              const head = (await v.rank(q, { ...o, limit })).map((r) => [r.path, r.score]);
              expect(head, `${q} ${kind} ${dir} ${limit}`).toEqual(all.slice(0, limit));
            }
          }
        }
      }
    } finally {
      g.cleanup();
    }
  }, 120_000);
});
