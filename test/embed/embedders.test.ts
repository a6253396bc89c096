// createEmbedder picks an embedder by kind and refuses unknown kinds.
import { describe, expect, it } from 'vitest';
import { isNlshError } from '../../src/base/errors.js';
import { createEmbedder, EMBEDDER_KINDS } from '../../src/embed/index.js';
import { startFakeOllama } from '../helpers/fake-ollama.js';

describe('createEmbedder', () => {
  it('opens glove, hash and ollama embedders by kind', async () => {
    const glove = await createEmbedder('glove');
    expect(glove.id).toBe('glove-sif-100d');
    expect((await createEmbedder('hash', { dim: 32 })).id).toBe('hash-32');
    const fake = await startFakeOllama({ dim: 12 });
    try {
      const o = await createEmbedder('ollama', { ollamaHost: fake.url, model: 'mxbai-embed-large' });
      expect(o.id).toBe('ollama:mxbai-embed-large');
      expect(o.dim).toBe(12);
    } finally {
      await fake.close();
    }
  });

  it('an unknown kind fails with embed.unknownEmbedder listing the valid ones', async () => {
    const err = await createEmbedder('word2vec').catch((e: unknown) => e);
    expect(isNlshError(err, 'embed.unknownEmbedder')).toBe(true);
    expect((err as { details: { valid: string[] } }).details.valid).toEqual([...EMBEDDER_KINDS]);
    expect((err as { hint: string }).hint).toContain('glove, ollama, hash');
  });
});
