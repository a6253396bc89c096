// proc.wait: the English side of syscall proc.wait (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { target } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => ({ pid: target(u, /^(?:wait\s+(?:for|on|until)?|block\s+until|hold\s+on\s+until|let\s+me\s+know\s+when)\s+/i).replace(/\s+(?:is\s+done|finishes|exits|terminates|ends|completes|to\s+finish|to\s+complete|to\s+exit|to\s+end)$/i, '') });

export const command: CommandSpec = {
  name: 'proc.wait',
  intent: { heads: ['wait', 'block until'], cues: ['wait', 'finish', 'until', 'done'], examples: [
    'wait for the coder to finish', 'wait until process is done', 'block until the reviewer exits', 'wait for the build agent',
    'let me know when the tester finishes'] },
  extract,
  phrases: [],
};
