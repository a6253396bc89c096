// fs.find: the English side of syscall fs.find (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, opt, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const like = /\b(?:similar\s+to|related\s+to|like|about|on|matching|concerning|regarding)\s+(.+?)(?:\s+(?:in|under)\s+((?:\.{0,2}|~)\/\S*))?$/i.exec(u.text);
    const q = u.quoted[0] ?? like?.[1];
    const kind = /\b(?:director(?:y|ies)|folders?|dirs?)\b/i.test(u.text) ? 'dir' : /\bfiles?\b/i.test(u.text) ? 'file' : undefined;
    return { query: need(q, 'what to look for'), ...opt('path', like?.[2]), ...opt('kind', kind) };
  };

export const command: CommandSpec = {
  name: 'fs.find',
  intent: { heads: ['find', 'locate'], cues: ['find', 'locat', 'files', 'director', 'where'], examples: [
    'find files about neural networks', 'locate the directory for machine learning', 'find folders related to testing',
    'where are the files about databases', 'find documents on optimization'] },
  extract,
  phrases: [
    [/^where(?:'s| is)\s+the\s+(file|document|folder|directory)\s+(?:about|on|for|with)\s+(.+)$/i, (m) =>
      syscall('fs.find', { query: textOf(m[2]!), kind: /file|document/i.test(m[1]!) ? 'file' : 'dir' })],
  ],
};
