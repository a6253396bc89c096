// builtin:clear: how the parser reads the shell built-in clear (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help for it is
// written in ../../help.ts; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { noMore } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:clear',
  intent: { heads: ['clear', 'wipe'], cues: ['clear', 'clean', 'wipe', 'screen'], examples: [
    'clear the screen', 'wipe the terminal', 'clean the screen'] },
  rules: [
    { words: ['clear', 'cls'], usage: 'clear', builtin: 'clear', rule: (rest) => { noMore(rest, 'clear'); return { builtin: 'clear', args: {} }; } },
  ],
  phrases: [],
};
