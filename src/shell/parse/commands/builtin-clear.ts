// builtin:clear: the English side of the shell built-in clear (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:clear',
  intent: { heads: ['clear', 'wipe'], cues: ['clear', 'clean', 'wipe', 'screen'], examples: [
    'clear the screen', 'wipe the terminal', 'clean the screen'] },
  phrases: [],
};
