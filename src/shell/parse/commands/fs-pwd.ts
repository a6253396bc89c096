// fs.pwd: how the parser reads syscall fs.pwd (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { noMore } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = () => ({});

export const command: CommandSpec = {
  name: 'fs.pwd',
  format: (r) => str(r.cwd),
  intent: { cues: ['where', 'current', 'pwd'], examples: [
    'where am i', 'what directory am i in', 'show the current directory', 'print working directory', 'which folder is this'] },
  extract,
  rules: [
    { words: ['pwd'], usage: 'pwd', syscall: 'fs.pwd', rule: (rest) => { noMore(rest, 'pwd'); return { syscall: 'fs.pwd', args: {} }; } },
  ],
  phrases: [
    [/^(?:which|what)\s+(?:folder|directory|dir)\s+am\s+i\s+in$/i, () => syscall('fs.pwd', {})],
  ],
};
