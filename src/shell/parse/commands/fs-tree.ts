// fs.tree: the English side of syscall fs.tree (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { countIn, opt, pathsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => ({ ...opt('path', pathsIn(u.text)[0]), ...opt('depth', countIn(u.text, /\b(?:depth|levels?|deep)\s*(?:of\s+)?(\S+)/i) ?? countIn(u.text, /(\S+)\s+levels?\b/i)) });

export const command: CommandSpec = {
  name: 'fs.tree',
  intent: { heads: ['tree'], cues: ['tree', 'structure', 'hierarchy', 'layout'], examples: [
    'show the folder structure of folder', 'show the tree of folder',
    'show the directory tree', 'display the folder structure', 'what does the file hierarchy look like', 'show the tree two levels deep',
    'draw the layout of the file system'] },
  extract,
  phrases: [],
};
