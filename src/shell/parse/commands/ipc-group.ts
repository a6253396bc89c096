// ipc.group: the English side of syscall ipc.group (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { Miss, need, pidsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const name = /\b(?:called|named)\s+["']?([\w-]+)/i.exec(u.text)?.[1] ?? u.quoted[0];
    const members = pidsIn(u.text);
    if (members.length === 0) throw new Miss('a group needs members (say p1 and p2)');
    return { name: need(name, 'the group name (say "called reviewers")'), members };
  };

export const command: CommandSpec = {
  name: 'ipc.group',
  intent: { cues: ['group', 'team'], examples: [
    'put process and process in a group called writers', 'group these processes together',
    'put these agents in a group called reviewers', 'create a group of agents', 'make a team with these processes', 'form a group'] },
  extract,
  phrases: [],
};
