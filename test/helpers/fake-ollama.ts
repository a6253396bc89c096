// A fake Ollama server for tests (test helper; any test may use it). Speaks the Ollama HTTP API
// on 127.0.0.1 (random port) well enough for the real `ollama` client: /api/chat and
// /api/generate (streaming NDJSON or one JSON object, `format` honoured), /api/embed,
// /api/embeddings, /api/tags, /api/version, /api/show. A Behavior makes it misbehave on purpose
// (HTTP errors, dropped connections, garbage, slow streams, no answer at all).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behavior =
  | 'ok'
  | { kind: 'error'; status: number; message?: string }
  | { kind: 'disconnect' }
  | { kind: 'garbage' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' };

export interface FakeChatRequest {
  model: string;
  messages: { role: string; content: string; tool_calls?: unknown; tool_name?: string }[];
  /** The tools offered (Ollama's `tools`), as sent by the client. */
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  /** 'json' or a JSON schema, as sent by the client. */
  format?: unknown;
  stream?: boolean;
  options?: Record<string, unknown>;
}

export interface FakeReply {
  content: string;
  /** Overrides the whitespace-token counts reported to the client. */
  promptTokens?: number;
  completionTokens?: number;
  /** Tool calls in the reply (Ollama's message.tool_calls); `arguments` is sent as given (object or, to misbehave, a string). */
  toolCalls?: { name: string; arguments: unknown }[];
  /** Misbehaviour: these raw values replace prompt_eval_count / eval_count (e.g. -50, "12", 1.5, 1e12). */
  rawCounts?: { prompt_eval_count?: unknown; eval_count?: unknown };
  /** Misbehaviour: stream content chunks forever (until the client goes away), never `done`. */
  endless?: boolean;
  /** Misbehaviour: drop the connection after this many streamed chunks. */
  dropAfter?: number;
}

/** A chat function that answers with the given replies in order (the last one repeats). */
export function scripted(...replies: (string | FakeReply)[]): (req: FakeChatRequest) => string | FakeReply {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)] ?? '';
}

export interface FakeOllamaOptions {
  /** Scripted chat reply; default: "You said: <last user message>" (or a schema-shaped JSON when `format` is set). */
  chat?: (req: FakeChatRequest) => string | FakeReply;
  /** Scripted embeddings, one vector per text; default: hashed bag of words of `dim` floats. */
  embed?: (texts: string[]) => number[][];
  /** Dimension of the default embeddings (64). */
  dim?: number;
  /** Models the server "has"; a request for any other answers 404 model not found. Default: any model. */
  models?: string[];
  behavior?: Behavior;
  /** Awaited before each chat reply is sent: a test holds replies (e.g. to kill a client mid-turn) until it resolves. */
  gate?: (req: FakeChatRequest) => Promise<void> | void;
  /** What /api/show reports per model (default ['completion', 'tools']); null leaves the field out, like an old server. */
  capabilities?: Record<string, string[] | null>;
}

export interface FakeOllama {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every request received, in order (body parsed as JSON when it is JSON). */
  requests: { path: string; body: unknown }[];
  setBehavior(b: Behavior): void;
  close(): Promise<void>;
}

/** Whitespace-token count, the fake's notion of a token. */
export function fakeTokenCount(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/\s+/).length;
}

/** The fake's default embedding: a signed, hashed bag of lowercase words, L2-normalised. */
export function fakeEmbedding(text: string, dim = 64): number[] {
  const v = new Array<number>(dim).fill(0);
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const w of words) {
    const h = fnv1a(w);
    v[h % dim]! += (h >>> 31) === 1 ? -1 : 1;
  }
  let s = 0;
  for (const x of v) s += x * x;
  if (s === 0) {
    v[fnv1a(text) % dim] = 1;
    return v;
  }
  const k = 1 / Math.sqrt(s);
  return v.map((x) => x * k);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A minimal instance of a JSON schema: first enum value, required properties filled in, strings = `text`. */
export function schemaInstance(schema: unknown, text: string): unknown {
  if (!schema || typeof schema !== 'object') return text;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ('const' in s) return s.const;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(props);
      const out: Record<string, unknown> = {};
      for (const key of required) out[key] = schemaInstance(props[key], text);
      return out;
    }
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return schemaInstance(s.anyOf[0], text);
      if (Array.isArray(s.oneOf) && s.oneOf.length > 0) return schemaInstance(s.oneOf[0], text);
      return text;
  }
}

