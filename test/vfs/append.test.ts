// `>>` appends: only the file's tail is re-chunked and re-embedded, and the stored result is
// exactly what writing the whole text at once stores (chunks, line numbers, content, vector);
// the content is appended as segments, so an append writes what it appends, not the file.
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkText, contentHash } from '../../src/vfs/chunker.js';
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

  it('writes what is appended, not the whole content: the WAL grows by far less than the file', async () => {
    const line = (i: number): string => `line ${i} about the scheduler, the pager and the résumé of token budgets ✓\n`;
    let big = '';
    for (let i = 0; big.length < 4_000_000; i++) big += line(i) + (i % 7 === 0 ? '\n' : '');
    await h.vfs.write('/apps/big.md', big);
    const wal = join(h.dir, 'nlsh.db-wal');
    const appended: string[] = [];
    for (let k = 0; k < 5; k++) {
      h.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(statSync(wal).size).toBe(0);
      const text = `## entry ${k}\n` + 'appended words about memory pages. '.repeat(30) + '\n';
      await h.vfs.write('/apps/big.md', text, { append: true });
      appended.push(text);
      // The old design rewrote the whole 4 MB content row on every append.
      expect(statSync(wal).size).toBeLessThan(400_000);
    }
    const whole = big + appended.join('');
    expect(h.vfs.cat('/apps/big.md')).toBe(whole);
    expect(chunksOf('/apps/big.md')).toEqual(chunkText(whole));
    expect(h.vfs.stat('/apps/big.md')?.size).toBe(Buffer.byteLength(whole));
    await h.vfs.rm('/apps/big.md');
    expect(h.db.prepare('SELECT count(*) AS n FROM vfs_segments').get()).toEqual({ n: 0 });
  });

  it('reads a pre-segments home (content in the inode row) and appends to it exactly', async () => {
    const text = 'é first line\r\n\n' + 'older text '.repeat(9000) + '\nlast old line';
    await h.vfs.write('/apps/old.md', text);
    // as a home written before content segments: the content column, no segments, no chunk sum
    const id = (h.db.prepare('SELECT id FROM vfs_inodes WHERE path = ?').get('/apps/old.md') as { id: number }).id;
    h.db.prepare('DELETE FROM vfs_segments WHERE inode = ?').run(id);
    h.db.prepare('UPDATE vfs_inodes SET content = ?, chunk_sum = NULL WHERE id = ?').run(text, id);
    await h.reopen();
    expect(h.vfs.cat('/apps/old.md')).toBe(text);
    await h.vfs.write('/apps/old.md', ' continued\nnew line\n', { append: true });
    await h.vfs.write('/apps/old.md', 'x'.repeat(70_000) + '\nand more\n', { append: true });
    await h.vfs.write('/apps/old.md', 'tail\n', { append: true });
    const whole = text + ' continued\nnew line\n' + 'x'.repeat(70_000) + '\nand more\n' + 'tail\n';
    expect(h.vfs.cat('/apps/old.md')).toBe(whole);
    expect(chunksOf('/apps/old.md')).toEqual(chunkText(whole));
    expect(h.vfs.grep('and more', '/apps')[0]).toMatchObject({ path: '/apps/old.md', line: whole.split('\n').indexOf('and more') + 1 });
    // a whole write moves the content into segments
    await h.vfs.write('/apps/old.md', whole);
    expect((h.db.prepare('SELECT content FROM vfs_inodes WHERE id = ?').get(id) as { content: string | null }).content).toBeNull();
    expect(h.vfs.cat('/apps/old.md')).toBe(whole);
  });

  it('chains the content hash on append, and a re-mount compares an appended file by content', async () => {
    const host = mkdtempSync(join(h.dir, 'host-'));
    try {
      writeFileSync(join(host, 'a.md'), 'alpha\n');
      writeFileSync(join(host, 'b.md'), 'beta\n');
      expect((await h.vfs.mount(host, '/m')).files).toBe(2);
      const hashOf = (p: string): string => (h.db.prepare('SELECT hash FROM vfs_inodes WHERE path = ?').get(p) as { hash: string }).hash;
      expect(hashOf('/m/a.md')).toBe(contentHash('alpha\n'));
      await h.vfs.write('/m/a.md', 'more\n', { append: true });
      expect(hashOf('/m/a.md')).toMatch(/^\+[0-9a-f]{40}$/);
      // the host file changes to what VectorFS holds: unchanged; b.md (touched, same text) too
      writeFileSync(join(host, 'a.md'), 'alpha\nmore\n');
      utimesSync(join(host, 'b.md'), new Date(2_000_000_000_000), new Date(2_000_000_000_000));
      const r = await h.vfs.mount(host, '/m');
      expect(r).toMatchObject({ files: 0, unchanged: 2 });
      writeFileSync(join(host, 'a.md'), 'alpha\nother\n');
      expect((await h.vfs.mount(host, '/m')).files).toBe(1);
      expect(h.vfs.cat('/m/a.md')).toBe('alpha\nother\n');
      expect(hashOf('/m/a.md')).toBe(contentHash('alpha\nother\n'));
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });
});
