// Test helpers for VectorFS: a temp home with a file database and an index directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/base/clock.js';
import { openDatabase, type Db } from '../../src/base/sqlite.js';
import type { Embedder } from '../../src/embed/types.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { openVectorFS, type VectorFSDeps } from '../../src/vfs/vectorfs.js';

export type OpenedVfs = Awaited<ReturnType<typeof openVectorFS>>;

export interface TempHome {
  dir: string;
  db: Db;
  vfs: OpenedVfs;
  reopen(embedder?: Embedder, extra?: Partial<VectorFSDeps>): Promise<OpenedVfs>;
  cleanup(): void;
}

/** Opens VectorFS in a fresh temp directory (database + index file there). */
export async function tempHome(embedder: Embedder = createHashEmbedder(64), extra: Partial<VectorFSDeps> = {}): Promise<TempHome> {
  const dir = mkdtempSync(join(tmpdir(), 'nlsh-vfs-'));
  const clock = new ManualClock(1_700_000_000_000);
  const open = async (e: Embedder, x: Partial<VectorFSDeps>): Promise<{ db: Db; vfs: OpenedVfs }> => {
    const db = openDatabase({ file: join(dir, 'nlsh.db') });
    const vfs = await openVectorFS({ db, embedder: e, clock, allowedRoots: [dir], indexDir: dir, ...extra, ...x });
    return { db, vfs };
  };
  const h: TempHome = {
    dir,
    ...(await open(embedder, {})),
    async reopen(e = embedder, x = {}) {
      h.vfs.close();
      h.db.close();
      const o = await open(e, x);
      h.db = o.db;
      h.vfs = o.vfs;
      return o.vfs;
    },
    cleanup() {
      try {
        h.vfs.close();
        h.db.close();
      } catch {
        // already closed
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** The GloVe embedder with its cache in NLSH_CACHE_DIR (the test setup's) or a temp dir, never the real home. */
export async function gloveForTests(): Promise<Embedder> {
  const { createGloveEmbedder } = await import('../../src/embed/glove.js');
  return createGloveEmbedder({ cacheDir: process.env.NLSH_CACHE_DIR ?? join(tmpdir(), 'nlsh-test-cache') });
}

/** The topic fixture tree (five folders about clearly different subjects). */
export const TOPICS = join(import.meta.dirname, 'fixtures', 'topics');
