// Embedder switch (vfs layer): when the store was built by another embedder (or dimension),
// every chunk, file and directory vector is recomputed so that vectors are never mixed. Runs
// inside openVectorFS before the index is loaded; one transaction, so a crash leaves the old
// vectors (and the old embedder stamp) intact and the switch simply runs again.
import type { Embedder } from '../embed/types.js';
import { normalize } from '../embed/types.js';
import { toBlob, type VfsStore } from './store.js';
import type { ProgressFn } from './types.js';
import { baseName, pathWords } from './vpath.js';

const BATCH = 256;

/** Recomputes all vectors with embedder and records it; returns the number of chunks embedded. */
export async function reembedAll(store: VfsStore, embedder: Embedder, progress?: ProgressFn): Promise<number> {
  const db = store.db;
  const chunks = db.prepare('SELECT id, inode, text, hash FROM vfs_chunks ORDER BY inode, seq').all() as {
    id: number;
    inode: number;
    text: string;
    hash: string;
  }[];
  const byHash = new Map<string, Float32Array>();
  const todo = [...new Map(chunks.map((c) => [c.hash, c.text])).entries()];
  for (let i = 0; i < todo.length; i += BATCH) {
    const part = todo.slice(i, i + BATCH);
    const vs = await embedder.embed(part.map(([, t]) => t));
    part.forEach(([h], j) => byHash.set(h, vs[j]!));
    progress?.(Math.min(i + BATCH, todo.length), todo.length, `re-embedding with ${embedder.id}`);
  }
  const inodes = db.prepare('SELECT id, path, kind, description FROM vfs_inodes').all() as {
    id: number;
    path: string;
    kind: string;
    description: string | null;
  }[];
  const names = await embedder.embed(inodes.map((r) => pathWords(baseName(r.path)) + (r.description ? ' ' + r.description : '')));
  const sums = new Map<number, Float32Array>();
  for (const c of chunks) {
    let s = sums.get(c.inode);
    if (!s) sums.set(c.inode, (s = new Float32Array(embedder.dim)));
    const v = byHash.get(c.hash)!;
    for (let i = 0; i < v.length; i++) s[i] = s[i]! + v[i]!;
  }
  const setChunk = db.prepare('UPDATE vfs_chunks SET vector = ? WHERE id = ?');
  const setInode = db.prepare('UPDATE vfs_inodes SET vector = ?, chunk_sum = NULL WHERE id = ?');
  store.tx(() => {
    for (const c of chunks) setChunk.run(toBlob(byHash.get(c.hash)!), c.id);
    inodes.forEach((r, i) => {
      const name = names[i]!;
      if (r.kind === 'dir') return void setInode.run(toBlob(name), r.id);
      const s = sums.get(r.id) ?? new Float32Array(embedder.dim);
      for (let k = 0; k < s.length; k++) s[k] = s[k]! + name[k]!;
      setInode.run(toBlob(normalize(s)), r.id);
    });
    store.setMeta('embedder', embedder.id);
    store.setMeta('dim', String(embedder.dim));
  });
  return todo.length;
}

