// mem.read: how the parser reads syscall mem.read (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 form (`mem read m1`) is read by the rule in mem-stat.ts.
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'mem.read',
  phrases: [],
};
