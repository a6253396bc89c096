// A REQUEST sent with --ack is acknowledged only once its answer is sent: the built program is
// killed with SIGKILL while the agent is thinking about it, and the restarted program answers
// it exactly once (a further restart answers nothing more). The fake Ollama server holds the
// first reply until the kill.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../helpers/fake-ollama.js';

const ROOT = resolve(import.meta.dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-ack-'));
let fake: FakeOllama | undefined;
afterAll(async () => {
  await fake?.close();
  rmSync(home, { recursive: true, force: true });
});

interface Run { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

function nlsh(args: string[], killWhen?: () => boolean): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NLSH_EMBEDDER: 'hash', XDG_CONFIG_HOME: join(home, 'cfg') };
  delete env.FORCE_COLOR;
  return new Promise((res) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'nlsh'), '--home', join(home, 'h'), '--model', 'fake-model', '--ollama-host', fake!.url, ...args], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const poll = killWhen ? setInterval(() => { if (killWhen()) p.kill('SIGKILL'); }, 20) : undefined;
    p.on('close', (code, signal) => {
      clearInterval(poll);
      res({ code, signal, out, err });
    });
  });
}

const chats = (): number => fake!.requests.filter((r) => r.path === '/api/chat').length;

describe('exactly-once requests', { timeout: 120_000 }, () => {
  it('kill -9 mid-turn with --ack: the restarted nlsh answers the request exactly once', async () => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    fake = await startFakeOllama({
      chat: (req) => `Answer to ${req.messages.at(-1)?.content ?? ''}`,
      gate: async () => {
        if (!first) return;
        first = false;
        await held; // the first turn never gets its reply: the program is killed while it waits
      },
    });

    // killed well after the turn began: the kernel's 200 ms tick has flushed everything the
    // bus knew by then (an ack taken at the start of the turn would be stored, and lost)
    let thinkingSince = 0;
    const a = await nlsh(['--json', '-c', 'spawn "a code-writing agent" budget 5000; send p1 "what is 6 times 7?" --ack'], () => {
      if (chats() === 0) return false;
      thinkingSince ||= Date.now();
      return Date.now() - thinkingSince >= 700;
    });
    expect(a.signal).toBe('SIGKILL');
    const sent = a.out.trim().split('\n').map((l) => JSON.parse(l) as { syscall: { name: string }; result: { message?: { id: string; requiresAck: boolean } } });
    const request = sent.find((o) => o.syscall.name === 'ipc.send')!.result.message!;
    expect(request.requiresAck).toBe(true);
    release();

    const b = await nlsh(['--json', '-c', 'msgs --wait --timeout 30s']);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    const got = (JSON.parse(b.out.trim()) as { result: { messages: Array<{ from: string; messageType: string; payload: { ok: boolean; inReplyTo: string; text: string } }> } }).result.messages;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ from: 'p1', messageType: 'RESPONSE', payload: { ok: true, inReplyTo: request.id } });
    expect(got[0]!.payload.text).toContain('what is 6 times 7?');
    expect(chats()).toBe(2); // the killed turn, and the one answer

    const c = await nlsh(['-c', 'msgs --wait --timeout 1s']);
    expect(c.code).toBe(1);
    expect(c.err).toContain('(ipc.timeout)');
    expect(chats()).toBe(2);
  });
});
