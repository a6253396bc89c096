// Tab completion over a fake source: command words, pids and names, VectorFS paths.
import { describe, expect, it } from 'vitest';
import { complete, type CompletionSource } from '../../src/shell/completion.js';

const source: CompletionSource = {
  async list(dir) {
    const tree: Record<string, { name: string; kind: string }[]> = {
      '.': [{ name: 'knowledge', kind: 'dir' }, { name: 'notes.md', kind: 'file' }],
      '/': [{ name: 'knowledge', kind: 'dir' }, { name: 'agents', kind: 'dir' }, { name: 'apps', kind: 'dir' }],
      '/knowledge': [{ name: 'facts', kind: 'dir' }, { name: 'embeddings', kind: 'dir' }],
    };
    const t = tree[dir];
    if (!t) throw new Error('no such dir');
    return t;
  },
  async processes() {
    return [{ pid: 'p1', name: 'coder' }, { pid: 'p10', name: 'critic' }, { pid: 'p2', name: 'reviewer' }];
  },
};

describe('completion', () => {
  it('the first word completes to command words', async () => {
    const c = await complete('sp', 2, source);
    expect(c).toEqual({ from: 0, to: 2, candidates: ['spawn', 'split'] });
  });

  it('after kill it completes pids and process names', async () => {
    expect((await complete('kill p1', 7, source)).candidates).toEqual(['p1', 'p10']);
    expect((await complete('kill c', 6, source)).candidates).toEqual(['coder', 'critic']);
  });

  it('paths complete inside their directory, directories with a slash', async () => {
    expect(await complete('ls /a', 5, source)).toEqual({ from: 3, to: 5, candidates: ['/agents/', '/apps/'] });
    expect((await complete('cat /knowledge/f', 16, source)).candidates).toEqual(['/knowledge/facts/']);
    expect((await complete('cat no', 6, source)).candidates).toEqual(['notes.md']);
  });

  it('a directory that does not exist gives no candidates, not an error', async () => {
    expect((await complete('ls /nope/x', 10, source)).candidates).toEqual([]);
  });

  it('the replaced range covers the rest of the word under the cursor', async () => {
    const c = await complete('ls /agXYZ', 6, source);
    expect(c.from).toBe(3);
    expect(c.to).toBe(9);
  });
});
