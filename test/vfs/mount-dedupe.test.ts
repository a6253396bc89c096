// Mount embeds each distinct content once (across the files of a batch and within a file),
// reports distinct contents beside chunks, and imports a symlinked file once (the link is
// reported as skipped, naming the file it points to).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embed/hash.js';
import type { Embedder } from '../../src/embed/types.js';
import { tempHome, type TempHome } from './helpers.js';

let h: TempHome | undefined;
afterEach(() => h?.cleanup());

/** The hash embedder, counting every text given to embed() (chunk texts; names go through embedSync). */
function counting(): { embedder: Embedder; texts: string[] } {
  const base = createHashEmbedder(64);
  const texts: string[] = [];
  return {
    texts,
    embedder: { ...base, async embed(t, o) { texts.push(...t); return base.embed(t, o); } },
  };
}

const LICENCE = 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software.';
// two identical ~700-character paragraphs: two chunks with the same content in one file
const PARA = Array.from({ length: 20 }, (_, i) => `line ${i} of a paragraph that repeats`).join('\n');

describe('mount dedupe', () => {
  it('embeds a content repeated across files and within a file once, and reports distinct contents', async () => {
    const c = counting();
    h = await tempHome(c.embedder);
    const host = join(h.dir, 'corpus');
    mkdirSync(host);
    for (const n of ['a', 'b', 'c']) writeFileSync(join(host, `licence-${n}.txt`), LICENCE + '\n');
    writeFileSync(join(host, 'twice.txt'), `${PARA}\n\n${PARA}\n`);
    writeFileSync(join(host, 'own.txt'), 'a note of its own\n');
    const r = await h.vfs.mount(host, '/c');
    expect(r.files).toBe(5);
    expect(r.chunks).toBe(6);
    expect(r.distinct).toBe(3);
    expect(r.embedded).toBe(3);
    expect(c.texts.filter((t) => t.trim() === LICENCE)).toHaveLength(1);
    expect(c.texts.filter((t) => t.includes('line 0 of a paragraph'))).toHaveLength(1);
    expect(c.texts).toHaveLength(3);
    // every copy is stored and found
    const hits = await h.vfs.grepMeaning(LICENCE, '/c', { limit: 5 });
    expect(hits.map((x) => x.path).filter((p) => p.includes('licence')).sort()).toEqual(['/c/licence-a.txt', '/c/licence-b.txt', '/c/licence-c.txt']);
  });

  it('a symlink to a file the mount imports anyway is imported once and reported', async () => {
    h = await tempHome();
    const host = join(h.dir, 'corpus');
    mkdirSync(join(host, 'docs'), { recursive: true });
    writeFileSync(join(host, 'docs', 'real.md'), 'the real document\n');
    symlinkSync(join(host, 'docs', 'real.md'), join(host, 'alias.md'));
    const r = await h.vfs.mount(host, '/c');
    expect(r).toMatchObject({ files: 1, chunks: 1, lines: 1 });
    expect(r.skipped).toEqual([{ path: join(host, 'alias.md'), reason: `symlink to ${join(host, 'docs', 'real.md')}, which is imported once` }]);
    expect(h.vfs.cat('/c/docs/real.md')).toBe('the real document\n');
  });
});
