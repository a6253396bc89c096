// builtin:exit: the English side of the shell built-in exit (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:exit',
  intent: { heads: ['exit', 'quit', 'bye', 'goodbye'], cues: ['exit', 'quit', 'bye', 'leave', 'goodbye'], examples: [
    'exit', 'quit the shell', 'goodbye', 'i am done', 'leave', 'close the shell'] },
  phrases: [],
};
