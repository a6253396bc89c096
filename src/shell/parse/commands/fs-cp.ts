// fs.cp: how the parser reads syscall fs.cp (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('copy needs a source and a destination');
    return { from: ps[0], to: ps[1], ...(/\b(?:recursive(?:ly)?|directory|folder|everything)\b/i.test(u.text) ? { recursive: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.cp',
  format: (r, p) => p.dim(`copied ${str(r.from)} -> ${str(r.to)}`),
  intent: { heads: ['copy', 'duplicate', 'cp', 'clone', 'make a copy'], cues: ['copy', 'cp', 'duplicat', 'clone'], examples: [
    'make a copy of folder at folder', 'copy file to file',
    'copy the file to the backup folder', 'duplicate the notes', 'make a copy of the directory', 'clone the folder'] },
  extract,
  rules: [
    {
      words: ['cp', 'copy'], usage: 'cp [-r] FROM TO', syscall: 'fs.cp',
      rule: (rest) => {
        const rec = { key: 'recursive', value: false } as const;
        const { flags, rest: r0 } = takeFlags(rest, { '-r': rec, '-R': rec, '-a': rec, '--recursive': rec }, 'cp [-r] FROM TO');
        const r = r0.filter((t, i) => !(i > 0 && isWord(t, ['to', 'into'])));
        if (r.length !== 2) throw new Miss('cp takes a source and a destination', 'cp [-r] FROM TO');
        return { syscall: 'fs.cp', args: { from: r[0]!.value, to: r[1]!.value, ...(flags.recursive === true ? { recursive: true } : {}) } };
      },
    },
  ],
  phrases: [],
};
