// builtin:history: how the parser reads the shell built-in history (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help for it is
// written in ../../help.ts; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { flagCount, noMore, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import type { CommandSpec } from './kit.js';
import { str } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'builtin:history',
  format: (r) => (Array.isArray(r.entries) ? r.entries.map((e, i) => `${String(i + 1).padStart(5)}  ${str(e)}`).join('\n') : ''),
  intent: { cues: ['history', 'previous', 'typed', 'earlier'], examples: [
    'show my command history', 'what did i type before', 'list previous commands'] },
  rules: [
    {
      words: ['history'], usage: 'history [-n N]', builtin: 'history',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, { '-n': { key: 'limit', value: true } }, 'history [-n N]');
        let limit = flagCount(flags.limit, '-n', 'history [-n N]');
        if (r.length === 1 && /^\d+$/.test(r[0]!.value)) limit = Number(r[0]!.value);
        else noMore(r, 'history [-n N]');
        return { builtin: 'history', args: limit !== undefined ? { limit } : {} };
      },
    },
  ],
  phrases: [],
};
