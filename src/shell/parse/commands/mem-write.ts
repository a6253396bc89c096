// mem.write: how the parser reads syscall mem.write (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 form (`mem write m1 "text"`) is read by the rule in mem-stat.ts.
import type { CommandSpec } from './kit.js';
import { isObj, str } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'mem.write',
  format: (r, p) => p.dim(`wrote ${str(r.bytes)} bytes to ${isObj(r.region) ? str(r.region.id) : '?'}`),
  phrases: [],
};
