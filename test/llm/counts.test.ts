// The server's token counts and tool calls are untrusted: the Ollama backend, through the real
// client against the fake server, refuses bad counts and cuts a stream that never ends.
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLETION_MARGIN } from '../../src/llm/counts.js';
import { createOllamaBackend } from '../../src/llm/ollama.js';
import type { ChatChunk } from '../../src/llm/types.js';
import { scripted, startFakeOllama, type FakeOllama, type FakeReply } from '../helpers/fake-ollama.js';
import { rejection } from '../helpers/rejection.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function collect(it: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

const ask = { messages: [{ role: 'user' as const, content: 'count something' }], maxTokens: 20 };

async function backendAnswering(reply: FakeReply) {
  fake = await startFakeOllama({ chat: () => reply });
  return createOllamaBackend({ host: fake.url, model: 'm', timeoutMs: 5_000 });
}

describe('token counts from the server', () => {
  const bad: [string, FakeReply['rawCounts']][] = [
    ['a negative prompt count', { prompt_eval_count: -50 }],
    ['a string count', { eval_count: '12' }],
    ['a fractional count', { eval_count: 1.5 }],
    ['an absurd completion count', { eval_count: 1e12 }],
    ['a completion count past num_predict and the margin', { eval_count: 20 + COMPLETION_MARGIN + 1 }],
    ['a prompt count beyond anything that was sent', { prompt_eval_count: 1_000_000 }],
  ];
  for (const [what, rawCounts] of bad) {
    it(`${what} fails the call with llm.badCounts, streamed or not`, async () => {
      const llm = await backendAnswering({ content: 'one two', rawCounts });
      expect((await rejection(llm.chat(ask))).code).toBe('llm.badCounts');
      expect((await rejection(collect(llm.chatStream(ask)))).code).toBe('llm.badCounts');
    });
  }

  it('honest counts, and num_predict plus the margin, pass as they are', async () => {
    const llm = await backendAnswering({ content: 'one two', rawCounts: { prompt_eval_count: 3, eval_count: 20 + COMPLETION_MARGIN } });
    const last = (await collect(llm.chatStream(ask))).at(-1)!;
    expect(last).toMatchObject({ done: true, promptTokens: 3, completionTokens: 28, doneReason: 'stop' });
  });

  it('a never-ending stream is cut just past the tokens asked for', async () => {
    const llm = await backendAnswering({ content: '', endless: true });
    const chunks: ChatChunk[] = [];
    const err = await rejection((async () => {
      for await (const c of llm.chatStream(ask)) chunks.push(c);
    })());
    expect(err.code).toBe('llm.streamTooLong');
    expect(err.details).toMatchObject({ streamed: 20 + COMPLETION_MARGIN + 1 });
    expect(chunks.length).toBe(20 + COMPLETION_MARGIN);
  });
});

describe('tool calls from the server', () => {
  it('arrive whole, streamed and not, and the tools offered reach the server as Ollama tools', async () => {
    fake = await startFakeOllama({ chat: scripted({ content: '', toolCalls: [{ name: 'fs_ls', arguments: { path: '/' } }] }) });
    const llm = createOllamaBackend({ host: fake.url, model: 'm' });
    const tools = [{ name: 'fs_ls', description: 'list', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: [] } }];
    const r = await llm.chat({ ...ask, tools });
    expect(r.toolCalls).toEqual([{ name: 'fs_ls', arguments: { path: '/' } }]);
    const streamed = (await collect(llm.chatStream({ ...ask, tools }))).flatMap((c) => c.toolCalls ?? []);
    expect(streamed).toEqual([{ name: 'fs_ls', arguments: { path: '/' } }]);
    expect((fake.requests[0]!.body as { tools: unknown }).tools).toEqual([{ type: 'function', function: tools[0] }]);
  });

  it('a tool result goes back as a tool message with its tool name', async () => {
    fake = await startFakeOllama();
    const llm = createOllamaBackend({ host: fake.url, model: 'm' });
    await llm.chat({ messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: '', toolCalls: [{ name: 'fs_ls', arguments: { path: '/' } }] },
      { role: 'tool', toolName: 'fs_ls', content: '{"ok":true}' },
    ] });
    const sent = (fake.requests[0]!.body as { messages: unknown[] }).messages;
    expect(sent[1]).toEqual({ role: 'assistant', content: '', tool_calls: [{ function: { name: 'fs_ls', arguments: { path: '/' } } }] });
    expect(sent[2]).toEqual({ role: 'tool', content: '{"ok":true}', tool_name: 'fs_ls' });
  });

  it('malformed tool_calls fail the call with llm.badResponse', async () => {
    fake = await startFakeOllama({ chat: () => ({ content: '', toolCalls: [{ name: 5 as unknown as string, arguments: {} }] }) });
    const llm = createOllamaBackend({ host: fake.url, model: 'm' });
    expect((await rejection(llm.chat(ask))).code).toBe('llm.badResponse');
  });
});
