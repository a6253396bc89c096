// The built program on a home with a stored vector index: `nlsh -c pwd` (and other commands
// that do not search) leaves the index file unread (a corrupt file is neither noticed nor
// rewritten), and the first `grep meaning` reads it (the corruption is found and rebuilt).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'nlsh');
let dir = '';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'nlsh-e2e-lazy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function nlsh(line: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, '--home', join(dir, 'home'), '-c', line], {
    cwd: dir, env: { ...process.env, NLSH_EMBEDDER: 'hash', NO_COLOR: '1', XDG_CONFIG_HOME: join(dir, 'xdg') }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the index is read by the first search, not at start-up', { timeout: 120_000 }, () => {
  it('-c pwd, ls and cat on a home whose index file is corrupt leave it alone; grep meaning rebuilds it', () => {
    mkdirSync(join(dir, 'docs'));
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, 'docs', `n${i}.txt`), `note ${i} about subject ${i % 7}\n`);
    expect(nlsh('mount ./docs at /docs').code).toBe(0);
    expect(nlsh('grep meaning "subject 3" in /docs').code).toBe(0); // loads, catches up and saves the index
    const home = join(dir, 'home');
    const file = readdirSync(home).find((f) => f.endsWith('.hnsw'))!;
    expect(file).toBeDefined();
    writeFileSync(join(home, file), 'garbage');
    for (const line of ['pwd', 'ls /docs', 'cat /docs/n1.txt']) {
      const r = nlsh(line);
      expect(r.code).toBe(0);
      expect(r.err).not.toMatch(/index/);
    }
    expect(readFileSync(join(home, file), 'utf8')).toBe('garbage');
    const r = nlsh('grep meaning "subject 3" in /docs');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/vector index rebuilt: cannot read index file/);
    expect(existsSync(join(home, file))).toBe(false); // replaced by the rebuilt file
  });
});
