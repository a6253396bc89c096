// fs.search: the English side of syscall fs.search (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { countIn, need, opt, stripLead, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const limit = countIn(u.text, /\b(?:top|first)\s+(\S+)/i);
    return { query: need(u.quoted[0] ?? stripLead('fs.search', u.text), 'what to search for'), ...opt('limit', limit) };
  };

export const command: CommandSpec = {
  name: 'fs.search',
  intent: { heads: ['search', 'look up'], cues: ['search', 'similar', 'concept', 'related', 'know'], examples: [
    'find similar concepts to neural networks', 'search for knowledge about databases', 'what do we know about caching',
    'look up things related to security', 'search everything about embeddings', 'find ideas similar to attention'] },
  extract,
  phrases: [
    [/^(?:what do|what does)\s+(?:we|i|you|the system|nlsh)\s+(?:have|know|got)\s+(?:on|about|regarding)\s+(.+)$/i, (m) => syscall('fs.search', { query: textOf(m[1]!) })],
    [/^(?:look up|anything (?:about|on)|search for anything (?:about|on))\s+(?:(?:things|stuff|anything|everything)\s+(?:related to|about|on)\s+)?(.+)$/i, (m) => syscall('fs.search', { query: textOf(m[1]!) })],
  ],
};
