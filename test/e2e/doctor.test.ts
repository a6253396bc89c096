// `nlsh doctor`, run as the built program: a healthy setup against the fake Ollama server
// (its models, their tool support and context length) exits 0; a dead port, a model that is
// not installed, a damaged word-vector cache and a damaged database each exit 1 and say what
// to do. Runs are asynchronous: the fake server lives in this process.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';
import { spawnNlsh, type NlshRun } from '../helpers/spawn-nlsh.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'nlsh-e2e-doctor-'));
let fake: FakeOllama;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  fake = await startFakeOllama({ models: ['llama3.2', 'llama2'], capabilities: { llama2: ['completion'] } });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

type Run = NlshRun;
interface Report { ok: boolean; checks: Array<{ name: string; status: string; detail: string; fix?: string }> }

const nlsh = (args: string[], env: Record<string, string> = {}): Promise<Run> => spawnNlsh(args, join(dir, 'cfg'), env);

const check = (r: Report, name: string) => r.checks.find((c) => c.name === name);

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('nlsh doctor', { timeout: 120_000 }, () => {
  it('reports a healthy setup, with each model tool support and context length, and exits 0', async () => {
    const home = join(dir, 'healthy');
    expect((await nlsh(['--home', home, '-c', 'echo "hello doctor" > /context/a.md'])).code).toBe(0);
    const before = JSON.parse((await nlsh(['--home', home, '--model', 'llama3.2', '--ollama-host', fake.url, 'doctor', '--json'])).out) as Report;
    expect(check(before, 'vector index')).toMatchObject({ status: 'ok' }); // lazy: none until a search needs it
    expect(check(before, 'vector index')!.detail).toMatch(/^not built yet \(\d+ chunk contents\)/);
    expect((await nlsh(['--home', home, '-c', 'grep meaning "greeting a physician"'])).code).toBe(0);
    const r = await nlsh(['--home', home, '--model', 'llama3.2', '--ollama-host', fake.url, 'doctor', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out) as Report;
    expect(rep.ok).toBe(true);
    expect(check(rep, 'node')!.status).toBe('ok');
    expect(check(rep, 'better-sqlite3')!.status).toBe('ok');
    expect(check(rep, 'hnswlib-node')!.status).toBe('ok');
    expect(check(rep, `ollama ${fake.url}`)).toMatchObject({ status: 'ok', detail: 'version 0.0.0-fake, 2 models' });
    expect(check(rep, 'model llama3.2')!.detail).toMatch(/^tools; context 4096 tokens/);
    expect(check(rep, 'model llama2')!.detail).toMatch(/^no tools \(agents answer in text only\); context 4096 tokens/);
    expect(check(rep, 'database')).toMatchObject({ status: 'ok' });
    expect(check(rep, 'database')!.detail).toContain('quick_check ok');
    expect(check(rep, 'vector index')).toMatchObject({ status: 'ok' });
    expect(check(rep, 'vector index')!.detail).toContain('in step with the store');

    const plain = await nlsh(['--home', home, '--model', 'llama3.2', '--ollama-host', fake.url, 'doctor']);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^ok {4}node +v\d+\.\d+\.\d+$/m);
    expect(plain.out).toMatch(/^all good/m);
  });

  it('fails with what to do when the Ollama host is a dead port or the model is not installed', async () => {
    const home = join(dir, 'dead');
    const dead = await nlsh(['--home', home, '--model', 'llama3.2', '--ollama-host', `127.0.0.1:${await deadPort()}`, 'doctor']);
    expect(dead.code).toBe(1);
    expect(dead.out).toMatch(/^FAIL {2}ollama http:\/\/127\.0\.0\.1:\d+ +not reachable: /m);
    expect(dead.out).toMatch(/fix: start it \(ollama serve\), or point --ollama-host/);
    expect(dead.out).toMatch(/^1 problem to fix/m);

    const missing = JSON.parse((await nlsh(['--home', home, '--model', 'mistral', '--ollama-host', fake.url, 'doctor', '--json'])).out) as Report;
    expect(missing.ok).toBe(false);
    expect(check(missing, 'model mistral')).toMatchObject({ status: 'fail', fix: 'ollama pull mistral' });
  });

  it('fails on a damaged word-vector cache (with the glove embedder) and on a damaged database', async () => {
    const cache = join(dir, 'cache');
    mkdirSync(join(cache), { recursive: true });
    writeFileSync(join(cache, 'glove-sg100d.v3.bin'), 'NLSHGLOV but not really a cache file at all, too short');
    const home = join(dir, 'broken');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'nlsh.db'), 'SQLite format 3\0 this is garbage, not a database '.repeat(200));
    const r = await nlsh(['--home', home, '--embedder', 'glove', 'doctor', '--json'], { NLSH_CACHE_DIR: cache });
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.out) as Report;
    expect(check(rep, 'word vectors')).toMatchObject({ status: 'fail' });
    expect(check(rep, 'word vectors')!.fix).toContain('delete it');
    expect(check(rep, 'database')).toMatchObject({ status: 'fail' });
    // no model configured and nothing listening on the default port is only a warning
    expect(rep.checks.filter((c) => c.status === 'fail').map((c) => c.name).sort()).toEqual(['database', 'word vectors']);
  });
});
