// ipc.ask: the English side of syscall ipc.ask (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'ipc.ask',
  phrases: [],
};
