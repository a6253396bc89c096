// The embed layer's front door (callers: kernel, CLI, benches): picks and opens an embedder by
// kind. glove = offline GloVe SIF vectors (default); ollama = an Ollama embedding model;
// hash = deterministic, non-semantic, for tests.
import { NlshError } from '../base/errors.js';
import { createGloveEmbedder } from './glove.js';
import { createHashEmbedder, DEFAULT_HASH_DIM } from './hash.js';
import { createOllamaEmbedder, DEFAULT_EMBED_MODEL } from './ollama-embedder.js';
import type { Embedder, EmbedderKind } from './types.js';

export type { Embedder, EmbedderKind } from './types.js';
export { cosine, normalize } from './types.js';
export { createEmbeddingCache, type CachedEmbedder, type EmbeddingCacheStats } from './cache.js';
export { createGloveEmbedder, type GloveEmbedder } from './glove.js';
export { createHashEmbedder } from './hash.js';
export { createOllamaEmbedder, DEFAULT_EMBED_MODEL } from './ollama-embedder.js';

export const EMBEDDER_KINDS: readonly EmbedderKind[] = ['glove', 'ollama', 'hash'];

export interface CreateEmbedderOptions {
  /** Where the GloVe binary cache lives (default resolveCacheDir()). */
  cacheDir?: string;
  /** Ollama server for kind 'ollama' (else OLLAMA_HOST, else local). */
  ollamaHost?: string;
  /** Embedding model for kind 'ollama' (default nomic-embed-text). */
  model?: string;
  /** Dimension for kind 'hash' (default 256). */
  dim?: number;
  /** Progress of the one-time GloVe conversion. */
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

/** Returns an open embedder of the given kind; fails with embed.unknownEmbedder, embed.gloveMissing, embed.unreachable, embed.modelMissing, ... */
export async function createEmbedder(kind: EmbedderKind | string, opts: CreateEmbedderOptions = {}): Promise<Embedder> {
  switch (kind) {
    case 'glove':
      return createGloveEmbedder({
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
    case 'ollama':
      return createOllamaEmbedder({
        ...(opts.ollamaHost ? { host: opts.ollamaHost } : {}),
        model: opts.model || DEFAULT_EMBED_MODEL,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    case 'hash':
      return createHashEmbedder(opts.dim ?? DEFAULT_HASH_DIM);
    default:
      throw new NlshError('embed.unknownEmbedder', `unknown embedder "${kind}"`, {
        hint: `use one of: ${EMBEDDER_KINDS.join(', ')}`,
        exitCode: 2,
        details: { kind, valid: [...EMBEDDER_KINDS] },
      });
  }
}
