// Host import, i.e. mount (vfs layer): recursively imports the text files of a host directory
// into VectorFS. Honours .gitignore and .nlshignore, skips (and reports) binaries, invalid
// UTF-8, oversized files, symlink loops and escapes, hard links, FIFOs and other special
// files, names that are not UTF-8 or hold control characters; is incremental by size/mtime and content
// hash; commits in batches so Ctrl-C or a crash keeps what was done and a re-mount resumes.
// A symlink to a file the walk imports anyway is skipped (reported), so each real file is
// imported and counted once; a content repeated within a batch is embedded once.
// Man pages are imported as plain text (man-text.ts). Yields to the event loop every ~20 ms so a
// progress bar repaints and Ctrl-C is seen while in-process embedders never really await.
// Called by vectorfs.ts only.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import ignore, { type Ignore } from 'ignore';
import { NlshError, isNlshError } from '../base/errors.js';
import type { Clock } from '../base/clock.js';
import { CHAINED_HASH_PREFIX, contentHash } from './chunker.js';
import { isManPage, manToText } from './man-text.js';
import type { FileWriter, PreparedFile } from './file-writer.js';
import { MAX_FILE_BYTES } from './file-writer.js';
import { checkHostPath, isUnder } from './host-roots.js';
import type { VfsStore } from './store.js';
import type { MountReport, ProgressFn } from './types.js';
import { joinPath, parentOf } from './vpath.js';

/** Longest stretch (ms) the import loop runs before letting timers and I/O callbacks run. */
const YIELD_EVERY_MS = 20;

/** Resolves after one turn of the event loop (timers, I/O, signal handlers get to run). */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface MountOptions {
  signal?: AbortSignal;
  progress?: ProgressFn;
  /** Files larger than this (bytes, after decompression) are skipped and reported. */
  maxFileBytes?: number;
  /** Chunks per SQLite transaction. */
  batchChunks?: number;
  /** Import files that have several names (hard links); skipped and reported by default. */
  allowHardLinks?: boolean;
}

/** Why a directory entry's raw name cannot become a VectorFS name, or undefined when it can. */
function badName(b: Buffer): string | undefined {
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return 'name is not valid UTF-8';
  }
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f-\x9f]/.test(name) ? 'name contains control characters' : undefined;
}

/** What kind of non-regular file a stat describes. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Default per-file size limit for mount. */
export const MOUNT_MAX_FILE = 2 * 1024 * 1024;

interface Found {
  host: string;
  rel: string;
  size: number;
  mtime: number;
  /** The file's real path when it was reached through a symlink. */
  via?: string;
}

interface ImportMeta {
  source: string;
  hostSize: number;
  hostMtime: number;
}

interface Rules {
  base: string;
  ig: Ignore;
}