/** Starts the fake server on a random loopback port; resolves once it listens. */
export async function startFakeOllama(opts: FakeOllamaOptions = {}): Promise<FakeOllama> {
  let behavior: Behavior = opts.behavior ?? 'ok';
  const dim = opts.dim ?? 64;
  const requests: { path: string; body: unknown }[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const embedTexts = (texts: string[]): number[][] =>
    opts.embed ? opts.embed(texts) : texts.map((t) => fakeEmbedding(t, dim));

  const knowsModel = (model: unknown): boolean =>
    !opts.models || (typeof model === 'string' && opts.models.some((m) => m === model || `${m}:latest` === model || m === `${model}:latest`));

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = raw;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, body });
    const b = behavior;
    const streaming = isRecord(body) && body.stream === true;

    if (b !== 'ok') {
      if (b.kind === 'hang') return; // never answer; close() destroys the socket
      if (b.kind === 'error') return sendJson(res, b.status, { error: b.message ?? `fake error ${b.status}` });
      if (b.kind === 'disconnect') {
        res.writeHead(200, { 'content-type': streaming ? 'application/x-ndjson' : 'application/json' });
        res.write(streaming ? '{"model":"x","message":{"role":"assistant","content":"par"},"done":false}\n' : '{"model":');
        await later(10);
        req.socket.destroy();
        return;
      }
      if (b.kind === 'garbage') {
        res.writeHead(200, { 'content-type': streaming ? 'application/x-ndjson' : 'application/json' });
        res.end(streaming ? 'this is not json\n{"half": \n' : '<html>this is not json');
        return;
      }
    }
    const delayMs = b !== 'ok' && b.kind === 'slow' ? b.delayMs : 0;
    const r = isRecord(body) ? body : {};

    switch (`${req.method} ${path}`) {
      case 'GET /api/version':
        return sendJson(res, 200, { version: '0.0.0-fake' });
      case 'GET /api/tags':
        return sendJson(res, 200, {
          models: (opts.models ?? ['fake-model']).map((name) => ({
            name,
            model: name,
            modified_at: '2026-01-01T00:00:00Z',
            size: 1,
            digest: 'fake',
            details: { format: 'gguf', family: 'fake', parameter_size: '1B', quantization_level: 'Q4_0' },
          })),
        });
      case 'POST /api/show':
        if (!knowsModel(r.model ?? r.name)) return modelNotFound(res, r.model ?? r.name);
        return sendJson(res, 200, {
          modelfile: '',
          parameters: '',
          template: '{{ .Prompt }}',
          details: { format: 'gguf', family: 'fake', parameter_size: '1B', quantization_level: 'Q4_0' },
          model_info: { 'general.architecture': 'fake', 'fake.context_length': 4096 },
          ...showCapabilities(String(r.model ?? r.name)),
        });
      case 'POST /api/embed': {
        if (!knowsModel(r.model)) return modelNotFound(res, r.model);
        const input = typeof r.input === 'string' ? [r.input] : Array.isArray(r.input) ? r.input.map(String) : [];
        if (delayMs) await later(delayMs);
        return sendJson(res, 200, {
          model: r.model,
          embeddings: embedTexts(input),
          prompt_eval_count: input.reduce((n, t) => n + fakeTokenCount(t), 0),
        });
      }
      case 'POST /api/embeddings': {
        if (!knowsModel(r.model)) return modelNotFound(res, r.model);
        if (delayMs) await later(delayMs);
        return sendJson(res, 200, { embedding: embedTexts([String(r.prompt ?? '')])[0] ?? [] });
      }
      case 'POST /api/chat':
      case 'POST /api/generate': {
        if (!knowsModel(r.model)) return modelNotFound(res, r.model);
        const isChat = path === '/api/chat';
        const messages = isChat && Array.isArray(r.messages) ? (r.messages as { role: string; content: string }[]) : [{ role: 'user', content: String(r.prompt ?? '') }];
        const chatReq: FakeChatRequest = {
          model: String(r.model ?? ''),
          messages,
          format: r.format,
          ...(Array.isArray(r.tools) ? { tools: r.tools as NonNullable<FakeChatRequest['tools']> } : {}),
          stream: r.stream === true,
          options: isRecord(r.options) ? r.options : undefined,
        };
        if (opts.gate) await opts.gate(chatReq);
        const reply = makeReply(chatReq);
        return sendCompletion(res, isChat, chatReq, reply, delayMs);
      }
      default:
        return sendJson(res, 404, { error: `404 page not found: ${req.method} ${path}` });
    }
  }

  function showCapabilities(model: string): { capabilities?: string[] } {
    const caps = opts.capabilities && model in opts.capabilities ? opts.capabilities[model] : ['completion', 'tools'];
    return caps ? { capabilities: caps } : {};
  }

  function makeReply(req: FakeChatRequest): FakeReply & { promptTokens: number; completionTokens: number } {
    const lastUser = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    let out: string | FakeReply;
    if (opts.chat) out = opts.chat(req);
    else if (req.format === 'json') out = JSON.stringify({ reply: lastUser });
    else if (isRecord(req.format)) out = JSON.stringify(schemaInstance(req.format, lastUser));
    else out = `You said: ${lastUser}`;
    const reply: FakeReply = typeof out === 'string' ? { content: out } : out;
    // like Ollama, generation stops at num_predict (done_reason 'length')
    const max = typeof req.options?.num_predict === 'number' ? req.options.num_predict : Infinity;
    const words = reply.content.match(/\s*\S+/g) ?? [];
    const cut = words.length > max;
    const content = cut ? words.slice(0, max).join('') : reply.content;
    return {
      ...reply,
      content,
      ...(cut ? { cut: true } : {}),
      promptTokens: reply.promptTokens ?? req.messages.reduce((n, m) => n + fakeTokenCount(m.content), 0),
      completionTokens: reply.completionTokens ?? fakeTokenCount(content),
    };
  }

  async function sendCompletion(
    res: ServerResponse,
    isChat: boolean,
    req: FakeChatRequest,
    reply: FakeReply & { promptTokens: number; completionTokens: number; cut?: boolean },
    delayMs: number,
  ): Promise<void> {
    const base = { model: req.model, created_at: new Date(0).toISOString() };
    const calls = reply.toolCalls?.map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
    const piece = (content: string, done: boolean, withCalls = false): Record<string, unknown> =>
      isChat
        ? { ...base, message: { role: 'assistant', content, ...(withCalls && calls ? { tool_calls: calls } : {}) }, done }
        : { ...base, response: content, done };
    const final = {
      done_reason: reply.cut ? 'length' : 'stop',
      total_duration: 1000,
      load_duration: 0,
      prompt_eval_count: reply.promptTokens,
      prompt_eval_duration: 1,
      eval_count: reply.completionTokens,
      eval_duration: 1,
      ...reply.rawCounts,
    };
    if (!req.stream) {
      if (delayMs) await later(delayMs);
      return sendJson(res, 200, { ...piece(reply.content, true, true), ...final });
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    if (reply.endless) {
      for (let i = 0; !res.destroyed; i++) {
        if (!res.write(JSON.stringify(piece(' more', false)) + '\n')) await new Promise((r) => res.once('drain', r));
        if (i % 64 === 0) await later(0);
      }
      return;
    }
    const parts = reply.content.match(/\s*\S+/g) ?? [];
    let sent = 0;
    for (const p of parts) {
      if (delayMs) await later(delayMs);
      if (res.destroyed) return;
      if (reply.dropAfter !== undefined && sent >= reply.dropAfter) {
        await later(20); // let what was written reach the client first
        return void res.socket?.destroy();
      }
      res.write(JSON.stringify(piece(p, false)) + '\n');
      sent++;
    }
    if (calls) res.write(JSON.stringify(piece('', false, true)) + '\n'); // Ollama sends tool calls in a chunk of their own
    if (delayMs) await later(delayMs);
    if (res.destroyed) return;
    res.end(JSON.stringify({ ...piece('', true), ...final }) + '\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehavior(b: Behavior) {
      behavior = b;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function modelNotFound(res: ServerResponse, model: unknown): void {
  sendJson(res, 404, { error: `model "${String(model)}" not found, try pulling it first` });
}
