// fs.* syscalls through a booted kernel with the glove embedder: mount, semantic cd and grep
// meaning, and everything still there after a restart on the same home.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootKernel } from '../../src/kernel/kernel.js';

const TOPICS = join(import.meta.dirname, '..', 'vfs', 'fixtures', 'topics');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('fs syscalls in a booted kernel', () => {
  it('mount, cd by description and grep meaning work, and survive a restart', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nlsh-fsk-'));
    dirs.push(home);
    const boot = () => bootKernel({ home, embedder: 'glove', allowedRoots: [TOPICS], user: 'alice' });
    let k = await boot();
    const rep = await k.call('fs.mount', { host: TOPICS, at: '/topics' });
    expect(rep.files).toBe(15);
    expect(await k.call('fs.cd', { path: '"the directory about machine learning"' })).toMatchObject({ cwd: '/topics/machine-learning' });
    expect(k.session().cwd).toBe('/topics/machine-learning');
    await k.close();

    k = await boot();
    try {
      expect(await k.call('fs.cd', { path: '"stars and planets in outer space"' })).toMatchObject({ cwd: '/topics/astronomy' });
      const r = await k.call('fs.grepMeaning', { query: 'composers of symphonies', path: '/topics', limit: 3 });
      expect(r.hits[0]).toMatchObject({ path: '/topics/music/orchestra.md' });
      expect(k.services.vfs.stats().vectorsInIndex).toBe(15);
    } finally {
      await k.close();
    }
  }, 60_000);

  it('an unknown embedder fails boot with embed.unknownEmbedder', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nlsh-fsk-'));
    dirs.push(home);
    await expect(bootKernel({ home, embedder: 'bogus' as 'hash' })).rejects.toMatchObject({ code: 'embed.unknownEmbedder' });
  });
});
