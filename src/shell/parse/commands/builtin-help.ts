// builtin:help: the English side of the shell built-in help (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:help',
  intent: { heads: ['help'], cues: ['help', 'how', 'command', 'usage'], examples: [
    'help', 'how do i use this', 'what commands are there', 'what can you do', 'show me the help', 'i am lost'] },
  phrases: [],
};
