// The Ollama model backend (llm layer), the only importer of the `ollama` package. Callers:
// agents, the shell's intent compiler, the ollama embedder, the CLI. Every call has a timeout
// (for streams: the longest wait for the next chunk) and honours an AbortSignal; every failure
// becomes an llm.* NlshError (see ollama-errors.ts).
import { Ollama } from 'ollama';
import { NlshError } from '../base/errors.js';
import { parseShow, type ModelCapabilities } from './capabilities.js';
import { checkCounts, completionBound, promptBound, readToolCalls } from './counts.js';
import { BadLineError, ollamaFailure } from './ollama-errors.js';
import { wireMessage, wireTool } from './ollama-wire.js';
import type { ChatChunk, ChatRequest, ChatResult, ModelBackend } from './types.js';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
export const DEFAULT_CHAT_MODEL = 'llama3.2';
export const DEFAULT_TIMEOUT_MS = 120_000;
const PING_TIMEOUT_MS = 3_000;
const SHOW_TIMEOUT_MS = 10_000;

export interface OllamaBackendOptions {
  /** Server URL; else OLLAMA_HOST; else http://127.0.0.1:11434. */
  host?: string;
  /** Chat model used when a request names none. */
  model?: string;
  /** Per-call limit in ms (for streams: per chunk). Default 120 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** A ModelBackend that can also list the models the server has, its version, and what a model can do. */
export interface OllamaBackend extends ModelBackend {
  readonly timeoutMs: number;
  /** Names of the installed models; fails like chat(). */
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** The server's version string; fails like chat(). */
  version(signal?: AbortSignal): Promise<string>;
  capabilities(model?: string, signal?: AbortSignal): Promise<ModelCapabilities>;
  supportsTools(model?: string, signal?: AbortSignal): Promise<boolean>;
}

/** Returns the Ollama URL: explicit, else OLLAMA_HOST, else the local default; a bare host:port gets http://. */
export function resolveOllamaHost(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = (explicit || env.OLLAMA_HOST || DEFAULT_OLLAMA_HOST).trim();
  let url = raw.includes('://') ? raw : `http://${raw.startsWith(':') ? `127.0.0.1${raw}` : raw}`;
  url = url.replace(/\/+$/, '');
  if (/^https?:\/\/0\.0\.0\.0(:|$)/.test(url)) url = url.replace('0.0.0.0', '127.0.0.1'); // a bind address, not a destination
  return url;
}

/** One call's deadline and cancellation: a fetch that obeys both, and what ended the call. */
class Call {
  readonly controller = new AbortController();
  timedOut = false;
  aborted = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => {
    this.aborted = true;
    this.controller.abort();
  };

  constructor(
    readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly ndjson: boolean,
  ) {
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
    this.arm();
  }

  /** (Re)starts the deadline; streams call it on every chunk. */
  arm(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  end(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
    if (!this.controller.signal.aborted) this.controller.abort(); // releases a half-read stream
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ? AbortSignal.any([init.signal, this.controller.signal]) : this.controller.signal;
    const res = await fetch(input, { ...init, signal });
    if (!this.ndjson || !res.ok || !res.body) return res;
    return new Response(checkedNdjson(res.body), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Passes NDJSON bytes through, erroring the stream at the first line that is not JSON. */
function checkedNdjson(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let pending = '';
  const check = (line: string): void => {
    if (line.trim() === '') return;
    try {
      JSON.parse(line);
    } catch {
      throw new BadLineError(line);
    }
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        pending += decoder.decode(chunk, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) check(l);
        ctl.enqueue(chunk);
      },
      flush() {
        check(pending + decoder.decode());
      },
    }),
  );
}

/** Returns a backend for the Ollama server at opts.host (or OLLAMA_HOST); it connects lazily, so creating it never fails. */
export function createOllamaBackend(opts: OllamaBackendOptions = {}): OllamaBackend {
  const host = resolveOllamaHost(opts.host, opts.env);
  const model = opts.model || DEFAULT_CHAT_MODEL;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const begin = (signal: AbortSignal | undefined, ndjson = false, ms = timeoutMs): { call: Call; client: Ollama } => {
    const call = new Call(ms, signal, ndjson);
    return { call, client: new Ollama({ host, fetch: call.fetch }) };
  };
  const fail = (err: unknown, call: Call, m: string): NlshError =>
    ollamaFailure(err, { host, model: m, timedOut: call.timedOut, timeoutMs: call.timeoutMs, aborted: call.aborted });
  const badShape = (what: string): NlshError =>
    new NlshError('llm.badResponse', `Ollama at ${host} sent ${what}`, { hint: 'is --ollama-host really an Ollama server?' });

  const options = (req: ChatRequest): Record<string, number> => ({
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxTokens !== undefined ? { num_predict: req.maxTokens } : {}),
  });
  const body = (req: ChatRequest, m: string) => ({
    model: m, messages: req.messages.map(wireMessage), format: req.format, options: options(req),
    ...(req.tools && req.tools.length > 0 ? { tools: req.tools.map(wireTool) } : {}),
  });
  const bounds = (req: ChatRequest) => ({ prompt: promptBound(req.messages, req.tools), completion: completionBound(req.maxTokens) });

