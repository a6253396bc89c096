// VectorFS database schema (vfs layer): the SQLite tables that are the source of truth for
// VectorFS (inodes, chunks with their vectors, the FTS5 text index, settings, mount state).
// Only store.ts calls vfsMigrations(); the HNSW index is a cache rebuilt from these tables.

/** The vfs component's migrations, applied in order by migrate(db, 'vfs', ...). */
export const VFS_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE vfs_inodes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,
    parent TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('dir', 'file')),
    content TEXT,
    description TEXT,
    metadata TEXT,
    hash TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    mtime INTEGER NOT NULL,
    vector BLOB
  );
  CREATE INDEX vfs_inodes_parent ON vfs_inodes(parent);

  -- Chunk ids are never reused (AUTOINCREMENT): they are the HNSW labels, and a rewritten
  -- chunk gets a new id so a stale index can never return the old text.
  CREATE TABLE vfs_chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    inode INTEGER NOT NULL REFERENCES vfs_inodes(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start_line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    text TEXT NOT NULL,
    hash TEXT NOT NULL,
    vector BLOB NOT NULL
  );
  CREATE INDEX vfs_chunks_inode ON vfs_chunks(inode);
  CREATE INDEX vfs_chunks_hash ON vfs_chunks(hash);

  CREATE VIRTUAL TABLE vfs_fts USING fts5(
    text, content='vfs_chunks', content_rowid='id', tokenize='porter unicode61'
  );
  CREATE TRIGGER vfs_chunks_ai AFTER INSERT ON vfs_chunks BEGIN
    INSERT INTO vfs_fts(rowid, text) VALUES (new.id, new.text);
  END;
  CREATE TRIGGER vfs_chunks_ad AFTER DELETE ON vfs_chunks BEGIN
    INSERT INTO vfs_fts(vfs_fts, rowid, text) VALUES ('delete', old.id, old.text);
  END;

  CREATE TABLE vfs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- One row per mount; state 'running' after a crash or Ctrl-C means it can be resumed.
  CREATE TABLE vfs_mounts (
    at TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'interrupted')),
    started INTEGER NOT NULL,
    finished INTEGER
  );
  `,
  // v2: no stemming (query words are matched against the vocabulary to prune very common
  // ones, which needs the indexed form of a word to be the word), plus the vocabulary table.
  `
  DROP TRIGGER vfs_chunks_ai;
  DROP TRIGGER vfs_chunks_ad;
  DROP TABLE vfs_fts;
  CREATE VIRTUAL TABLE vfs_fts USING fts5(
    text, content='vfs_chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER vfs_chunks_ai AFTER INSERT ON vfs_chunks BEGIN
    INSERT INTO vfs_fts(rowid, text) VALUES (new.id, new.text);
  END;
  CREATE TRIGGER vfs_chunks_ad AFTER DELETE ON vfs_chunks BEGIN
    INSERT INTO vfs_fts(vfs_fts, rowid, text) VALUES ('delete', old.id, old.text);
  END;
  INSERT INTO vfs_fts(vfs_fts) VALUES ('rebuild');
  CREATE VIRTUAL TABLE vfs_fts_vocab USING fts5vocab(vfs_fts, 'row');
  `,
  // v3: appends cost what is appended. A file's content is its (legacy) vfs_inodes.content,
  // if any, followed by its vfs_segments rows in id order; writes store the content as segments
  // cut at line ends, `>>` extends the last segment (while it is small) or adds one, so no
  // append rewrites the whole content. first_line = the line the segment's first character is
  // on, newlines = its '\n' count: an append finds where its tail's line starts without
  // reading the whole file. chunk_sum = the sum of the file's chunk vectors (Float64, NULL
  // when unknown: recomputed from the chunks), so the file vector is updated, not re-summed.
  // Existing rows keep their content column and are read as before: no data is moved.
  `
  CREATE TABLE vfs_segments (
    id INTEGER PRIMARY KEY,
    inode INTEGER NOT NULL REFERENCES vfs_inodes(id) ON DELETE CASCADE,
    first_line INTEGER NOT NULL,
    newlines INTEGER NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX vfs_segments_inode ON vfs_segments(inode, id);
  ALTER TABLE vfs_inodes ADD COLUMN chunk_sum BLOB;
  -- an append looks up the chunks at a file's tail by line
  CREATE INDEX vfs_chunks_inode_line ON vfs_chunks(inode, start_line);
  `,
  // v4: the FTS5 text index is written by the store, not by a per-row trigger. A trigger runs
  // each chunk INSERT under a statement savepoint, and FTS5 flushes its pending terms to disk
  // at every savepoint: measured 3x slower than plain inserts in one transaction. store.ts
  // inserts each chunk's FTS5 row right after the chunk, in the same transaction, so the index
  // is exactly the chunk table at every commit (and a rollback drops both). Deletes keep their
  // trigger (FTS5 needs the old text; a mount deletes little, and the store skips a DELETE
  // that has nothing to delete, since even that opens a savepoint).
  `
  DROP TRIGGER vfs_chunks_ai;
  `,
  // v5: a partial index of the files' heads (their first two chunks, file-layout.ts HEAD_CHUNKS),
  // so grep meaning's page signal reads which chunks are heads, and their files, without
  // scanning every chunk row (1.3 s at 1M chunks through the inode index; the rows hold the
  // text and the vector). Built once on upgrade; a write maintains only head chunks' entries.
  `
  CREATE INDEX vfs_chunks_head ON vfs_chunks(seq, inode) WHERE seq < 2;
  `,
];
