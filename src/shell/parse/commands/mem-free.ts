// mem.free: the English side of syscall mem.free (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { memIdsIn, memOf, need, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => ({ id: need(memIdsIn(u.text)[0] ?? u.quoted[0], 'which memory region (say m1)') });

export const command: CommandSpec = {
  name: 'mem.free',
  intent: { heads: ['free', 'release', 'deallocate'], cues: ['free', 'releas', 'dealloc'], examples: [
    'deallocate memory', 'release memory', 'delete memory', 'remove the memory region',
    'free memory region', 'release that memory', 'deallocate the region', 'free up the memory block', 'give back the memory'] },
  extract,
  phrases: [
    [/^(?:drop|give\s+back|release|return)\s+(?:memory\s+)?(?:region\s+)?(m\d+)\b.*$/i, (m) => syscall('mem.free', { id: memOf(m[1]!) })],
  ],
};
