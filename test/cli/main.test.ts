// main() in-process with its own streams: what bin/nlsh runs, without spawning node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, version } from '../../src/cli/main.js';

let home = '';
beforeAll(() => { home = mkdtempSync(join(tmpdir(), 'nlsh-main-')); });
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function run(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => { out += d.toString(); });
  stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await main(['node', 'nlsh', ...args], {
    stdin: Readable.from([input]), stdout, stderr, env: { NLSH_EMBEDDER: 'hash', XDG_CONFIG_HOME: join(home, 'cfg') },
  });
  return { code, out, err };
}

describe('main()', () => {
  it('--version prints the version from package.json', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${version()}\n`, err: '' });
  });

  it('reads stdin when it is not a terminal, and exits 1 at the first failure', async () => {
    const r = await run(['--home', home], 'pwd\nmkdir /apps/a\ncat /apps/a\npwd\n');
    expect(r.code).toBe(1);
    expect(r.out).toBe('/\ncreated /apps/a\n');
    expect(r.err).toContain('(fs.isDir)');
  });

  it('a failed line of a script names the script and the line (tour.nl:3: ...); stdin is <stdin>', async () => {
    const file = join(home, 'tour.nl');
    writeFileSync(file, '# a tour\npwd\ncat /nowhere/at-all.md\npwd\n');
    const r = await run(['--home', home, file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^tour\.nl:3: /);
    const s = await run(['--home', home], 'pwd\ncat /nowhere/at-all.md\n');
    expect(s.err).toMatch(/^<stdin>:2: /);
  });

  it('nlsh help and nlsh help spawn print the language help', async () => {
    const all = await run(['--home', home, 'help']);
    expect(all.code).toBe(0);
    expect(all.out).toContain('Files (VectorFS):');
    const one = await run(['--home', home, 'help', 'spawn']);
    expect(one.out).toMatch(/^spawn "description"/);
    expect(one.out).toContain('syscall: proc.spawn');
  });

  it('--json -c prints one object per command, with builtins marked as such', async () => {
    const r = await run(['--home', home, '--json', '-c', 'pwd; help ls']);
    expect(r.code).toBe(0);
    const [pwd, help] = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(pwd).toMatchObject({ ok: true, syscall: { name: 'fs.pwd' } });
    expect(help).toMatchObject({ ok: true, builtin: 'help', result: { text: expect.stringContaining('similar-to') } });
  });

  it('an unknown option is a usage error with exit 2', async () => {
    const r = await run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option');
  });

  it('a bad --embedder is a usage error that names the choices', async () => {
    const r = await run(['--home', home, '--embedder', 'word2vec', '-c', 'pwd']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('glove, ollama, hash');
  });
});
