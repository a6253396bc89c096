// The Embedder interface (embed layer): text -> unit-length vector. Implementations: glove
// (default, offline), ollama, hash (tests only). Callers: vfs, kernel (vpids, memory), shell.

export type EmbedderKind = 'glove' | 'ollama' | 'hash';

export interface Embedder {
  /** Stable identity recorded by every index it builds, e.g. "glove-sif-100d", "ollama:nomic-embed-text", "hash-64". */
  readonly id: string;
  readonly kind: EmbedderKind;
  /** Vector length. */
  readonly dim: number;
  /** Embeds texts in one batch; vectors are L2-normalised. Fails with embed.* NlshErrors. */
  embed(texts: readonly string[], opts?: { signal?: AbortSignal }): Promise<Float32Array[]>;
  /** Synchronous embedding where the implementation can do it in-process (glove, hash). */
  embedSync?(text: string): Float32Array;
  /** Releases resources (network clients). */
  close?(): Promise<void>;
}

/** Cosine similarity of two unit vectors (their dot product). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Scales v to unit length in place and returns it; a zero vector stays zero. */
export function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s > 0) {
    const k = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] = v[i]! * k;
  }
  return v;
}
