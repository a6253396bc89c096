// examples/agents.nl, run by the built program against the fake Ollama server (no real model):
// every command in it parses and runs, the agents answer, and build writes an app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeChatRequest, type FakeOllama, type FakeReply } from '../helpers/fake-ollama.js';
import { spawnNlsh, type NlshRun } from '../helpers/spawn-nlsh.js';

const ROOT = resolve(import.meta.dirname, '../..');
let fake: FakeOllama;
let home = '';

// Answers by the role named in the system prompt, as the build workflow expects; an agent
// offered tools (the runtime's turns) that is asked to write hello.py does it with tool calls.
function reply(req: FakeChatRequest): string | FakeReply {
  const sys = req.messages[0]?.content ?? '';
  const last = req.messages.at(-1)?.content ?? '';
  const asked = req.messages.some((m) => m.role === 'user' && m.content.includes('write hello.py'));
  if (req.tools && asked && sys.includes('Your role: programmer')) {
    const pid = /\((p\d+)\):/.exec(sys)?.[1] ?? 'p0';
    const done = req.messages.filter((m) => m.role === 'tool').length;
    if (done === 0) return { content: '', toolCalls: [{ name: 'fs_ls', arguments: { path: '/knowledge' } }] };
    if (done === 1) return { content: '', toolCalls: [{ name: 'fs_write', arguments: { path: `/agents/${pid}/hello.py`, content: 'print("hello")\n' } }] };
    if (done === 2) return { content: '', toolCalls: [{ name: 'ipc_send', arguments: { to: 'the code reviewer', message: `please review /agents/${pid}/hello.py` } }] };
    return `wrote /agents/${pid}/hello.py and asked the reviewer`;
  }
  if (sys.includes('Your role: software architect')) {
    return JSON.stringify({ summary: 'a tiny web server', files: [{ path: 'server.js', purpose: 'the server' }, { path: 'README.md', purpose: 'how to run it' }] });
  }
  if (sys.includes('Your role: reviewer') && req.format) return JSON.stringify({ approved: true, issues: [] });
  const file = /complete (?:corrected )?content of (\S+?)(?: \(| only)/.exec(last)?.[1];
  if (file) return `\`\`\`js\n// ${file}\nexport const ok = true;\n\`\`\``;
  return `An answer to: ${last.slice(0, 60)}`;
}

beforeAll(async () => {
  fake = await startFakeOllama({ chat: reply });
  home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-agents-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(home, { recursive: true, force: true });
});

const run = (args: string[]): Promise<NlshRun> => spawnNlsh(['--home', home, ...args], join(home, 'cfg'));

describe('examples/agents.nl', () => {
  it('runs end to end with a model: agents spawn, answer, and build writes an app under /apps', async () => {
    const r = await run(['--model', 'fake-model', '--ollama-host', fake.url, join(ROOT, 'examples', 'agents.nl')]);
    expect(r.err).not.toMatch(/^nlsh: /m);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^built \/apps\/\S+/m);
    expect(r.out).toContain('server.js');
    expect(r.out).toContain('audit chain intact');
    expect(fake.requests.some((q) => q.path === '/api/chat')).toBe(true);
    // the coder acted through its tools: the file is in its workspace, the writes are audited as its own
    // (its RESPONSE may land after `msgs` ran: waiting for agents at the end of a script is issue 9 part 4)
    expect(r.out).toMatch(/└── hello\.py$/m);
    const audit = await run(['--json', '-c', 'audit']);
    const records = (JSON.parse(audit.out.trim().split('\n').at(-1)!) as { result: { records: { principal: string; syscall: string; outcome: string }[] } }).result.records;
    expect(records.filter((x) => x.principal === 'p1').map((x) => `${x.syscall} ${x.outcome}`)).toEqual(
      expect.arrayContaining(['fs.ls ok', 'fs.write ok', 'ipc.send ok']),
    );
  }, 120_000);
});
