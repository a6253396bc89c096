// proc.resume: how the parser reads syscall proc.resume (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { RESUME, procOf, syscall, target } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => ({ pid: target(u, RESUME) });

export const command: CommandSpec = {
  name: 'proc.resume',
  format: processResult,
  intent: { heads: ['resume', 'continue', 'unpause', 'wake up', 'carry on', 'restart', 'unfreeze'], cues: ['resum', 'continu', 'unpause', 'wake', 'restart'], examples: [
    'resume process', 'continue the coder', 'wake up the reviewer', 'unpause the writer', 'let the summarizer run again',
    'restart the paused agent', 'keep going with the tester'] },
  extract,
  rules: [
    { words: ['resume', 'continue', 'unpause', 'cont'], usage: 'resume p3', syscall: 'proc.resume', rule: one('proc.resume', 'resume', extract) },
  ],
  phrases: [
    [/^let\s+(.+?)\s+(?:carry on|continue|keep going|resume|run again|go on)$/i, (m) => syscall('proc.resume', { pid: procOf(m[1]!) })],
  ],
};
