// proc.suspend: how the parser reads syscall proc.suspend (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { SUSPEND, procOf, syscall, target } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => ({ pid: target(u, SUSPEND) });

export const command: CommandSpec = {
  name: 'proc.suspend',
  format: processResult,
  intent: { heads: ['pause', 'suspend', 'freeze', 'hold', 'put to sleep'], cues: ['pause', 'suspend', 'freez', 'sleep', 'hold'], examples: [
    'put the process to sleep', 'pause it for now',
    'pause process', 'suspend the coder', 'freeze the reviewer for a while', 'put the writer to sleep', 'hold the summarizer',
    'pause the agent', 'temporarily stop the tester'] },
  extract,
  rules: [
    { words: ['suspend', 'pause'], usage: 'suspend p3', syscall: 'proc.suspend', rule: one('proc.suspend', 'suspend', extract) },
  ],
  phrases: [
    [/^(?:temporarily|briefly)\s+(?:stop|halt)\s+(.+)$/i, (m) => syscall('proc.suspend', { pid: procOf(m[1]!) })],
    [/^put\s+(.+?)\s+on\s+hold$/i, (m) => syscall('proc.suspend', { pid: procOf(m[1]!) })],
  ],
};
