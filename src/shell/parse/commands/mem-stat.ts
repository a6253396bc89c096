// mem.stat: the English side of syscall mem.stat (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = () => ({});

export const command: CommandSpec = {
  name: 'mem.stat',
  intent: { cues: ['memory', 'usage', 'mem', 'tier', 'ram'], examples: [
    'how much memory is used', 'show memory usage', 'memory statistics', 'what is the memory status', 'how full are the memory tiers',
    'show me the memory'] },
  extract,
  phrases: [],
};
