import { describe, expect, it } from 'vitest';
import { chooseRole, roleByKeywords, roleNamed, ROLES } from '../../src/agents/roles.js';
import type { Embedder } from '../../src/embed/types.js';

/** An embedder where texts sharing a topic word land on the same axis. */
const topicEmbedder: Embedder = {
  id: 'topics', kind: 'hash', dim: 4,
  async embed(texts) {
    return texts.map((t) => {
      const v = new Float32Array(4);
      if (/source code|gardening|programming/i.test(t)) v[0] = 1;
      else if (/facts|birds/i.test(t)) v[1] = 1;
      else if (/nice/i.test(t)) v[3] = 1;
      else v[2] = 1;
      return v;
    });
  },
};

describe('agent roles', () => {
  it('keywords in the description pick the role', () => {
    expect(roleByKeywords('a code-writing agent with Python expertise')?.name).toBe('coder');
    expect(roleByKeywords('reviewer that checks for security bugs')?.name).toBe('reviewer');
    expect(roleByKeywords('the system architect')?.name).toBe('architect');
    expect(roleByKeywords('research the history of unix')?.name).toBe('researcher');
    expect(roleByKeywords('someone nice')).toBeNull();
  });

  it('without matching keywords, the nearest role description by embedding wins', async () => {
    expect((await chooseRole('an expert on birds', topicEmbedder)).name).toBe('researcher');
    expect((await chooseRole('someone nice', topicEmbedder)).name).toBe('generic');
  });

  it('with no embedder and no keywords the role is generic', async () => {
    expect((await chooseRole('someone nice')).name).toBe('generic');
  });

  it('every role has a system prompt, and unknown names fall back to generic', () => {
    for (const r of ROLES) expect(r.systemPrompt.length).toBeGreaterThan(50);
    expect(roleNamed('coder').name).toBe('coder');
    expect(roleNamed('astronaut').name).toBe('generic');
  });
});
