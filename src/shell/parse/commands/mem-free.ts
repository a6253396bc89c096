// mem.free: how the parser reads syscall mem.free (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { memIdOf } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, memIdsIn, memOf, need, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { regionResult } from '../../format-kit.js';

const extract: Extractor = (u) => ({ id: need(memIdsIn(u.text)[0] ?? u.quoted[0], 'which memory region (say m1)') });

export const command: CommandSpec = {
  name: 'mem.free',
  format: regionResult,
  intent: { heads: ['free', 'release', 'deallocate'], cues: ['free', 'releas', 'dealloc'], examples: [
    'deallocate memory', 'release memory', 'delete memory', 'remove the memory region',
    'free memory region', 'release that memory', 'deallocate the region', 'free up the memory block', 'give back the memory'] },
  extract,
  rules: [
    {
      words: ['free', 'release'], usage: 'free m1', syscall: 'mem.free',
      rule: (rest) => {
        if (rest.length !== 1) throw new Miss('free takes one memory id', 'free m1');
        return { syscall: 'mem.free', args: { id: memIdOf(rest[0]!.value) ?? rest[0]!.value } };
      },
    },
  ],
  phrases: [
    [/^(?:drop|give\s+back|release|return)\s+(?:memory\s+)?(?:region\s+)?(m\d+)\b.*$/i, (m) => syscall('mem.free', { id: memOf(m[1]!) })],
  ],
};
