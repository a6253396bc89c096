// mem.read: how the parser reads syscall mem.read (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 form (`mem read m1`) is read by the rule in mem-stat.ts.
import type { CommandSpec } from './kit.js';
import { isObj, score, str } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'mem.read',
  format: (r, p) => (Array.isArray(r.entries) && r.entries.length ? r.entries.filter(isObj).map((e) => `${e.score !== undefined ? `${score(e.score)}  ` : ''}${p.dim(`${str(e.author)}:`)} ${str(e.text)}`).join('\n') : p.dim('(empty)')),
  phrases: [],
};
