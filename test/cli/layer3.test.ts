// Layer 3 of the parser from the CLI: with --model and --ollama-host the session hands the
// kernel's syscall table to the intent compiler, so a line layers 1-2 do not understand is
// compiled by the model (here the fake Ollama server) and run; without a model it fails.
// main() runs in-process, so the fake server in this process keeps answering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startFakeOllama, type FakeChatRequest, type FakeOllama } from '../helpers/fake-ollama.js';

const LINE = 'blorp zorgle quux';
let home = '';
let fake: FakeOllama;
const chats: FakeChatRequest[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'nlsh-layer3-'));
  fake = await startFakeOllama({
    chat: (req) => {
      chats.push(req);
      const said = req.messages.at(-1)?.content ?? '';
      return said === LINE
        ? JSON.stringify({ syscall: 'fs.mkdir', args: { path: '/apps/zorgle' }, confidence: 0.9 })
        : JSON.stringify({ syscall: 'none', args: {}, confidence: 0.1 });
    },
  });
});
afterAll(async () => {
  await fake?.close();
  rmSync(home, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => { out += d.toString(); });
  stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await main(['node', 'nlsh', '--home', join(home, 'data'), '--embedder', 'hash', ...args], {
    stdin: Readable.from(['']), stdout, stderr, env: { NLSH_EMBEDDER: 'hash', XDG_CONFIG_HOME: join(home, 'cfg') },
  });
  return { code, out, err };
}

describe('layer 3 from the CLI', () => {
  it('without a model, a line layers 1-2 do not understand fails with shell.unsure or shell.unknownCommand', async () => {
    const r = await run(['--json', '-c', LINE]);
    expect(r.code).not.toBe(0);
    const o = JSON.parse(r.out.trim().split('\n')[0]!) as { ok: boolean; error: { code: string } };
    expect(o.ok).toBe(false);
    expect(['shell.unsure', 'shell.unknownCommand']).toContain(o.error.code);
    expect(chats).toHaveLength(0);
  });

  it("with a model, the model's reading has effects, so a script without -y does not carry it out", async () => {
    const r = await run(['--model', 'x', '--ollama-host', fake.url, '--json', '--keep-going', '-c', `${LINE}; ls /apps`]);
    expect(r.code).toBe(1);
    const [made, ls] = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(made).toMatchObject({ ok: false, error: { code: 'shell.needsConfirmation' } });
    expect(JSON.stringify(ls)).not.toContain('zorgle');
  });

  it('with --model, --ollama-host and -y, the same line is compiled by the model against the syscall table and run', async () => {
    const r = await run(['--model', 'x', '--ollama-host', fake.url, '-y', '--json', '-c', `${LINE}; ls /apps`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [made, ls] = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(made).toMatchObject({ ok: true, syscall: { name: 'fs.mkdir', args: { path: '/apps/zorgle' } } });
    expect(JSON.stringify(ls)).toContain('zorgle');
    const asked = chats.find((c) => c.messages.at(-1)?.content === LINE);
    expect(asked?.model).toBe('x');
    expect(JSON.stringify(asked?.format)).toContain('"fs.mkdir"');
    expect(asked?.messages[0]?.content).toContain('proc.spawn');
  });
});