/** Walks dir collecting candidate files; records skipped entries with reasons. */
function walk(root: string, allowed: readonly string[], skipped: MountReport['skipped'], allowHardLinks: boolean): Found[] {
  const out: Found[] = [];
  const seenDirs = new Set<string>();
  const visit = (dir: string, rules: Rules[]): void => {
    const real = realpathSync(dir);
    if (seenDirs.has(real)) {
      skipped.push({ path: dir, reason: 'symlink loop' });
      return;
    }
    seenDirs.add(real);
    const mine = [...rules];
    for (const f of ['.gitignore', '.nlshignore']) {
      try {
        mine.push({ base: dir, ig: ignore().add(readFileSync(join(dir, f), 'utf8')) });
      } catch {
        // no rules file here
      }
    }
    const ignored = (p: string, isDir: boolean): boolean =>
      mine.some((r) => {
        const rel = relative(r.base, p).split(sep).join('/');
        return rel !== '' && r.ig.ignores(isDir ? rel + '/' : rel);
      });
    let raw: Buffer[];
    try {
      raw = readdirSync(dir, { encoding: 'buffer' });
    } catch (err) {
      skipped.push({ path: dir, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? 'error'}` });
      return;
    }
    const names: string[] = [];
    for (const b of raw) {
      const bad = badName(b);
      if (bad) skipped.push({ path: join(dir, b.toString('utf8')), reason: bad });
      else names.push(b.toString('utf8'));
    }
    names.sort();
    for (const name of names) {
      if (name === '.git' || name === '.nlshignore') continue;
      const p = join(dir, name);
      let st;
      let target: string | undefined;
      try {
        const l = lstatSync(p);
        if (l.isSymbolicLink()) {
          const real = realpathSync(p);
          target = real;
          if (!allowed.some((r) => isUnder(real, r))) {
            skipped.push({ path: p, reason: 'symlink outside allowed roots' });
            continue;
          }
        }
        st = statSync(p);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        skipped.push({ path: p, reason: code === 'ELOOP' ? 'symlink loop' : `unreadable: ${code ?? 'error'}` });
        continue;
      }
      if (st.isDirectory()) {
        if (!ignored(p, true)) visit(p, mine);
      } else if (st.isFile()) {
        if (ignored(p, false)) continue;
        // Another name for the same inode may live outside the roots: the root check cannot see it.
        if (st.nlink > 1 && !allowHardLinks) skipped.push({ path: p, reason: `hard link (${st.nlink} names; one may be outside the allowed roots)` });
        else out.push({ host: p, rel: relative(root, p).split(sep).join('/'), size: st.size, mtime: Math.floor(st.mtimeMs), ...(target ? { via: target } : {}) });
      } else if (!ignored(p, false)) {
        skipped.push({ path: p, reason: `not a regular file (${kindOf(st)})` });
      }
    }
  };
  visit(root, []);
  return onceEach(out, skipped);
}

/** Drops symlinks to files the walk imports anyway (a man page's aliases, a README linked twice): each real file is imported once. */
function onceEach(found: Found[], skipped: MountReport['skipped']): Found[] {
  const byReal = new Map<string, Found>();
  for (const f of found) if (!f.via) byReal.set(f.host, f);
  return found.filter((f) => {
    if (!f.via) return true;
    const first = byReal.get(f.via);
    if (first) {
      skipped.push({ path: f.host, reason: `symlink to ${first.host}, which is imported once` });
      return false;
    }
    byReal.set(f.via, f);
    return true;
  });
}

/** Reads a host file as text (gunzipping .gz man pages); returns a skip reason instead when it is not storable text. */
function readText(f: Found, limit: number): { text: string } | { reason: string } {
  if (f.size > limit) return { reason: `too large (${f.size} bytes, limit ${limit})` };
  let buf = readFileSync(f.host);
  if (f.host.endsWith('.gz')) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: limit });
    } catch (err) {
      const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return { reason: tooBig ? `too large when decompressed (limit ${limit})` : 'corrupt gzip' };
    }
  }
  if (buf.subarray(0, 8192).includes(0)) return { reason: 'binary' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    return { reason: 'invalid UTF-8' };
  }
}

/** Imports hostDir at VectorFS path `at`; returns what it did; fails fs.outsideRoots, fs.notDir, or sys.interrupted (work done is kept). */
export async function importHost(
  deps: { store: VfsStore; writer: FileWriter; clock: Clock; allowedRoots: readonly string[]; mkdirp: (p: string) => Promise<void>; remove: (p: string) => number },
  hostDir: string,
  at: string,
  opts: MountOptions = {},
): Promise<MountReport> {
  const t0 = Date.now();
  const { store, writer } = deps;
  const host = checkHostPath(hostDir, deps.allowedRoots);
  let st;
  try {
    st = statSync(host);
  } catch {
    throw new NlshError('fs.notFound', `host directory ${host} does not exist`, { hint: 'check the path' });
  }
  if (!st.isDirectory()) throw new NlshError('fs.notDir', `${host} is not a directory`, { hint: 'mount takes a directory' });
  const atRow = store.get(at);
  if (atRow && atRow.kind !== 'dir') throw new NlshError('fs.notDir', `${at} is a file`, { hint: 'mount at a directory path' });
  const limit = Math.min(opts.maxFileBytes ?? MOUNT_MAX_FILE, MAX_FILE_BYTES);
  const report: MountReport = { root: at, files: 0, unchanged: 0, removed: 0, skipped: [], lines: 0, chunks: 0, distinct: 0, embedded: 0, ms: 0 };
  const roots = deps.allowedRoots.map((r) => checkHostPathQuiet(r));
  const found = walk(host, roots, report.skipped, opts.allowHardLinks === true);
  store.db
    .prepare(
      `INSERT INTO vfs_mounts (at, host, state, started) VALUES (?, ?, 'running', ?)
       ON CONFLICT(at) DO UPDATE SET host = excluded.host, state = 'running', started = excluded.started, finished = NULL`,
    )
    .run(at, host, deps.clock.now());
  await deps.mkdirp(at);
  const seen = new Set<string>();
  const contents = new Set<string>(); // distinct chunk contents imported
  let batch: PreparedFile[] = [];
  let batchChunks = 0;
  // vectors of the batch's chunks by content: a content repeated before the commit is embedded once
  const batchVectors = new Map<string, Float32Array>();
  const flush = (): void => {
    if (batch.length) writer.commit(batch);
    batch = [];
    batchChunks = 0;
    batchVectors.clear(); // committed: the store has them now
  };
  const total = found.length;
  let lastYield = performance.now();
  for (let i = 0; i < found.length; i++) {
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToLoop();
      lastYield = performance.now();
    }
    if (opts.signal?.aborted) {
      flush();
      store.db.prepare("UPDATE vfs_mounts SET state = 'interrupted' WHERE at = ?").run(at);
      report.ms = Date.now() - t0;
      throw new NlshError('sys.interrupted', `mount of ${host} interrupted after ${i} of ${total} files; run it again to resume`, {
        exitCode: 130,
        hint: 'files imported so far are kept; mounting again only imports the rest',
        details: { report },
      });
    }
    const f = found[i]!;
    const vpath = joinPath(at, f.rel.replace(/\.gz$/, ''));
    seen.add(vpath);
    opts.progress?.(i, total, f.rel);
    const existing = store.get(vpath);
    if (existing?.kind === 'dir') {
      report.skipped.push({ path: f.host, reason: `${vpath} is a directory in VectorFS` });
      continue;
    }
    const meta = existing?.metadata ? (JSON.parse(existing.metadata) as Partial<ImportMeta>) : undefined;
    if (meta && meta.source === f.host && meta.hostSize === f.size && meta.hostMtime === f.mtime) {
      report.unchanged++;
      continue;
    }
    const r = readText(f, limit);
    if ('reason' in r) {
      report.skipped.push({ path: f.host, reason: r.reason });
      continue;
    }
    if (isManPage(vpath, r.text)) r.text = manToText(r.text);
    const metadata = JSON.stringify({ source: f.host, hostSize: f.size, hostMtime: f.mtime } satisfies ImportMeta);
    // A file appended to in VectorFS has a chained hash (appendHash): compare its content instead.
    const same = existing?.hash && (existing.hash.startsWith(CHAINED_HASH_PREFIX) ? store.content(vpath) === r.text : existing.hash === contentHash(r.text));
    if (existing && same) {
      store.db.prepare('UPDATE vfs_inodes SET metadata = ? WHERE id = ?').run(metadata, existing.id);
      report.unchanged++;
      continue;
    }
    for (let d = parentOf(vpath); d !== at && !store.get(d); d = parentOf(d)) await deps.mkdirp(d);
    let prepared: PreparedFile;
    try {
      prepared = await writer.prepare(vpath, r.text, { metadata, signal: opts.signal, batch: batchVectors });
    } catch (err) {
      if (isNlshError(err) && err.code.startsWith('fs.')) {
        report.skipped.push({ path: f.host, reason: err.message });
        continue;
      }
      throw err;
    }
    batch.push(prepared);
    batchChunks += prepared.chunks.length;
    report.files++;
    report.lines += prepared.lines;
    report.chunks += prepared.chunks.length;
    for (const c of prepared.chunks) contents.add(c.hash);
    report.embedded += prepared.embedded;
    if (batchChunks >= (opts.batchChunks ?? 2000) || batch.length >= 500) flush();
  }
  flush();
  // Files that came from this host directory but are gone there are removed here too.
  const gone = store
    .subtree(at)
    .filter((row) => row.kind === 'file' && !seen.has(row.path) && row.metadata && isUnder(String((JSON.parse(row.metadata) as ImportMeta).source ?? ''), host));
  for (const g of gone) report.removed += deps.remove(g.path);
  store.db.prepare("UPDATE vfs_mounts SET state = 'done', finished = ? WHERE at = ?").run(deps.clock.now(), at);
  opts.progress?.(total, total, 'done');
  report.distinct = contents.size;
  report.ms = Date.now() - t0;
  return report;
}

function checkHostPathQuiet(r: string): string {
  try {
    return realpathSync(r);
  } catch {
    return r;
  }
}
