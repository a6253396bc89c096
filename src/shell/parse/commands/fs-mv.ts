// fs.mv: how the parser reads syscall fs.mv (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, pathOf, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('move needs a source and a destination');
    return { from: ps[0], to: ps[1] };
  };

export const command: CommandSpec = {
  name: 'fs.mv',
  format: (r, p) => p.dim(`moved ${str(r.from)} -> ${str(r.to)}`),
  intent: { heads: ['move', 'rename', 'mv'], cues: ['mov', 'renam', 'mv'], examples: [
    'move the file to the archive', 'rename the notes', 'move this into the other folder', 'rename the draft to final'] },
  extract,
  rules: [
    {
      words: ['mv', 'move', 'rename'], usage: 'mv FROM TO', syscall: 'fs.mv',
      rule: (rest) => {
        const r = rest.filter((t, i) => !(i > 0 && isWord(t, ['to', 'into', 'as'])));
        if (r.length !== 2) throw new Miss('mv takes a source and a destination', 'mv FROM TO');
        return { syscall: 'fs.mv', args: { from: r[0]!.value, to: r[1]!.value } };
      },
    },
  ],
  phrases: [
    [/^(?:relocate|move)\s+(\S+)\s+(?:to|into)\s+(\S+)$/i, (m) => syscall('fs.mv', { from: pathOf(m[1]!), to: pathOf(m[2]!) })],
  ],
};
