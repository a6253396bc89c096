// The embed layer's front door (callers: kernel, CLI, benches): picks and opens an embedder by
// kind. glove = offline GloVe SIF vectors (default); ollama = an Ollama embedding model;
// hash = deterministic, non-semantic, for tests. Each embedder's module is imported only when
// that kind is opened (so opening hash never loads GloVe code, and nothing here loads the
// `ollama` package unless kind is 'ollama'); import createGloveEmbedder / createOllamaEmbedder
// from their own modules when you need them directly.
import { NlshError } from '../base/errors.js';
import { DEFAULT_HASH_DIM } from './hash.js';
import { createLazyEmbedder, lazySpecFor } from './lazy.js';
import type { Embedder, EmbedderKind } from './types.js';

export type { Embedder, EmbedderKind } from './types.js';
export { cosine, normalize } from './types.js';
export { createEmbeddingCache, type CachedEmbedder, type EmbeddingCacheStats } from './cache.js';
export { createHashEmbedder } from './hash.js';
export { createLazyEmbedder, lazySpecFor, GLOVE_DIM, type LazyEmbedder, type LazySpec } from './lazy.js';

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

function unknownKind(kind: string): NlshError {
  return new NlshError('embed.unknownEmbedder', `unknown embedder "${kind}"`, {
    hint: `use one of: ${EMBEDDER_KINDS.join(', ')}`,
    exitCode: 2,
    details: { kind, valid: [...EMBEDDER_KINDS] },
  });
}

/** Returns an open embedder of the given kind; fails with embed.unknownEmbedder, embed.gloveMissing, embed.unreachable, embed.modelMissing, ... */
export async function createEmbedder(kind: EmbedderKind | string, opts: CreateEmbedderOptions = {}): Promise<Embedder> {
  switch (kind) {
    case 'glove': {
      const { createGloveEmbedder } = await import('./glove.js');
      return createGloveEmbedder({
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
    }
    case 'ollama': {
      const { createOllamaEmbedder, DEFAULT_EMBED_MODEL } = await import('./ollama-embedder.js');
      return createOllamaEmbedder({
        ...(opts.ollamaHost ? { host: opts.ollamaHost } : {}),
        model: opts.model || DEFAULT_EMBED_MODEL,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    }
    case 'hash': {
      const { createHashEmbedder } = await import('./hash.js');
      return createHashEmbedder(opts.dim ?? DEFAULT_HASH_DIM);
    }
    default:
      throw unknownKind(kind);
  }
}

/**
 * Returns an embedder of the given kind that loads on its first embed() call when its id and dim
 * are known up front (glove, hash: see lazy.ts), else (ollama, which must probe its dimension)
 * opens it now; fails like createEmbedder (for lazy kinds, load failures surface from embed()).
 */
export async function openEmbedder(kind: EmbedderKind | string, opts: CreateEmbedderOptions = {}): Promise<Embedder> {
  if (!EMBEDDER_KINDS.includes(kind as EmbedderKind)) throw unknownKind(kind);
  const spec = lazySpecFor(kind as EmbedderKind, opts.dim !== undefined ? { dim: opts.dim } : {});
  // hash has nothing to defer (no file, no probe) and stays eager, with its embedSync
  if (!spec || kind === 'hash') return createEmbedder(kind, opts);
  const { signal: _signal, ...loadOpts } = opts; // a boot signal must not abort a later, lazy load
  return createLazyEmbedder(spec, () => createEmbedder(kind, loadOpts));
}
