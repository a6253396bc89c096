// proc.merge: the English side of syscall proc.merge (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { Miss, opt, pidsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const pids = pidsIn(u.text);
    const list = pids.length >= 2 ? pids : u.quoted;
    if (list.length < 2) throw new Miss('merge needs two processes (say p1 and p2)');
    const name = /\b(?:called|named|as)\s+["']?([\w-]+)/i.exec(u.text)?.[1];
    return { pids: list, ...opt('name', name) };
  };

export const command: CommandSpec = {
  name: 'proc.merge',
  intent: { heads: ['merge', 'combine', 'fuse'], cues: ['merge', 'combin', 'fuse', 'join', 'generalist'], examples: [
    'combine process and process into one agent', 'fuse process with process', 'merge process and process',
    'merge the coder and the reviewer', 'combine these two agents', 'fuse the agents into a generalist', 'join two processes into one',
    'merge these specialists into one agent'] },
  extract,
  phrases: [],
};
