// The GloVe binary cache: built once from the wink JSON, reused, and rebuilt when damaged or stale
// (on small fixture files so every test converts in milliseconds).
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { appendFileSync, mkdirSync, existsSync, openSync, closeSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNlshError } from '../../src/base/errors.js';
import { createGloveEmbedder, gloveFromTables } from '../../src/embed/glove.js';
import { gloveCacheFile, loadGloveTables } from '../../src/embed/glove-cache.js';
import { closeGlove, HEADER_BYTES } from '../../src/embed/glove-format.js';
import { makeWinkFixture } from './wink-fixture.js';

function catchSync(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('glove cache', () => {
  it('is built on first load with progress, then read from the file on the second', async () => {
    const fx = makeWinkFixture();
    const progress: [number, number][] = [];
    const first = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source, onProgress: (d, t) => progress.push([d, t]) });
    expect(first.origin).toBe('built');
    expect(existsSync(gloveCacheFile(fx.cacheDir))).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    const second = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    expect(second.origin).toBe('cache');
    expect(second.tables.count).toBe(600);
    expect(second.tables.dim).toBe(8);
    // The same text embeds identically from the in-memory build and from the file.
    const a = gloveFromTables(first.tables, first);
    const b = gloveFromTables(second.tables, second);
    for (const text of ['w10 w20 w599', 'w1', '" w5']) expect(Array.from(b.embedSync(text))).toEqual(Array.from(a.embedSync(text)));
    expect(b.wordIndex('w599')).toBe(599);
    expect(b.wordIndex('"')).toBe(3);
    expect(b.wordIndex('nope')).toBe(-1);
    closeGlove(second.tables);
  });

  it('a truncated cache file is detected and rebuilt', async () => {
    const fx = makeWinkFixture();
    const built = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    const file = gloveCacheFile(fx.cacheDir);
    truncateSync(file, statSync(file).size - 100);
    const again = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    expect(again.origin).toBe('rebuilt');
    expect(again.reason).toMatch(/truncated/);
    expect(statSync(file).size).toBeGreaterThan(HEADER_BYTES);
    expect((await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source })).origin).toBe('cache');
    void built;
  });

  it('a flipped byte in the vocabulary part is caught by the checksum and rebuilt', async () => {
    const fx = makeWinkFixture();
    await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    const file = gloveCacheFile(fx.cacheDir);
    const bytes = readFileSync(file);
    bytes[HEADER_BYTES + 40] = bytes[HEADER_BYTES + 40]! ^ 0xff;
    writeFileSync(file, bytes);
    const again = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    expect(again.origin).toBe('rebuilt');
    expect(again.reason).toMatch(/checksum/);
  });

  it('a damaged block of vectors fails with embed.gloveCorrupt when read, and the file is rebuilt next time', async () => {
    const fx = makeWinkFixture();
    await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    const file = gloveCacheFile(fx.cacheDir);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([0x55, 0x55, 0x55]), 0, 3, statSync(file).size - 20); // inside the last block's rows
    closeSync(fd);
    const glove = await createGloveEmbedder({ cacheDir: fx.cacheDir, sourcePath: fx.source, fresh: true });
    expect(glove.load.origin).toBe('cache');
    expect(glove.embedSync('w1 w2').length).toBe(8); // first block is intact
    const err = catchSync(() => glove.embedSync('w598'));
    expect(isNlshError(err, 'embed.gloveCorrupt')).toBe(true);
    expect(existsSync(file)).toBe(false);
    await glove.close?.();
    expect((await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source })).origin).toBe('built');
  });

  it('a cache built from another version of the vectors is rebuilt', async () => {
    const fx = makeWinkFixture();
    await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    appendFileSync(fx.source, '\n'); // same content, different size stamp
    const again = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    expect(again.origin).toBe('rebuilt');
    expect(again.reason).toMatch(/another source/);
  });

  it('concurrent loads convert once: one builds, the others wait and read the file', async () => {
    const fx = makeWinkFixture(3000, 16);
    const loads = await Promise.all([1, 2, 3].map(() => loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source })));
    expect(loads.map((l) => l.origin).sort()).toEqual(['built', 'cache', 'cache']);
    expect(existsSync(`${gloveCacheFile(fx.cacheDir)}.lock`)).toBe(false);
  });

  it('a lock left by a process that died is broken instead of waited on', async () => {
    const fx = makeWinkFixture(300, 4);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(fx.cacheDir, { recursive: true });
    writeFileSync(`${gloveCacheFile(fx.cacheDir)}.lock`, `${dead}\n${hostname()}\n`);
    const t0 = Date.now();
    const load = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    expect(load.origin).toBe('built');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(existsSync(`${gloveCacheFile(fx.cacheDir)}.lock`)).toBe(false);
  });

  it('without the vectors package and without a cache, loading fails with embed.gloveMissing and an npm hint', async () => {
    const fx = makeWinkFixture(10, 4);
    const err = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: `${fx.dir}/missing.json` }).catch((e: unknown) => e);
    expect(isNlshError(err, 'embed.gloveMissing')).toBe(true);
    expect((err as { hint: string }).hint).toContain('npm install');
  });

  it('a valid cache is still used when the vectors package has gone missing', async () => {
    const fx = makeWinkFixture(300, 4);
    await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source });
    const load = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: `${fx.dir}/uninstalled.json` });
    expect(load.origin).toBe('cache');
    closeGlove(load.tables);
  });

  it('a malformed vectors file fails with embed.gloveCorrupt', async () => {
    const fx = makeWinkFixture(10, 4);
    writeFileSync(fx.source, '{"size":10,"dimensions":4,"words":[],"vectors":{"a":[1,2,3]}}');
    const err = await loadGloveTables({ cacheDir: fx.cacheDir, sourcePath: fx.source }).catch((e: unknown) => e);
    expect(isNlshError(err, 'embed.gloveCorrupt')).toBe(true);
    expect(existsSync(`${gloveCacheFile(fx.cacheDir)}.lock`)).toBe(false);
  });
});
