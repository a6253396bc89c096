// mem.malloc: how the parser reads syscall mem.malloc (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { BadNumber, countOf, indexOfWord, isWord, joined } from '../grammar-kit.js';
import { MALLOC_USAGE } from '../rules-ipc-mem.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, stripLead, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { regionResult } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const size = /\b(\d[\d,]*)\s*(?:bytes|b|tokens|kb|k)\b/i.exec(u.text);
    const desc = u.quoted[0] ?? stripLead('mem.malloc', u.text.replace(/\s*\b(?:of\s+)?\d[\d,]*\s*(?:bytes|b|tokens|kb|k)\b/i, ''));
    return { description: need(desc, 'what the memory is for'), ...(size ? { size: Number(size[1]!.replace(/,/g, '')) } : {}) };
  };

export const command: CommandSpec = {
  name: 'mem.malloc',
  format: regionResult,
  intent: { heads: ['allocate', 'reserve memory', 'reserve some memory', 'set aside', 'malloc'], cues: ['alloc', 'memory', 'reserve', 'region'], examples: [
    'allocate memory for storing user preferences', 'reserve some memory for the cache', 'i need a memory region for session notes',
    'set aside memory to hold results', 'allocate a region for conversation history', 'create memory for storing facts'] },
  extract,
  rules: [
    {
      words: ['malloc', 'alloc', 'allocate'], usage: MALLOC_USAGE, syscall: 'mem.malloc',
      rule: (rest) => {
        let toks = rest;
        let size: number | undefined;
        const at = indexOfWord(toks, ['size', '--size']);
        if (at >= 0 && at === toks.length - 2) {
          size = countOf(toks[at + 1]!.value);
          if (size === undefined) throw new BadNumber('size needs a whole number', MALLOC_USAGE);
          toks = toks.slice(0, at);
        }
        // "allocate memory for storing user preferences": the description is what it is for
        const lead = toks.findIndex((t) => t.kind !== 'word' || !/^(some|a|an|the|memory|region|space|block|chunk|of|ram)$/i.test(t.value));
        if (lead > 0 && isWord(toks[lead], ['for', 'to']) && toks.slice(0, lead).some((t) => isWord(t, ['memory', 'region', 'space', 'block', 'chunk', 'ram']))) toks = toks.slice(lead + 1);
        if (toks.length === 0) throw new Miss('malloc needs a description of what the memory is for', MALLOC_USAGE);
        return { syscall: 'mem.malloc', args: { description: joined(toks), ...(size !== undefined ? { size } : {}) } };
      },
    },
  ],
  phrases: [
    [/^make\s+room\s+for\s+(.+)$/i, (m) => syscall('mem.malloc', { description: textOf(m[1]!) })],
    [/^i\s+need\s+(?:some\s+)?(?:memory|ram|space)\s+(?:to\s+(?:keep|store|hold)|for)\s+(.+)$/i, (m) => syscall('mem.malloc', { description: textOf(m[1]!) })],
  ],
};
