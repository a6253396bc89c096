// The semantic memory manager's tables (kernel layer, component 'memory'): named regions
// (mem.malloc) and L2 pages (compressed context with embeddings). Changes are written at once:
// they are rare next to messages. Only memory.ts uses this file.
import { migrate, type Db } from '../base/sqlite.js';
import { blobToVector, vectorToBlob } from './kernel-store.js';
import type { MemoryRegion } from './types.js';

/** Memory schema, one entry per version; append, never edit. */
export const MEMORY_MIGRATIONS: readonly string[] = [
  `CREATE TABLE mem_regions (
     id          TEXT PRIMARY KEY,
     description TEXT NOT NULL,
     owner       TEXT NOT NULL,
     shared_with TEXT NOT NULL,   -- JSON array of pids
     size_tokens INTEGER NOT NULL,
     used_tokens INTEGER NOT NULL,
     created_at  INTEGER NOT NULL,
     vector      BLOB NOT NULL
   );
   CREATE TABLE mem_pages (
     id         TEXT PRIMARY KEY,
     pid        TEXT NOT NULL,
     text       TEXT NOT NULL,    -- the original turns, "role: content" per line
     summary    TEXT NOT NULL,
     method     TEXT NOT NULL,    -- llm | extractive
     tokens     INTEGER NOT NULL, -- tokens of the original turns
     vector     BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     last_used  INTEGER NOT NULL
   );
   CREATE INDEX mem_pages_pid ON mem_pages(pid);
   CREATE TABLE mem_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`,
  `CREATE TABLE mem_region_entries (
     region TEXT NOT NULL,
     seq    INTEGER NOT NULL,
     author TEXT NOT NULL,
     text   TEXT NOT NULL,
     tokens INTEGER NOT NULL,
     vector BLOB NOT NULL,
     at     INTEGER NOT NULL,
     PRIMARY KEY (region, seq)
   );`,
];

/** A page of compressed context in L2. */
export interface Page {
  id: string; // "pg3"
  pid: string;
  text: string;
  summary: string;
  method: 'llm' | 'extractive';
  tokens: number;
  vector: number[];
  createdAt: number;
  lastUsed: number;
}

export interface StoredRegion extends MemoryRegion {
  vector: number[];
}

/** One piece of text written into a region. */
export interface RegionEntry {
  region: string;
  seq: number;
  author: string;
  text: string;
  tokens: number;
  vector: number[];
  at: number;
}

interface RegionRow { id: string; description: string; owner: string; shared_with: string; size_tokens: number; used_tokens: number; created_at: number; vector: Buffer }
interface PageRow { id: string; pid: string; text: string; summary: string; method: string; tokens: number; vector: Buffer; created_at: number; last_used: number }

/** Reads and writes regions, pages and id counters. */
export class MemoryStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    migrate(db, 'memory', MEMORY_MIGRATIONS);
    this.stmts = {
      putRegion: db.prepare(`INSERT INTO mem_regions(id, description, owner, shared_with, size_tokens, used_tokens, created_at, vector)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET shared_with = excluded.shared_with, used_tokens = excluded.used_tokens`),
      delRegion: db.prepare('DELETE FROM mem_regions WHERE id = ?'),
      putPage: db.prepare(`INSERT INTO mem_pages(id, pid, text, summary, method, tokens, vector, created_at, last_used)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      touchPage: db.prepare('UPDATE mem_pages SET last_used = ? WHERE id = ?'),
      delPage: db.prepare('DELETE FROM mem_pages WHERE id = ?'),
      putEntry: db.prepare('INSERT INTO mem_region_entries(region, seq, author, text, tokens, vector, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      getEntries: db.prepare('SELECT * FROM mem_region_entries WHERE region = ? ORDER BY seq'),
      delEntries: db.prepare('DELETE FROM mem_region_entries WHERE region = ?'),
      getMeta: db.prepare('SELECT value FROM mem_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO mem_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** Returns the next number of a counter ("region", "page") and stores its successor. */
  next(key: string): number {
    const row = this.stmts.getMeta.get(key) as { value: number } | undefined;
    const n = row?.value ?? 1;
    this.stmts.setMeta.run(key, n + 1);
    return n;
  }

  saveRegion(r: StoredRegion): void {
    this.stmts.putRegion.run(r.id, r.description, r.owner, JSON.stringify(r.sharedWith), r.sizeTokens, r.usedTokens, r.createdAt, vectorToBlob(r.vector));
  }

  /** Deletes a region and everything written into it, in one transaction. */
  deleteRegion(id: string): void {
    this.db.transaction(() => {
      this.stmts.delEntries.run(id);
      this.stmts.delRegion.run(id);
    })();
  }

  /** Appends an entry and stores the region's new usage, in one transaction. */
  addEntry(r: StoredRegion, e: RegionEntry): void {
    this.db.transaction(() => {
      this.stmts.putEntry.run(e.region, e.seq, e.author, e.text, e.tokens, vectorToBlob(e.vector), e.at);
      this.saveRegion(r);
    })();
  }

  /** Replaces all of a region's entries with one and stores its new usage, in one transaction. */
  replaceEntries(r: StoredRegion, e: RegionEntry): void {
    this.db.transaction(() => {
      this.stmts.delEntries.run(r.id);
      this.stmts.putEntry.run(e.region, e.seq, e.author, e.text, e.tokens, vectorToBlob(e.vector), e.at);
      this.saveRegion(r);
    })();
  }

  entries(region: string): RegionEntry[] {
    const rows = this.stmts.getEntries.all(region) as { region: string; seq: number; author: string; text: string; tokens: number; vector: Buffer; at: number }[];
    return rows.map((r) => ({ ...r, vector: blobToVector(r.vector) }));
  }

  savePage(p: Page): void {
    this.stmts.putPage.run(p.id, p.pid, p.text, p.summary, p.method, p.tokens, vectorToBlob(p.vector), p.createdAt, p.lastUsed);
  }

  /** Marks pages as used at `at`, in one transaction (for least-recently-used eviction). */
  touchPages(ids: readonly string[], at: number): void {
    this.db.transaction(() => {
      for (const id of ids) this.stmts.touchPage.run(at, id);
    })();
  }

  deletePage(id: string): void {
    this.stmts.delPage.run(id);
  }

  loadRegions(): StoredRegion[] {
    const rows = this.db.prepare('SELECT * FROM mem_regions ORDER BY created_at, id').all() as RegionRow[];
    return rows.map((r) => ({
      id: r.id, description: r.description, owner: r.owner, sharedWith: JSON.parse(r.shared_with) as string[],
      sizeTokens: r.size_tokens, usedTokens: r.used_tokens, createdAt: r.created_at, vector: blobToVector(r.vector),
    }));
  }

  loadPages(): Page[] {
    const rows = this.db.prepare('SELECT * FROM mem_pages ORDER BY created_at, id').all() as PageRow[];
    return rows.map((r) => ({
      id: r.id, pid: r.pid, text: r.text, summary: r.summary, method: r.method as Page['method'], tokens: r.tokens,
      vector: blobToVector(r.vector), createdAt: r.created_at, lastUsed: r.last_used,
    }));
  }
}
