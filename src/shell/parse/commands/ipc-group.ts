// ipc.group: how the parser reads syscall ipc.group (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, refOf } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, pidsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const name = /\b(?:called|named)\s+["']?([\w-]+)/i.exec(u.text)?.[1] ?? u.quoted[0];
    const members = pidsIn(u.text);
    if (members.length === 0) throw new Miss('a group needs members (say p1 and p2)');
    return { name: need(name, 'the group name (say "called reviewers")'), members };
  };

export const command: CommandSpec = {
  name: 'ipc.group',
  format: (r) => `${str(r.group)}: ${Array.isArray(r.members) && r.members.length ? r.members.map(str).join(' ') : '(deleted)'}`,
  intent: { cues: ['group', 'team'], examples: [
    'put process and process in a group called writers', 'group these processes together',
    'put these agents in a group called reviewers', 'create a group of agents', 'make a team with these processes', 'form a group'] },
  extract,
  rules: [
    {
      words: ['group'], usage: 'group NAME p1 p2 ...', syscall: 'ipc.group',
      rule: (rest) => {
        const r = rest.filter((t) => !isWord(t, ['with', 'and', 'of', 'members', ':']));
        if (r.length < 2) throw new Miss('group needs a name and at least one member', 'group NAME p1 p2 ...');
        return { syscall: 'ipc.group', args: { name: r[0]!.value, members: r.slice(1).map((t) => refOf([t])) } };
      },
    },
  ],
  phrases: [],
};
