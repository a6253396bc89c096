// fs.find: how the parser reads syscall fs.find (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { flagCount, indexOfWord, takeFlags } from '../grammar-kit.js';
import { looksLikePath, onePath, similarity } from '../rules-fs.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, opt, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { entries } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const like = /\b(?:similar\s+to|related\s+to|like|about|on|matching|concerning|regarding)\s+(.+?)(?:\s+(?:in|under)\s+((?:\.{0,2}|~)\/\S*))?$/i.exec(u.text);
    const q = u.quoted[0] ?? like?.[1];
    const kind = /\b(?:director(?:y|ies)|folders?|dirs?)\b/i.test(u.text) ? 'dir' : /\bfiles?\b/i.test(u.text) ? 'file' : undefined;
    return { query: need(q, 'what to look for'), ...opt('path', like?.[2]), ...opt('kind', kind) };
  };

export const command: CommandSpec = {
  name: 'fs.find',
  format: (r, p) => entries(r.entries, p, true),
  intent: { heads: ['find', 'locate'], cues: ['find', 'locat', 'files', 'director', 'where'], examples: [
    'find files about neural networks', 'locate the directory for machine learning', 'find folders related to testing',
    'where are the files about databases', 'find documents on optimization'] },
  extract,
  rules: [
    {
      words: ['find'], usage: 'find [PATH] similar-to "text" [-n N] [--type d|f] | find "text"', syscall: 'fs.find',
      rule: (rest) => {
        const usage = 'find [PATH] similar-to "text" [-n N] [--type d|f]';
        const { flags, rest: r0 } = takeFlags(rest, { '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true }, '--type': { key: 'type', value: true }, '-type': { key: 'type', value: true } }, usage);
        let kind: 'dir' | 'file' | undefined;
        if (flags.type !== undefined) {
          const t = String(flags.type).toLowerCase();
          kind = t === 'd' || t.startsWith('dir') ? 'dir' : t === 'f' || t.startsWith('file') ? 'file' : undefined;
          if (!kind) throw new Miss('--type is d (directories) or f (files)', usage);
        }
        const limit = flagCount(flags.limit, '-n', usage);
        const { rest: r, similarTo } = similarity(r0, usage);
        let query = similarTo;
        let path: string | undefined;
        if (query === undefined) {
          // find "text" [in PATH]: the query must be quoted, or English like "find similar concepts" goes to layer 2
          const inAt = indexOfWord(r, ['in', 'under']);
          const q = inAt >= 0 ? r.slice(0, inAt) : r;
          if (q.length !== 1 || q[0]!.kind !== 'string') throw new Miss('find needs similar-to "text" (or a quoted text)', usage);
          query = q[0]!.value;
          if (inAt >= 0) path = onePath(r.slice(inAt + 1), 'a path', usage);
        } else {
          if (r.length > 1) throw new Miss('find takes one path', usage);
          if (r.length === 1 && !looksLikePath(r[0]!)) throw new Miss(`"${r[0]!.value}" is not a path`, usage);
          if (r.length === 1) path = r[0]!.value;
        }
        return { syscall: 'fs.find', args: { query, ...(path !== undefined ? { path } : {}), ...(limit !== undefined ? { limit } : {}), ...(kind ? { kind } : {}) } };
      },
    },
  ],
  phrases: [
    [/^where(?:'s| is)\s+the\s+(file|document|folder|directory)\s+(?:about|on|for|with)\s+(.+)$/i, (m) =>
      syscall('fs.find', { query: textOf(m[2]!), kind: /file|document/i.test(m[1]!) ? 'file' : 'dir' })],
  ],
};
