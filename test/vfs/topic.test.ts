// Page topics (topic.ts, page-topics.ts): the shipped word vectors place a paraphrase near the page
// it describes, the file ranking re-ranks its best files with them, the cache follows the tree,
// and a broken data file is refused with a clear error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NlshError } from '../../src/base/errors.js';
import { DEFAULT_WEIGHTS, rankPaths, type RankDeps } from '../../src/vfs/rank-files.js';
import { FileBm25 } from '../../src/vfs/file-bm25.js';
import { DEFAULT_CHUNK_WEIGHTS, type ChunkWeights } from '../../src/vfs/rank-chunks.js';
import { PageTopics } from '../../src/vfs/page-topics.js';
import { shippedTopics, TOPIC_FILE, TopicSpace } from '../../src/vfs/topic.js';
import { gloveForTests, tempHome, type TempHome } from './helpers.js';

// man-page heads; each query below shares no word with its page (stop words aside)
const PAGES: Record<string, string> = {
  'git-bisect.1': 'git-bisect - use binary search to find the commit that introduced a bug\nThis command uses a binary search algorithm to find which commit in your project history introduced a bug.',
  'tar.1': 'tar - an archiving utility\nGNU tar saves many files together into a single tape or disk archive, and can restore individual files from the archive.',
  'crontab.1': 'crontab - maintain crontab files for individual users\nCrontab is the program used to install a crontab table file, to schedule jobs run by cron.',
  'ping.1': 'ping - send ICMP ECHO_REQUEST to network hosts\nping uses the ICMP protocol to elicit an ICMP ECHO_RESPONSE from a host or gateway.',
  'gzip.1': 'gzip - compress or expand files\nGzip reduces the size of the named files using Lempel-Ziv coding.',
};
const PARAPHRASES: [string, string][] = [
  ['every night at midnight', 'crontab.1'],
  ['check whether a machine is reachable', 'ping.1'],
  ['make a download smaller', 'gzip.1'],
];

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('the shipped topic vectors', () => {
  it('put each paraphrase nearest the page it describes, among five', () => {
    const t = shippedTopics();
    for (const [q, page] of PARAPHRASES) {
      const qv = t.query(q)!;
      const near = Object.entries(PAGES)
        .map(([name, text]) => [name, cos(qv, t.page(name, text)!)] as const)
        .sort((a, b) => b[1] - a[1]);
      expect(near[0]![0], q).toBe(page);
    }
  });

  it('have no topic for a text of stop words and unknown words only, and unit vectors otherwise', () => {
    const t = shippedTopics();
    expect(t.query('the of and')).toBeUndefined();
    expect(t.query('qqqzzzxw')).toBeUndefined();
    const v = t.page('tar.1', PAGES['tar.1']!)!;
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('refuse a missing, foreign, truncated or padded file with fs.topicData', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-topic-'));
    try {
      const code = (f: () => unknown): string => {
        try {
          f();
        } catch (e) {
          expect(e).toBeInstanceOf(NlshError);
          expect((e as NlshError).hint).toBeTruthy();
          return (e as NlshError).code + ': ' + (e as Error).message;
        }
        return 'no error';
      };
      expect(code(() => TopicSpace.read(join(dir, 'absent.bin')))).toMatch(/^fs\.topicData: cannot read/);
      writeFileSync(join(dir, 'foreign.bin'), 'hello world, not vectors');
      expect(code(() => TopicSpace.read(join(dir, 'foreign.bin')))).toMatch(/^fs\.topicData: .*no NLSHDV1 header/);
      const real = readFileSync(TOPIC_FILE);
      writeFileSync(join(dir, 'short.bin'), real.subarray(0, real.length - 100));
      expect(code(() => TopicSpace.read(join(dir, 'short.bin')))).toMatch(/^fs\.topicData: .*truncated/);
      writeFileSync(join(dir, 'long.bin'), Buffer.concat([real, Buffer.from('x')]));
      expect(code(() => TopicSpace.read(join(dir, 'long.bin')))).toMatch(/^fs\.topicData: .*trailing/);
      const badHeader = Buffer.from(real);
      badHeader.write('{', 12); // the header's JSON, made invalid
      badHeader.write('!', 13);
      writeFileSync(join(dir, 'header.bin'), badHeader);
      expect(code(() => TopicSpace.read(join(dir, 'header.bin')))).toMatch(/^fs\.topicData: .*not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the file ranking re-ranks its best files by topic', () => {
  let host: string;
  let h: TempHome;
  let deps: RankDeps;
  beforeAll(async () => {
    host = mkdtempSync(join(tmpdir(), 'nlsh-topic-rank-'));
    for (const [name, text] of Object.entries(PAGES)) writeFileSync(join(host, name), text);
    h = await tempHome(await gloveForTests(), { allowedRoots: [host] });
    await h.vfs.mount(host, '/man');
    const v = h.vfs as unknown as Pick<RankDeps, 'store' | 'index' | 'dirs'>; // its parts (private in TypeScript only)
    deps = { store: v.store, index: v.index, dirs: v.dirs, embedder: await gloveForTests(), fileBm25: new FileBm25(h.db, v.store.lexical), topics: new PageTopics(v.store, shippedTopics()) };
  }, 120_000);
  afterAll(() => {
    h.cleanup();
    rmSync(host, { recursive: true, force: true });
  });

  const order = async (q: string, topic: number): Promise<string[]> =>
    (await rankPaths(deps, q, { dir: '/man', kind: 'file', weights: { ...DEFAULT_WEIGHTS, topic } })).map((r) => r.path.slice(5));

  it('moves a page up that is nearer the query in topic: tar for "make a download smaller" (4th -> 2nd)', async () => {
    const q = 'make a download smaller';
    const without = await order(q, 0);
    const withTopic = await order(q, DEFAULT_WEIGHTS.topic!);
    expect(without.indexOf('tar.1')).toBe(3);
    expect(withTopic.indexOf('tar.1')).toBe(1);
    expect(withTopic[0]).toBe('gzip.1');
    expect((await h.vfs.search(q, '/man'))[1]!.path).toBe('/man/tar.1');
  });

  it('grep meaning weighs the topic of each passage\'s page: tar moves up for "make a download smaller"', async () => {
    const q = 'make a download smaller';
    const files = async (weights?: ChunkWeights): Promise<string[]> =>
      [...new Set((await h.vfs.searchChunks(q, { limit: 10, dir: '/man', ...(weights ? { weights } : {}) })).map((c) => c.path.slice(5)))];
    const without = await files({ ...DEFAULT_CHUNK_WEIGHTS, topic: 0 });
    const withTopic = await files();
    expect(without.indexOf('tar.1')).toBe(2);
    expect(withTopic.indexOf('tar.1')).toBe(1);
  });

  it('keeps scores in [0, 1]', async () => {
    for (const [q] of PARAPHRASES) {
      for (const r of await rankPaths(deps, q, { dir: '/man' })) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it("keeps a page's topic while the tree is unchanged, and reads the page again after it changes", async () => {
    const topics = deps.topics!;
    const first = topics.of(['/man/ping.1', '/man/absent'], deps.dirs.generation);
    expect([...first.keys()]).toEqual(['/man/ping.1']);
    expect(topics.of(['/man/ping.1'], deps.dirs.generation).get('/man/ping.1')).toBe(first.get('/man/ping.1'));
    const q = shippedTopics().query('check whether a machine is reachable')!;
    const before = cos(q, first.get('/man/ping.1')!);
    await h.vfs.write('/man/ping.1', 'a recipe for lemon cake: butter, sugar, eggs and flour, baked for forty minutes');
    const after = topics.of(['/man/ping.1'], deps.dirs.generation).get('/man/ping.1')!;
    // the name still says ping; the text no longer does
    expect(before).toBeGreaterThan(0.15);
    expect(cos(q, after)).toBeLessThan(before - 0.05);
  });
});
