// fs.cp: the English side of syscall fs.cp (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { Miss, pathsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('copy needs a source and a destination');
    return { from: ps[0], to: ps[1], ...(/\b(?:recursive(?:ly)?|directory|folder|everything)\b/i.test(u.text) ? { recursive: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.cp',
  intent: { heads: ['copy', 'duplicate', 'cp', 'clone', 'make a copy'], cues: ['copy', 'cp', 'duplicat', 'clone'], examples: [
    'make a copy of folder at folder', 'copy file to file',
    'copy the file to the backup folder', 'duplicate the notes', 'make a copy of the directory', 'clone the folder'] },
  extract,
  phrases: [],
};
