// proc.split: the English side of syscall proc.split (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { Miss, countIn, need, pidsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    if (pidsIn(u.text).length > 1) throw new Miss('splits one process at a time');
    const pid = pidsIn(u.text)[0] ?? u.quoted[0];
    const into = countIn(u.text.replace(/\b(?:p|process\s*|pid\s*)\d+\b/gi, '')) ?? 3;
    return { pid: need(pid, 'which process to split'), into };
  };

export const command: CommandSpec = {
  name: 'proc.split',
  intent: { heads: ['split', 'divide'], cues: ['split', 'divid', 'break', 'specialist'], examples: [
    'split the coder into three specialists', 'divide the agent into parts', 'break the process into smaller agents',
    'split process into specialists', 'separate the generalist into specialists'] },
  extract,
  phrases: [],
};
