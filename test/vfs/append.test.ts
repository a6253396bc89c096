// `>>` appends: only the file's tail is re-chunked and re-embedded, and the stored result is
// exactly what writing the whole text at once stores (chunks, line numbers, content, vector).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkText } from '../../src/vfs/chunker.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome;
beforeEach(async () => { h = await tempHome(); });
afterEach(() => h.cleanup());

const chunksOf = (path: string) =>
  h.db.prepare('SELECT seq, start_line AS startLine, end_line AS endLine, text, hash FROM vfs_chunks WHERE inode = (SELECT id FROM vfs_inodes WHERE path = ?) ORDER BY seq').all(path);
const vectorOf = (path: string): number[] => {
  const r = h.db.prepare('SELECT vector FROM vfs_inodes WHERE path = ?').get(path) as { vector: Buffer };
  return [...new Float32Array(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength / 4)];
};

// Pieces that end mid-line, with headings, blank runs, CRLF and a line longer than a chunk.
const pieces = [
  '# Log\n\nfirst entry about the scheduler',
  ' continues on the same line\n\n\n',
  '## second\n' + 'memory pages swap to disk. '.repeat(30) + '\n\n',
  'x'.repeat(2600) + '\nafter the long line\r\nwith crlf\r\n',
  '\n\n## third\nshort\n',
  'words '.repeat(400),
];

describe('append', () => {
  it('stores the same chunks, content and vector as writing the whole text at once', async () => {
    await h.vfs.write('/apps/a.md', pieces[0]!);
    for (const p of pieces.slice(1)) await h.vfs.write('/apps/a.md', p, { append: true });
    const whole = pieces.join('');
    await h.vfs.write('/apps/b.md', whole);
    expect(h.vfs.cat('/apps/a.md')).toBe(whole);
    expect(chunksOf('/apps/a.md')).toEqual(chunkText(whole));
    expect(chunksOf('/apps/a.md')).toEqual(chunksOf('/apps/b.md'));
    const [va, vb] = [vectorOf('/apps/a.md'), vectorOf('/apps/b.md')];
    // same name words for a.md and b.md differ, so compare with a file named alike instead
    expect(va.length).toBe(vb.length);
    await h.vfs.write('/apps/a.md', whole);
    vectorOf('/apps/a.md').forEach((x, i) => expect(va[i]).toBeCloseTo(x, 5));
  });

  it('looks at only the chunks at the tail, not every chunk of the file', async () => {
    await h.vfs.write('/apps/log.md', Array.from({ length: 400 }, (_, i) => `entry ${i} about topic ${i * 7}\n\n`).join(''));
    expect(h.vfs.stats().chunks).toBeGreaterThan(15);
    const looked = (): number => h.vfs.stats().cacheHits + h.vfs.stats().cacheMisses;
    const before = looked();
    await h.vfs.write('/apps/log.md', 'one more entry at the end\n', { append: true });
    expect(looked() - before).toBeLessThanOrEqual(2);
    expect(h.vfs.grep('one more entry', '/apps')[0]).toMatchObject({ path: '/apps/log.md', line: 801 });
  });
});
