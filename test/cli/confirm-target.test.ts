// The confirmation names a real, checked target (issue 12), through a real session and kernel
// (glove embedder, no model): `kill the python agent` asks about that process by pid, name and
// description; `kill the writer` with two writers is ambiguous before anyone is asked;
// `rm /does/not/exist` fails with fs.notFound before anyone is asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, type CliSession } from '../../src/cli/session.js';
import { resolveSettings } from '../../src/cli/settings.js';

let home = '';
let session: CliSession;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'nlsh-confirm-'));
  const settings = resolveSettings({ home, embedder: 'glove' }, { XDG_CONFIG_HOME: join(home, 'cfg') });
  session = await createSession({ settings, interactive: true, yes: false, dryRun: false });
  for (const line of [
    'spawn "a code-writing agent with Python expertise" --name coder-1',
    'spawn "a writer of short stories" --name writer-a',
    'spawn "a writer of short stories" --name writer-b',
  ]) {
    const o = await session.shell.run(line);
    expect(o.ok, JSON.stringify(o.error)).toBe(true);
  }
}, 120_000);

afterAll(async () => {
  await session?.close();
  rmSync(home, { recursive: true, force: true });
});

function asking(): { questions: string[]; confirm(q: string): Promise<boolean> } {
  const questions: string[] = [];
  return { questions, confirm: async (q) => { questions.push(q); return false; } };
}

describe('a confirmation names its checked target', () => {
  it('kill the python agent asks about p1 coder-1 and its description', async () => {
    const a = asking();
    const o = await session.shell.run('kill the python agent', a);
    expect(a.questions).toEqual(['kill p1 coder-1 (a code-writing agent with Python expertise)?']);
    expect(o.error?.code).toBe('shell.cancelled');
  });

  it('kill the writer, with two writers, is ambiguous before anyone is asked', async () => {
    const a = asking();
    const o = await session.shell.run('kill the writer', a);
    expect(o.error?.code).toBe('proc.ambiguous');
    expect(a.questions).toEqual([]);
  });

  it('rm /does/not/exist fails with fs.notFound before anyone is asked', async () => {
    const a = asking();
    const o = await session.shell.run('rm /does/not/exist', a);
    expect(o.error?.code).toBe('fs.notFound');
    expect(a.questions).toEqual([]);
  });

  it('clean everything up is neither clear nor carried out', async () => {
    const o = await session.shell.run('clean everything up', asking());
    expect(o.ok).toBe(false);
    expect(o.builtin).toBeUndefined();
  });
});
