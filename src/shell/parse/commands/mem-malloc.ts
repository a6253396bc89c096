// mem.malloc: the English side of syscall mem.malloc (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, stripLead, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const size = /\b(\d[\d,]*)\s*(?:bytes|b|tokens|kb|k)\b/i.exec(u.text);
    const desc = u.quoted[0] ?? stripLead('mem.malloc', u.text.replace(/\s*\b(?:of\s+)?\d[\d,]*\s*(?:bytes|b|tokens|kb|k)\b/i, ''));
    return { description: need(desc, 'what the memory is for'), ...(size ? { size: Number(size[1]!.replace(/,/g, '')) } : {}) };
  };

export const command: CommandSpec = {
  name: 'mem.malloc',
  intent: { heads: ['allocate', 'reserve memory', 'reserve some memory', 'set aside', 'malloc'], cues: ['alloc', 'memory', 'reserve', 'region'], examples: [
    'allocate memory for storing user preferences', 'reserve some memory for the cache', 'i need a memory region for session notes',
    'set aside memory to hold results', 'allocate a region for conversation history', 'create memory for storing facts'] },
  extract,
  phrases: [
    [/^make\s+room\s+for\s+(.+)$/i, (m) => syscall('mem.malloc', { description: textOf(m[1]!) })],
    [/^i\s+need\s+(?:some\s+)?(?:memory|ram|space)\s+(?:to\s+(?:keep|store|hold)|for)\s+(.+)$/i, (m) => syscall('mem.malloc', { description: textOf(m[1]!) })],
  ],
};
