// builtin:top: how the parser reads the shell built-in top (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help for it is
// written in ../../help.ts; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { noMore } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import type { CommandSpec } from './kit.js';
import { block } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'builtin:top',
  format: (r) => block(r.text),
  intent: { cues: ['top', 'monitor', 'live', 'dashboard'], examples: [
    'open the live view', 'show the dashboard', 'monitor the system', 'show live stats'] },
  rules: [
    { words: ['top', 'htop'], usage: 'top', builtin: 'top', rule: (rest) => { noMore(rest, 'top'); return { builtin: 'top', args: {} }; } },
  ],
  phrases: [],
};
