// Scripts and -c talk to agents, through the built program and the fake Ollama server: `ask`
// (answer, model failure, timeout, no model), `msgs --wait`, and a run that leaves agent work
// in flight waiting for it at the end (or not, with --no-wait). Exit codes are the contract's.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama, type FakeOllamaOptions } from '../helpers/fake-ollama.js';
import { spawnNlsh, type NlshRun } from '../helpers/spawn-nlsh.js';

const ROOT = resolve(import.meta.dirname, '../..');
let fake: FakeOllama | undefined;
const homes: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

type Run = NlshRun;

/** Runs the built nlsh without blocking this process (the fake server lives here). */
const nlsh = (home: string, args: string[]): Promise<Run> => spawnNlsh(['--home', home, ...args], join(home, 'cfg'));

async function setup(opts: FakeOllamaOptions = {}): Promise<{ home: string; model: string[] }> {
  fake = await startFakeOllama({ chat: (req) => `Answer to ${req.messages.at(-1)?.content ?? ''}`, ...opts });
  const home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-ask-'));
  homes.push(home);
  return { home, model: ['--model', 'fake-model', '--ollama-host', fake.url] };
}

const SPAWN = 'spawn "a code-writing agent with Python expertise" budget 5000';

describe('ask and waiting for agents, in the built program', { timeout: 120_000 }, () => {
  it('ask prints the answer and exits 0', async () => {
    const { home, model } = await setup();
    const r = await nlsh(home, [...model, '-c', `${SPAWN}; ask p1 "what is a list comprehension?"`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Answer to Message from');
    expect(r.out).toContain('what is a list comprehension?');
  });

  it('ask exits 1 with the model error when the agent could not answer', async () => {
    const { home, model } = await setup({ behavior: { kind: 'error', status: 500, message: 'out of memory' } });
    const r = await nlsh(home, [...model, '-c', `${SPAWN}; ask p1 "hello"`]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^nlsh: p1 \(\S+\) could not answer: .*\(llm\.\w+\)$/m);
  });

  it('ask exits 1 with ipc.timeout and a hint when the answer is late; --no-wait then leaves at once', async () => {
    const { home, model } = await setup({ behavior: { kind: 'slow', delayMs: 20_000 } });
    const t0 = Date.now();
    const r = await nlsh(home, [...model, '--no-wait', '-c', `${SPAWN}; ask p1 "hello" --timeout 300ms`]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^nlsh: no answer from p1 \(\S+\) within 300 ms \(ipc\.timeout\)\nhint: .*msgs --wait/m);
    expect(r.err).not.toContain('waiting for');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('with no model, ask exits 1 with agent.noModel and send warns that no agent will answer', async () => {
    const { home } = await setup();
    const ask = await nlsh(home, ['-c', `${SPAWN}; ask p1 "hello"`]);
    expect(ask.code).toBe(1);
    expect(ask.err).toMatch(/no agent will answer: p1 .*\(agent\.noModel\)\nhint: .*--model.*nlsh config set model/);
    const send = await nlsh(home, ['-c', 'send p1 "hello"']);
    expect(send.code).toBe(0);
    expect(send.err).toMatch(/^nlsh: no agent will answer: p1 .*--model/m);
  });

  it('a script that sends and then runs msgs --wait prints the answer', async () => {
    const { home, model } = await setup();
    const r = await nlsh(home, [...model, '-c', `${SPAWN}; send p1 "hello there"; msgs --wait --timeout 30s`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/msg\d+\s+p1\s+RESPONSE\s+\d+\s+Answer to Message from \S+: hello there/);
  });

  it('a run that leaves a request in flight waits for the answer at the end, so the next run reads it', async () => {
    const { home, model } = await setup({ behavior: { kind: 'slow', delayMs: 150 } });
    const r = await nlsh(home, [...model, '-c', `${SPAWN}; send p1 "hello there"`]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^waiting for 1 agent \(p1 \S+\) — Ctrl-C to abandon$/m);
    const next = await nlsh(home, [...model, '-c', 'msgs']);
    expect(next.out).toMatch(/p1\s+RESPONSE\s+\d+\s+Answer to Message from \S+: hello there/);
  });

  it('with --no-wait the run leaves at once; the request is kept and the next run with a model answers it', async () => {
    const { home, model } = await setup({ behavior: { kind: 'slow', delayMs: 20_000 } });
    const t0 = Date.now();
    const r = await nlsh(home, [...model, '--no-wait', '-c', `${SPAWN}; send p1 "hello there"`]);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('waiting for');
    expect(Date.now() - t0).toBeLessThan(15_000);
    fake!.setBehavior('ok');
    const next = await nlsh(home, [...model, '-c', 'msgs --wait --timeout 30s']);
    expect(next.code).toBe(0);
    expect(next.out).toMatch(/p1\s+RESPONSE\s+\d+\s+(Answer to Message from \S+: hello there|error agent\.interrupted)/);
  });
});
