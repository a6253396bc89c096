// The phrasebook's one-word shortcut (src/shell/parse/phrases.ts): phraseOf skips a line with no
// whitespace without trying its patterns (start-up: compiling them cost `nlsh -c pwd` a few per
// cent), which is right only while no phrase pattern can match a single word.
import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../../src/shell/parse/commands/index.js';
import { phraseOf } from '../../../src/shell/parse/phrases.js';

const patterns = COMMAND_SPECS.flatMap((c) => c.phrases.map(([re]) => re));

// single words a person might type alone: every word the patterns themselves name, every example's
// words, and a few paths, pids, ids and quoted texts (the kinds of token a pattern's slots take)
const words = new Set<string>(['/', '/knowledge', './notes.md', 'p3', 'm1', '"hello"', "'x'", '*', '?', 'it', '...']);
for (const re of patterns) for (const w of re.source.match(/[a-z']{2,}/gi) ?? []) words.add(w);
for (const c of COMMAND_SPECS) for (const u of c.intent?.examples ?? []) for (const w of u.split(/\s+/)) if (w) words.add(w);

describe('the phrasebook and one-word lines', () => {
  it('no phrase pattern matches a single word, with or without a question mark or a full stop', () => {
    expect(patterns.length).toBeGreaterThan(20);
    const matched: string[] = [];
    for (const w of words) {
      for (const text of [w, `${w}?`, `${w}.`]) {
        for (const re of patterns) if (re.test(text)) matched.push(`${re.source.slice(0, 40)} ~ ${text}`);
      }
    }
    expect(matched).toEqual([]);
  });

  it('phraseOf reads nothing into a one-word line and still reads a sentence', () => {
    expect(phraseOf('pwd')).toBeNull();
    expect(phraseOf('processes?')).toBeNull();
    expect(phraseOf('which folder am I in')).not.toBeNull();
  });
});
