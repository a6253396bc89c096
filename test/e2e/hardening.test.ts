// The built program under hostile conditions: a reader that closes the pipe early, and files
// whose names and contents carry terminal escape sequences. Every run uses a temp --home and
// the hash embedder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/base/sqlite.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'nlsh');
let home = '';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-hard-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NLSH_EMBEDDER: 'hash', XDG_CONFIG_HOME: join(home, 'xdg-config') };
  delete e.FORCE_COLOR;
  return e;
};

describe('nlsh against hostile output conditions', { timeout: 120_000 }, () => {
  it('a reader that closes the pipe after the first line ends nlsh quietly with status 141, no EPIPE trace', async () => {
    const many = Array.from({ length: 60 }, () => 'help').join('; ');
    const child = spawn(process.execPath, [BIN, '--home', join(home, 'pipe'), '-c', many], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(err).toBe('');
    expect(code).toBe(141);
  });

  it('grep, ls, tree and find show escape sequences from file names and contents as visible text; --json keeps them exact', () => {
    const host = mkdtempSync(join(tmpdir(), 'nlsh-e2e-hostile-'));
    try {
      writeFileSync(join(host, 'notes.md'), 'title \u001b]0;pwned\u0007 and clipboard \u001b]52;c;cHduZWQ=\u0007 done\n');
      const m = spawnSync(process.execPath, [BIN, '--home', join(home, 'esc'), 'mount', host, '--at', '/m'], { cwd: ROOT, env: env(), encoding: 'utf8' });
      expect(m.status).toBe(0);
      const r = spawnSync(process.execPath, [BIN, '--home', join(home, 'esc'), '-c', 'grep clipboard /m; cat /m/notes.md; tree /m; ls /m; find similar-to "title"'], { cwd: ROOT, env: env(), encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('\u001b');
      expect(r.stdout).not.toContain('\u0007');
      expect(r.stdout).toContain('/m/notes.md:1  title \\e]0;pwned\\x07 and clipboard \\e]52;c;cHduZWQ=\\x07 done');
      const j = spawnSync(process.execPath, [BIN, '--home', join(home, 'esc'), '--json', '-c', 'cat /m/notes.md'], { cwd: ROOT, env: env(), encoding: 'utf8' });
      expect((JSON.parse(j.stdout) as { result: { content: string } }).result.content).toContain('\u001b]52;c;cHduZWQ=\u0007');
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });

  it('audit verify exits 0 on an intact chain and 1 with sys.auditBroken once the tail is cut in the database', () => {
    const h = join(home, 'audit');
    const run = (cmd: string) => spawnSync(process.execPath, [BIN, '--home', h, '-c', cmd], { cwd: ROOT, env: env(), encoding: 'utf8' });
    expect(run('pwd; ps; ls /').status).toBe(0);
    const ok = run('audit verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('audit chain intact');
    const db = openDatabase({ file: join(h, 'nlsh.db') });
    db.exec('DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > 2');
    db.close();
    const bad = run('audit verify');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/audit chain broken at record 3: records 3 to \d+ are missing.*\(sys\.auditBroken\)/);
  });

  it('the fs.outsideRoots hint names a real setting: config set allowedRoots lets export reach that directory, config list shows it', () => {
    const h = join(home, 'roots');
    const out = mkdtempSync(join(tmpdir(), 'nlsh-e2e-roots-'));
    try {
      const run = (args: string[]) => spawnSync(process.execPath, [BIN, '--home', h, ...args], { cwd: ROOT, env: env(), encoding: 'utf8' });
      const refused = run(['-c', `write /apps/a.md "hi"; export /apps/a.md ${out}`]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("config set allowedRoots");
      expect(run(['config', 'set', 'allowedRoots', out]).status).toBe(0);
      expect(run(['config', 'list']).stdout).toMatch(new RegExp(`allowedRoots.*${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const ok = run(['-c', `export /apps/a.md ${out}`]);
      expect(ok.status).toBe(0);
      expect(readFileSync(join(out, 'a.md'), 'utf8')).toBe('hi');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
