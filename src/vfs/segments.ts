// File contents as segments (vfs layer): a file's content is its legacy vfs_inodes.content
// column, if any, followed by its vfs_segments rows in id order (schema v3). A whole write cuts
// the text into segments after a newline near every SEGMENT_BYTES; an append extends the last
// segment while it is small, or adds one, so no append rewrites the whole content. Each segment
// keeps the line it starts on and its newline count, so reading from a line reads only the
// segments from there on. Owned by store.ts (which runs these inside its transactions).
import type { Db, Statement } from '../base/sqlite.js';

/** Content segments are cut (at a newline) once they reach this many bytes; an append rewrites at most this much. */
export const SEGMENT_BYTES = 64 * 1024;

function newlineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

type Row = { text: string };

export class Segments {
  private readonly st: Record<
    | 'content' | 'segments' | 'segmentsFrom' | 'segmentBefore' | 'lastSegment' | 'legacyContent' | 'legacyNewlines'
    | 'deleteSegments' | 'clearLegacy' | 'insertSegment' | 'extendSegment',
    Statement
  >;

  constructor(db: Db) {
    this.st = {
      content: db.prepare('SELECT id, content FROM vfs_inodes WHERE path = ?'),
      segments: db.prepare('SELECT text FROM vfs_segments WHERE inode = ? ORDER BY id'),
      segmentsFrom: db.prepare('SELECT text FROM vfs_segments WHERE inode = ? AND id >= ? ORDER BY id'),
      segmentBefore: db.prepare('SELECT id, first_line AS firstLine FROM vfs_segments WHERE inode = ? AND first_line < ? ORDER BY id DESC LIMIT 1'),
      lastSegment: db.prepare('SELECT id, first_line AS firstLine, newlines, length(CAST(text AS BLOB)) AS bytes FROM vfs_segments WHERE inode = ? ORDER BY id DESC LIMIT 1'),
      legacyContent: db.prepare('SELECT content FROM vfs_inodes WHERE id = ?'),
      legacyNewlines: db.prepare("SELECT coalesce(length(content) - length(replace(content, char(10), '')), 0) AS n FROM vfs_inodes WHERE id = ?"),
      deleteSegments: db.prepare('DELETE FROM vfs_segments WHERE inode = ?'),
      clearLegacy: db.prepare('UPDATE vfs_inodes SET content = NULL WHERE id = ? AND content IS NOT NULL'),
      insertSegment: db.prepare('INSERT INTO vfs_segments (inode, first_line, newlines, text) VALUES (?, ?, ?, ?)'),
      extendSegment: db.prepare('UPDATE vfs_segments SET text = text || ?, newlines = newlines + ? WHERE id = ?'),
    };
  }

  /** A file's content, or undefined when there is no such inode: its legacy content column, then its segments in order. */
  content(path: string): string | undefined {
    const row = this.st.content.get(path) as { id: number; content: string | null } | undefined;
    if (!row) return undefined;
    const segs = (this.st.segments.all(row.id) as Row[]).map((r) => r.text);
    return (row.content ?? '') + segs.join('');
  }

  /** Replaces a file's content with text, stored as segments cut after a newline near every SEGMENT_BYTES. */
  set(inode: number, text: string): void {
    this.st.deleteSegments.run(inode);
    this.st.clearLegacy.run(inode);
    let line = 1;
    for (let at = 0; at < text.length; ) {
      const nl = text.indexOf('\n', at + SEGMENT_BYTES - 1);
      const end = nl < 0 ? text.length : nl + 1;
      const piece = text.slice(at, end);
      const n = newlineCount(piece);
      this.st.insertSegment.run(inode, line, n, piece);
      line += n;
      at = end;
    }
  }

  /** Appends text: the last segment grows while it is under SEGMENT_BYTES (so the bytes rewritten are bounded), else a segment is added. */
  append(inode: number, text: string): void {
    const n = newlineCount(text);
    const last = this.st.lastSegment.get(inode) as { id: number; firstLine: number; newlines: number; bytes: number } | undefined;
    if (last && last.bytes < SEGMENT_BYTES) this.st.extendSegment.run(text, n, last.id);
    else {
      const first = last ? last.firstLine + last.newlines : 1 + ((this.st.legacyNewlines.get(inode) as { n: number } | undefined) ?? { n: 0 }).n;
      this.st.insertSegment.run(inode, first, n, text);
    }
  }

  /** A file's content from the start of line `line` (1-based) to its end, reading only the segments from there on. */
  fromLine(inode: number, line: number): string {
    const seg = this.st.segmentBefore.get(inode, line) as { id: number; firstLine: number } | undefined;
    let text: string;
    let skip: number;
    if (seg) {
      text = (this.st.segmentsFrom.all(inode, seg.id) as Row[]).map((r) => r.text).join('');
      skip = line - seg.firstLine;
    } else {
      const legacy = (this.st.legacyContent.get(inode) as { content: string | null } | undefined)?.content ?? '';
      text = legacy + (this.st.segments.all(inode) as Row[]).map((r) => r.text).join('');
      skip = line - 1;
    }
    let off = 0;
    for (let l = 0; l < skip; l++) off = text.indexOf('\n', off) + 1;
    return text.slice(off);
  }
}
