// Chunker (vfs layer): splits a file's text into chunks that keep their line numbers, so
// grep-by-meaning can answer path:line. Cuts prefer blank lines and markdown headings; very
// long lines are split. Called by vectorfs.ts when a file is written or mounted.
import { createHash } from 'node:crypto';

export interface Chunk {
  seq: number;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
  hash: string;
}

export interface ChunkOptions {
  /** A chunk is cut at the next paragraph break after this many characters. */
  target: number;
  /** A chunk is cut here even without a break. */
  max: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { target: 600, max: 1200 };

/** The sha1 of a text, hex; chunk and file content hashes. */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Marks a chained file hash (appendHash), which is not the sha1 of the whole content. */
export const CHAINED_HASH_PREFIX = '+';

/**
 * A file's content hash after appending text: '+' + sha1(previous hash + '\n' + appended), so
 * an append hashes only what it appends. Equal chained hashes mean equal content (same history);
 * a chained hash never equals a whole-content contentHash, so callers that compare with the
 * hash of a text (mount) compare the content itself when the stored hash is chained.
 */
export function appendHash(previous: string | null, appended: string): string {
  return CHAINED_HASH_PREFIX + createHash('sha1').update(previous ?? '').update('\n').update(appended).digest('hex');
}

/** Returns the chunks of text (none for blank text); never fails. */
export function chunkText(text: string, opts: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const lines = text.split(/\r?\n/);
  const out: Chunk[] = [];
  let buf: string[] = [];
  let start = 1;
  let size = 0;
  const flush = (endLine: number): void => {
    const t = buf.join('\n');
    if (t.trim().length > 0) out.push({ seq: out.length, startLine: start, endLine, text: t, hash: contentHash(t) });
    buf = [];
    size = 0;
    start = endLine + 1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    if (line.length > opts.max) {
      // A minified or generated line: its own chunks, each naming the same line.
      if (buf.length) flush(n - 1);
      for (let p = 0; p < line.length; p += opts.max) {
        const t = line.slice(p, p + opts.max);
        if (t.trim()) out.push({ seq: out.length, startLine: n, endLine: n, text: t, hash: contentHash(t) });
      }
      start = n + 1;
      continue;
    }
    const heading = /^#{1,6}\s/.test(line);
    if (heading && size >= opts.target / 4 && buf.length) flush(n - 1);
    if (buf.length === 0 && line.trim() === '') {
      start = n + 1;
      continue;
    }
    buf.push(line);
    size += line.length + 1;
    if ((size >= opts.target && line.trim() === '') || size >= opts.max) flush(n);
  }
  if (buf.length) flush(lines.length);
  return out;
}
