// `nlsh build "<goal>"`, the built program, against the fake Ollama server: the agents write
// the app into VectorFS, a later run sees it and exports it to a real directory; without a
// model the build fails agent.noModel with exit 1. The child runs asynchronously (spawnSync
// would block the fake server living in this process). Needs dist/ (npm run build).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'nlsh');
let home = '';
let fake: FakeOllama;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'agents', 'build.js'))) throw new Error('dist/ is missing or old: run `npm run build` first (npm test does)');
  home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-build-'));
  fake = await startFakeOllama({
    chat: (req) => {
      const sys = req.messages[0]?.content ?? '';
      const ask = req.messages.at(-1)?.content ?? '';
      if (sys.includes('Your role: software architect')) {
        return JSON.stringify({ summary: 'a tiny HTTP server', files: [{ path: 'server.js', purpose: 'the server' }, { path: 'README.md', purpose: 'how to run it' }] });
      }
      if (sys.includes('Your role: reviewer')) return JSON.stringify({ approved: true, issues: [] });
      if (sys.includes('Your role: programmer')) return ask.includes('content of server.js') ? '```js\nconsole.log("listening");\n```' : '# server\n\nnode server.js\n';
      return 'ok';
    },
  });
});
afterAll(async () => {
  await fake?.close();
  rmSync(home, { recursive: true, force: true });
});

interface Run { code: number | null; out: string; err: string }

function nlsh(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, '--home', join(home, 'data'), '--embedder', 'hash', ...args], {
      cwd: home, env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: join(home, 'xdg'), OLLAMA_HOST: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => (clearTimeout(t), done({ code, out, err })));
  });
}

describe('nlsh build, the built program', () => {
  it('builds the goal into /apps, prints the result as JSON, and a later run exports it', async () => {
    const r = await nlsh(['--ollama-host', fake.url, '--model', 'fake', '--json', 'build', 'a web server']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.out.trim()) as { ok: boolean; syscall: { name: string }; result: Record<string, unknown> };
    expect(line.ok).toBe(true);
    expect(line.syscall.name).toBe('agent.build');
    expect(line.result).toMatchObject({
      app: '/apps/web-server',
      files: [{ path: '/apps/web-server/server.js', bytes: 26 }, { path: '/apps/web-server/README.md', bytes: 25 }],
      messages: 4,
      review: { approved: true, issues: 0, rounds: 0 },
    });
    expect((line.result.agents as { name: string }[]).map((a) => a.name)).toEqual(['architect-1', 'coder-1', 'reviewer-1']);
    expect(fake.requests.filter((q) => q.path === '/api/chat')).toHaveLength(4);

    const after = await nlsh(['-c', 'cat /apps/web-server/server.js; export /apps/web-server ./out; ps']);
    expect(after.err).toBe('');
    expect(after.code).toBe(0);
    expect(after.out).toContain('console.log("listening");');
    expect(readFileSync(join(home, 'out', 'README.md'), 'utf8')).toBe('# server\n\nnode server.js\n');
    expect(after.out).not.toMatch(/architect-1|coder-1|reviewer-1/); // the agents exited
  });

  it('without a model, build fails agent.noModel with exit 1 and a hint', async () => {
    const r = await nlsh(['build', 'a web server']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\(agent\.noModel\)\nhint: .*--model llama3\.2/);
  });
});
