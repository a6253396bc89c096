// mem.share: how the parser reads syscall mem.share (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { SHARE_USAGE } from '../rules-ipc-mem.js';
import { indexOfWord, memIdOf, refOf } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, memIdsIn, memOf, need, pidsIn, procOf, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { regionResult } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const id = memIdsIn(u.text)[0];
    const pids = pidsIn(u.text.replace(/\bm\d+\b/gi, ''));
    if (pids.length > 1 || memIdsIn(u.text).length > 1) throw new Miss('shares one region with one process at a time');
    const who = pids[0] ?? /\b(?:with|to)\s+(.+)$/i.exec(u.text)?.[1];
    return { id: need(id, 'which memory region (say m1)'), with: need(who, 'the process to share it with') };
  };

export const command: CommandSpec = {
  name: 'mem.share',
  format: regionResult,
  intent: { heads: ['share'], cues: ['share', 'memory', 'access'], examples: [
    'share memory with the coder', 'give the reviewer access to the memory region', 'let the writer use this memory', 'share the region with another agent'] },
  extract,
  rules: [
    {
      words: ['share'], usage: SHARE_USAGE, syscall: 'mem.share',
      rule: (rest) => {
        const w = indexOfWord(rest, ['with', 'to']);
        const idToks = w >= 0 ? rest.slice(0, w) : rest.slice(0, 1);
        const who = w >= 0 ? rest.slice(w + 1) : rest.slice(1);
        if (idToks.length !== 1) throw new Miss('share takes one memory id', SHARE_USAGE);
        return { syscall: 'mem.share', args: { id: memIdOf(idToks[0]!.value) ?? idToks[0]!.value, with: refOf(who, 'a process to share with', SHARE_USAGE) } };
      },
    },
  ],
  phrases: [
    [/^(?:let|allow)\s+(.+?)\s+(?:to\s+)?(?:use|read|access|see|share)\s+(?:memory\s+)?(?:region\s+)?(m\d+)$/i, (m) => syscall('mem.share', { id: memOf(m[2]!), with: procOf(m[1]!) })],
  ],
};
