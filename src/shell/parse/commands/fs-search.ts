// fs.search: how the parser reads syscall fs.search (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { flagCount, isWord, joined, takeFlags } from '../grammar-kit.js';
import { grep } from '../rules-fs.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, countIn, need, opt, stripLead, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { hits } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const limit = countIn(u.text, /\b(?:top|first)\s+(\S+)/i);
    return { query: need(u.quoted[0] ?? stripLead('fs.search', u.text), 'what to search for'), ...opt('limit', limit) };
  };

export const command: CommandSpec = {
  name: 'fs.search',
  format: hits,
  intent: { heads: ['search', 'look up'], cues: ['search', 'similar', 'concept', 'related', 'know'], examples: [
    'find similar concepts to neural networks', 'search for knowledge about databases', 'what do we know about caching',
    'look up things related to security', 'search everything about embeddings', 'find ideas similar to attention'] },
  extract,
  rules: [
    {
      words: ['search', 'lookup'], usage: 'search "text" [-n N]', syscall: 'fs.search',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, { '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true } }, 'search "text" [-n N]');
        const q = isWord(r[0], 'for') ? r.slice(1) : r;
        if (q.length === 0) throw new Miss('search needs some text', 'search "text" [-n N]');
        const limit = flagCount(flags.limit, '-n', 'search "text" [-n N]');
        // unquoted English ("search the code for ...") may mean grep or find: layer 2 decides
        if (q.length > 1 && q.some((t) => t.kind === 'word')) throw new Miss('quote the text to search for', 'search "text" [-n N]');
        const query = joined(q);
        return { syscall: 'fs.search', args: { query, ...(limit !== undefined ? { limit } : {}) } };
      },
    },
  ],
  phrases: [
    [/^(?:what do|what does)\s+(?:we|i|you|the system|nlsh)\s+(?:have|know|got)\s+(?:on|about|regarding)\s+(.+)$/i, (m) => syscall('fs.search', { query: textOf(m[1]!) })],
    [/^(?:look up|anything (?:about|on)|search for anything (?:about|on))\s+(?:(?:things|stuff|anything|everything)\s+(?:related to|about|on)\s+)?(.+)$/i, (m) => syscall('fs.search', { query: textOf(m[1]!) })],
  ],
};