  // one /api/show per model and backend; a failed one is asked again next time
  const known = new Map<string, Promise<ModelCapabilities>>();
  const capabilities = (m: string = model, signal?: AbortSignal): Promise<ModelCapabilities> => {
    let p = known.get(m);
    if (!p) {
      p = (async () => {
        const { call, client } = begin(signal, false, Math.min(timeoutMs, SHOW_TIMEOUT_MS));
        try {
          if (call.aborted) throw new Error('aborted before start');
          return parseShow(m, await client.show({ model: m }));
        } catch (err) {
          throw fail(err, call, m);
        } finally {
          call.end();
        }
      })();
      known.set(m, p);
      p.catch(() => known.delete(m));
    }
    return p;
  };

  return {
    host,
    model,
    timeoutMs,
    capabilities,
    supportsTools: async (m?: string, signal?: AbortSignal) => (await capabilities(m, signal)).tools,

    async version(signal?: AbortSignal): Promise<string> {
      const { call, client } = begin(signal, false, Math.min(timeoutMs, SHOW_TIMEOUT_MS));
      try {
        if (call.aborted) throw new Error('aborted before start');
        const v = await client.version();
        if (typeof v?.version !== 'string') throw badShape('a version reply without version');
        return v.version.slice(0, 64);
      } catch (err) {
        throw fail(err, call, model);
      } finally {
        call.end();
      }
    },

    async chat(req: ChatRequest): Promise<ChatResult> {
      const m = req.model || model;
      const started = performance.now();
      const { call, client } = begin(req.signal);
      try {
        if (call.aborted) throw new Error('aborted before start');
        const res = await client.chat({ ...body(req, m), stream: false });
        if (typeof res?.message?.content !== 'string') throw badShape('a chat reply without message.content');
        const counts = checkCounts(res, bounds(req), host);
        const toolCalls = readToolCalls(res.message.tool_calls, host);
        return {
          content: res.message.content,
          ...(toolCalls ? { toolCalls } : {}),
          promptTokens: counts.promptTokens ?? 0,
          completionTokens: counts.completionTokens ?? 0,
          ...(typeof res.done_reason === 'string' ? { doneReason: res.done_reason } : {}),
          latencyMs: performance.now() - started,
        };
      } catch (err) {
        throw fail(err, call, m);
      } finally {
        call.end();
      }
    },

    async *chatStream(req: ChatRequest): AsyncIterable<ChatChunk> {
      const m = req.model || model;
      const { call, client } = begin(req.signal, true);
      try {
        if (call.aborted) throw new Error('aborted before start');
        const stream = await client.chat({ ...body(req, m), stream: true });
        const limit = bounds(req);
        let pieces = 0; // one streamed chunk is one token for Ollama; bytes bound a giant chunk
        let bytes = 0;
        for await (const part of stream) {
          call.arm();
          const content = part?.message?.content;
          if (typeof content !== 'string') throw badShape('a stream chunk without message.content');
          const toolCalls = readToolCalls(part.message.tool_calls, host);
          if (content !== '') pieces++;
          bytes += Buffer.byteLength(content, 'utf8');
          if (pieces > limit.completion || bytes > limit.completion * 64) {
            throw new NlshError('llm.streamTooLong', `the model server at ${host} kept streaming past the ${req.maxTokens} tokens asked for; the stream was cut`, {
              hint: 'the partial reply was not used; it was charged what was streamed',
              details: { streamed: pieces },
            });
          }
          if (part.done) {
            const counts = checkCounts(part, limit, host);
            yield {
              content, done: true, ...(toolCalls ? { toolCalls } : {}), ...counts,
              ...(typeof part.done_reason === 'string' ? { doneReason: part.done_reason } : {}),
            };
            return;
          }
          yield { content, done: false, ...(toolCalls ? { toolCalls } : {}) };
        }
      } catch (err) {
        throw fail(err, call, m);
      } finally {
        call.end();
      }
    },

    async embed(embedModel: string, input: string[], signal?: AbortSignal): Promise<number[][]> {
      const { call, client } = begin(signal);
      try {
        if (call.aborted) throw new Error('aborted before start');
        if (input.length === 0) return [];
        const res = await client.embed({ model: embedModel, input });
        const vecs: unknown = res?.embeddings;
        if (!Array.isArray(vecs) || vecs.length !== input.length || !vecs.every((v) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'number')) {
          throw badShape(`embeddings of the wrong shape (asked for ${input.length})`);
        }
        return vecs as number[][];
      } catch (err) {
        throw fail(err, call, embedModel);
      } finally {
        call.end();
      }
    },

    async ping(signal?: AbortSignal): Promise<boolean> {
      const { call, client } = begin(signal, false, Math.min(timeoutMs, PING_TIMEOUT_MS));
      try {
        if (call.aborted) return false;
        const v = await client.version();
        return typeof v?.version === 'string';
      } catch {
        return false;
      } finally {
        call.end();
      }
    },

    async listModels(signal?: AbortSignal): Promise<string[]> {
      const { call, client } = begin(signal);
      try {
        if (call.aborted) throw new Error('aborted before start');
        const res = await client.list();
        if (!Array.isArray(res?.models)) throw badShape('a model list without models');
        return res.models.map((x) => x.name);
      } catch (err) {
        throw fail(err, call, model);
      } finally {
        call.end();
      }
    },
  };
}
