// The ollama embedder (embed layer; callers: createEmbedder, tests): any Ollama embedding
// model (e.g. nomic-embed-text) through /api/embed, in batches. The dimension is learned from
// a first one-text request at creation, so a missing model or server fails early. Backend
// failures keep their meaning under the embed namespace: llm.unreachable -> embed.unreachable,
// llm.modelMissing -> embed.modelMissing, and so on, with the same hints.
import { NlshError, toNlshError } from '../base/errors.js';
import { createOllamaBackend } from '../llm/ollama.js';
import type { ModelBackend } from '../llm/types.js';
import { hashVector } from './hash.js';
import { normalize, type Embedder } from './types.js';

export const DEFAULT_EMBED_MODEL = 'nomic-embed-text';
export const DEFAULT_EMBED_BATCH = 64;

export interface OllamaEmbedderOptions {
  /** A backend to use; else one is created from host/timeoutMs. */
  backend?: ModelBackend;
  host?: string;
  model?: string;
  batchSize?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Returns err with its llm.* code moved to embed.* (other errors pass through as NlshErrors). */
function asEmbedError(err: unknown): NlshError {
  const e = toNlshError(err, 'embed.failed');
  if (!e.code.startsWith('llm.')) return e;
  return new NlshError(`embed.${e.code.slice(4)}`, e.message, { hint: e.hint, details: e.details, exitCode: e.exitCode, cause: e });
}

/** Returns an embedder for an Ollama model after one probe request; fails with embed.unreachable, embed.modelMissing, embed.timeout, ... */
export async function createOllamaEmbedder(opts: OllamaEmbedderOptions = {}): Promise<Embedder> {
  const model = opts.model || DEFAULT_EMBED_MODEL;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_EMBED_BATCH);
  const backend = opts.backend ?? createOllamaBackend({ host: opts.host, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) });

  const call = async (texts: string[], signal?: AbortSignal): Promise<number[][]> => {
    try {
      return await backend.embed(model, texts.map((t) => (t === '' ? ' ' : t)), signal);
    } catch (err) {
      throw asEmbedError(err);
    }
  };

  const probe = await call(['dimension probe'], opts.signal);
  const dim = probe[0]?.length ?? 0;
  if (dim < 1) {
    throw new NlshError('embed.badResponse', `Ollama model ${model} returned an empty embedding`, {
      hint: `is ${model} an embedding model? try \`ollama pull ${DEFAULT_EMBED_MODEL}\``,
    });
  }

  const toVector = (raw: number[], text: string): Float32Array => {
    if (raw.length !== dim) {
      throw new NlshError('embed.badResponse', `Ollama model ${model} returned ${raw.length} dimensions, expected ${dim}`, {
        hint: 'the model changed under a running nlsh; restart it',
      });
    }
    const v = normalize(Float32Array.from(raw));
    return v.some((x) => x !== 0) ? v : hashVector(text, dim); // never hand out a zero vector
  };

  return {
    id: `ollama:${model}`,
    kind: 'ollama',
    dim,
    async embed(texts, o) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize);
        const vecs = await call(batch, o?.signal);
        batch.forEach((t, k) => out.push(toVector(vecs[k]!, t)));
      }
      return out;
    },
  };
}
