// builtin:top: the English side of the shell built-in top (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:top',
  intent: { cues: ['top', 'monitor', 'live', 'dashboard'], examples: [
    'open the live view', 'show the dashboard', 'monitor the system', 'show live stats'] },
  phrases: [],
};
