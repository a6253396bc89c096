// builtin:exit: how the parser reads the shell built-in exit (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help for it is
// written in ../../help.ts; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { noMore } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:exit',
  intent: { heads: ['exit', 'quit', 'bye', 'goodbye'], cues: ['exit', 'quit', 'bye', 'leave', 'goodbye'], examples: [
    'exit', 'quit the shell', 'goodbye', 'i am done', 'leave', 'close the shell'] },
  rules: [
    {
      words: ['exit', 'quit', 'logout', 'bye', ':q'], usage: 'exit', builtin: 'exit',
      rule: (rest) => { noMore(rest, 'exit'); return { builtin: 'exit', args: {} }; },
    },
  ],
  phrases: [],
};
