// The L3 memory tier: the system-wide embedding cache (embed layer; callers: the kernel, which
// wraps its embedder in it, and anything else that embeds through the kernel). Vectors are
// kept in an in-memory LRU (keyed by text) backed by an SQLite table (keyed by sha256(embedder
// id + text)), so unchanged text is never embedded twice, even across restarts. Writes are
// batched into one transaction per tick (or every 256 new vectors), since each commit is an
// fsync. The SQLite tier is on by default only for embedders without embedSync (ollama): for
// in-process embedders (glove: ~10 µs a sentence) a hash + SELECT + INSERT costs more than
// embedding again (measured in bench/embed.mjs), so they get the memory LRU only unless
// `persist: true`. Vectors are shared between callers: treat them as read-only.
import { createHash } from 'node:crypto';
import { migrate, type Db } from '../base/sqlite.js';
import type { Embedder } from './types.js';

export const DEFAULT_L3_ENTRIES = 10_000;
export const DEFAULT_L3_DISK_ENTRIES = 200_000;
const FLUSH_AT = 256;

const MIGRATIONS = [
  `CREATE TABLE embed_cache (
     key TEXT PRIMARY KEY,
     embedder TEXT NOT NULL,
     vec BLOB NOT NULL,
     created INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX embed_cache_created ON embed_cache(created);`,
];

export interface EmbeddingCacheStats {
  /** Vectors held in memory. */
  entries: number;
  /** In-memory capacity. */
  capacity: number;
  /** Texts answered without calling the inner embedder (memory or disk). */
  hits: number;
  /** Texts the inner embedder had to embed. */
  misses: number;
  /** Vectors dropped from memory to make room (they stay on disk). */
  evictions: number;
  /** Vectors stored on disk (SQLite). */
  stored: number;
}

/** An Embedder with the same id and dim as the one it wraps, answering repeated texts from the cache. */
export interface CachedEmbedder extends Embedder {
  readonly inner: Embedder;
  stats(): EmbeddingCacheStats;
  /** Writes pending vectors to SQLite now (also happens by itself within a tick). */
  flush(): void;
}

/** Returns the embedding cache over db for inner; vectors of other embedders in the same table are never mixed up (the id is in the key). */
export function createEmbeddingCache(
  db: Db,
  inner: Embedder,
  opts: { maxEntries?: number; maxDiskEntries?: number; persist?: boolean } = {},
): CachedEmbedder {
  migrate(db, 'embed', MIGRATIONS);
  const persist = opts.persist ?? !inner.embedSync;
  const capacity = Math.max(1, opts.maxEntries ?? DEFAULT_L3_ENTRIES);
  const diskCap = Math.max(capacity, opts.maxDiskEntries ?? DEFAULT_L3_DISK_ENTRIES);
  const select = db.prepare('SELECT vec FROM embed_cache WHERE key = ?').pluck();
  const insert = db.prepare('INSERT OR REPLACE INTO embed_cache(key, embedder, vec, created) VALUES (?, ?, ?, ?)');
  const countRows = db.prepare('SELECT count(*) FROM embed_cache').pluck();
  const prune = db.prepare('DELETE FROM embed_cache WHERE key IN (SELECT key FROM embed_cache ORDER BY created LIMIT ?)');
  const lru = new Map<string, Float32Array>();
  const pending = new Map<string, Float32Array>();
  let stored = countRows.get() as number;
  let hits = 0;
  let misses = 0;
  let evictions = 0;
  let scheduled: NodeJS.Immediate | undefined;
  let seq = 0;

  const diskKey = (text: string): string => createHash('sha256').update(inner.id).update('\u0000').update(text).digest('base64');

  const remember = (key: string, v: Float32Array): void => {
    lru.delete(key);
    lru.set(key, v);
    if (lru.size > capacity) {
      lru.delete(lru.keys().next().value!);
      evictions++;
    }
  };

  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.size === 0 || !db.open) return;
    const now = Date.now() * 1000;
    db.transaction(() => {
      for (const [text, v] of pending) {
        insert.run(diskKey(text), inner.id, Buffer.from(v.buffer, v.byteOffset, v.byteLength), now + (seq++ % 1000));
      }
      stored += pending.size;
      if (stored > diskCap) {
        prune.run(stored - diskCap + Math.ceil(diskCap / 10));
        stored = countRows.get() as number;
      }
    })();
    pending.clear();
  };

  const store = (key: string, v: Float32Array): void => {
    remember(key, v);
    if (!persist) return;
    pending.set(key, v);
    if (pending.size >= FLUSH_AT) flush();
    else if (!scheduled) {
      scheduled = setImmediate(() => {
        try {
          flush();
        } catch {
          // the database went away (shutdown); a cache may lose its last writes
        }
      });
      scheduled.unref();
    }
  };

  const lookup = (key: string): Float32Array | undefined => {
    const mem = lru.get(key) ?? pending.get(key);
    if (mem) {
      remember(key, mem);
      return mem;
    }
    if (!persist || !db.open) return undefined;
    const blob = select.get(diskKey(key)) as Buffer | undefined;
    if (!blob || blob.byteLength !== inner.dim * 4) return undefined;
    const v = new Float32Array(inner.dim);
    new Uint8Array(v.buffer).set(blob);
    remember(key, v);
    return v;
  };

  const cached: CachedEmbedder = {
    id: inner.id,
    kind: inner.kind,
    dim: inner.dim,
    inner,
    async embed(texts, o) {
      const out = new Array<Float32Array | undefined>(texts.length);
      const missing = new Map<string, { text: string; at: number[] }>(); // keyed by text
      texts.forEach((text, i) => {
        const key = text; // memory keys are texts; diskKey() hashes them for SQLite
        const v = lookup(key);
        if (v) {
          hits++;
          out[i] = v;
          return;
        }
        const m = missing.get(key);
        if (m) {
          hits++; // a duplicate inside the batch is embedded once
          m.at.push(i);
        } else missing.set(key, { text, at: [i] });
      });
      if (missing.size > 0) {
        const list = [...missing.entries()];
        const vecs = await inner.embed(list.map(([, m]) => m.text), o);
        list.forEach(([key, m], k) => {
          const v = vecs[k]!;
          misses++;
          store(key, v);
          for (const i of m.at) out[i] = v;
        });
      }
      return out as Float32Array[];
    },
    stats: () => ({ entries: lru.size, capacity, hits, misses, evictions, stored: stored + pending.size }),
    flush,
  };
  // Looked up at each access: a lazy inner embedder (embed/lazy.ts) gains embedSync once loaded.
  const cachedSync = (text: string): Float32Array => {
    const v = lookup(text);
    if (v) {
      hits++;
      return v;
    }
    misses++;
    const fresh = inner.embedSync!(text);
    store(text, fresh);
    return fresh;
  };
  Object.defineProperty(cached, 'embedSync', {
    get: () => (inner.embedSync ? cachedSync : undefined),
    enumerable: true,
    configurable: true,
  });
  if (inner.close) {
    const innerClose = inner.close.bind(inner);
    cached.close = async () => {
      flush();
      await innerClose();
    };
  }
  return cached;
}
