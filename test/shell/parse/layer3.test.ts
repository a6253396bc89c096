// Layer 3, the Ollama intent compiler, against the fake Ollama server: it is asked only when
// layers 1-2 are unsure, sends a JSON schema of the syscall table, and its answer is
// validated like any other input — anything wrong is shell.unsure and nothing is carried out.
import { afterEach, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../../src/embed/hash.js';
import { ipcSyscalls } from '../../../src/kernel/syscalls/ipc.js';
import { procSyscalls } from '../../../src/kernel/syscalls/proc.js';
import { fsSyscalls } from '../../../src/kernel/syscalls/fs.js';
import { createOllamaBackend } from '../../../src/llm/ollama.js';
import { createParser, type SyscallInfo } from '../../../src/shell/parse/parser.js';
import { intentSchema } from '../../../src/shell/parse/compiler.js';
import { startFakeOllama, type FakeChatRequest, type FakeOllama } from '../../helpers/fake-ollama.js';

const SYSCALLS: SyscallInfo[] = [...procSyscalls, ...ipcSyscalls, ...fsSyscalls].map((d) => ({ name: d.name, summary: d.summary, args: d.args }));
const UNSURE_LINE = 'could the thing that reviews stuff please go away';

let server: FakeOllama | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function parserAnswering(chat: (req: FakeChatRequest) => string, withSyscalls = true) {
  server = await startFakeOllama({ chat });
  const llm = createOllamaBackend({ host: server.url, model: 'tiny', timeoutMs: 5_000 });
  // layer2Threshold 5: layer 2 is never sure, so every non-grammar line reaches layer 3
  return createParser({ embedder: async () => createHashEmbedder(), llm, layer2Threshold: 5, ...(withSyscalls ? { syscalls: SYSCALLS } : {}) });
}

const answer = (o: unknown) => () => JSON.stringify(o);

describe('the Ollama intent compiler', () => {
  it('turns an unsure line into a validated layer-3 command with the model confidence', async () => {
    const p = await parserAnswering(answer({ syscall: 'proc.kill', args: { pid: 'the reviewer' }, confidence: 0.8 }));
    const c = await p.parse(UNSURE_LINE);
    expect(c).toEqual({ kind: 'syscall', input: UNSURE_LINE, syscall: 'proc.kill', args: { pid: 'the reviewer' }, layer: 3, confidence: 0.8 });
  });

  it('sends the syscall table as a structured-output JSON schema and the line as the user message', async () => {
    const p = await parserAnswering(answer({ syscall: 'proc.ps', args: {}, confidence: 0.9 }));
    await p.parse(UNSURE_LINE);
    const chat = server!.requests.find((r) => r.path === '/api/chat')!.body as FakeChatRequest;
    expect(chat.format).toEqual(intentSchema(SYSCALLS));
    const variants = (chat.format as { anyOf: { properties: { syscall: { enum: string[] } } }[] }).anyOf;
    expect(variants.map((v) => v.properties.syscall.enum[0])).toEqual([...SYSCALLS.map((s) => s.name), 'none']);
    expect(chat.messages.at(-1)).toEqual({ role: 'user', content: UNSURE_LINE });
    expect(chat.messages[0]!.content).toContain('proc.kill: terminate a process');
  });

  it('takes the syscall table from a lazy getter, called only when layer 3 is needed', async () => {
    server = await startFakeOllama({ chat: answer({ syscall: 'proc.ps', args: {}, confidence: 0.9 }) });
    const llm = createOllamaBackend({ host: server.url, model: 'tiny', timeoutMs: 5_000 });
    let calls = 0;
    const p = createParser({ embedder: async () => createHashEmbedder(), llm, layer2Threshold: 5, syscalls: async () => { calls++; return SYSCALLS; } });
    await p.parse('ps');
    expect(calls).toBe(0);
    expect(await p.parse(UNSURE_LINE)).toMatchObject({ syscall: 'proc.ps', layer: 3 });
    expect(calls).toBe(1);
  });

  it('is not asked when layer 1 understands the line', async () => {
    const p = await parserAnswering(answer({ syscall: 'proc.ps', args: {}, confidence: 1 }));
    await p.parse('kill p3');
    expect(server!.requests.filter((r) => r.path === '/api/chat')).toHaveLength(0);
  });

  const refusals: [string, string, RegExp][] = [
    ['an unknown syscall', JSON.stringify({ syscall: 'proc.teleport', args: {}, confidence: 0.9 }), /unknown call/],
    ['missing required arguments', JSON.stringify({ syscall: 'proc.kill', args: {}, confidence: 0.9 }), /arguments are invalid.*pid/],
    ['arguments of the wrong type', JSON.stringify({ syscall: 'proc.renice', args: { pid: 'p3', priority: 'high' }, confidence: 0.9 }), /arguments are invalid/],
    ['an extra argument', JSON.stringify({ syscall: 'proc.kill', args: { pid: 'p3', force: true }, confidence: 0.9 }), /arguments are invalid/],
    ['text that is not JSON', 'I think you want to kill the reviewer', /did not answer JSON/],
    ['a JSON list', '[1, 2]', /no object/],
    ['"none"', JSON.stringify({ syscall: 'none', args: {}, confidence: 0.9 }), /no matching command/],
    ['low confidence', JSON.stringify({ syscall: 'proc.kill', args: { pid: 'p3' }, confidence: 0.2 }), /not confident/],
    ['no confidence at all', JSON.stringify({ syscall: 'proc.kill', args: { pid: 'p3' } }), /not confident/],
  ];
  for (const [what, reply, message] of refusals) {
    it(`an answer with ${what} is shell.unsure and carries nothing out`, async () => {
      const p = await parserAnswering(() => reply);
      await expect(p.parse(UNSURE_LINE)).rejects.toMatchObject({ code: 'shell.unsure', message });
    });
  }

  it('an unreachable or failing model is shell.unsure naming the llm error', async () => {
    const p = await parserAnswering(answer({}));
    server!.setBehavior({ kind: 'error', status: 500, message: 'boom' });
    const err = await p.parse(UNSURE_LINE).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'shell.unsure', message: expect.stringMatching(/intent compiler failed \(llm\./) });
  });

  it('without the syscall table layer 3 is not used', async () => {
    const p = await parserAnswering(answer({ syscall: 'proc.ps', args: {}, confidence: 1 }), false);
    await expect(p.parse(UNSURE_LINE)).rejects.toMatchObject({ code: expect.stringMatching(/^shell\.(unsure|unknownCommand)$/) });
    expect(server!.requests.filter((r) => r.path === '/api/chat')).toHaveLength(0);
  });

  it('an aborted parse rejects instead of waiting for the model', async () => {
    const p = await parserAnswering(answer({ syscall: 'proc.ps', args: {}, confidence: 1 }));
    server!.setBehavior({ kind: 'hang' });
    const ac = new AbortController();
    const pending = p.parse(UNSURE_LINE, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(pending).rejects.toBeDefined();
  });
});
