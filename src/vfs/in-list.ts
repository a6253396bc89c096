// `IN (...)` queries over many ids (vfs layer): one query for a list of chunk ids or hashes
// instead of one per item. An `IN (?, ...)` list is several times faster than json_each here;
// lists are padded (with a repeated item) to a power of two so a handful of prepared
// statements serve every size. Used by store.ts and lexical-index.ts.
import type { Db, Statement } from '../base/sqlite.js';

/** Longest `IN (...)` list of one query (SQLite allows far more parameters; this keeps the statements few). */
const MAX_IN = 256;

export class InLists {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** Rows of `select` (a query ending in `WHERE col`) completed with `IN (ids)`, in any order. */
  all(select: string, ids: readonly (number | string)[]): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < ids.length; i += MAX_IN) {
      const part = ids.slice(i, i + MAX_IN);
      let size = 8;
      while (size < part.length) size *= 2;
      const key = `${size}:${select}`;
      let st = this.statements.get(key);
      if (!st) {
        st = this.db.prepare(`${select} IN (${new Array(size).fill('?').join(',')})`);
        this.statements.set(key, st);
      }
      while (part.length < size) part.push(part[0]!);
      out.push(...st.all(...part));
    }
    return out;
  }
}
