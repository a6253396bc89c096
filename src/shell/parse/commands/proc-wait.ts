// proc.wait: how the parser reads syscall proc.wait (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { BadNumber, indexOfWord, isWord, refOf, takeFlags } from '../grammar-kit.js';
import { WAIT_USAGE, durationMs } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { syscall, target } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => ({ pid: target(u, /^(?:wait\s+(?:for|on|until)?|block\s+until|hold\s+on\s+until|let\s+me\s+know\s+when)\s+/i).replace(/\s+(?:is\s+done|finishes|exits|terminates|ends|completes|to\s+finish|to\s+complete|to\s+exit|to\s+end)$/i, '') });

export const command: CommandSpec = {
  name: 'proc.wait',
  format: processResult,
  intent: { heads: ['wait', 'block until'], cues: ['wait', 'finish', 'until', 'done'], examples: [
    'wait for the coder to finish', 'wait until process is done', 'block until the reviewer exits', 'wait for the build agent',
    'let me know when the tester finishes'] },
  extract,
  rules: [
    {
      words: ['wait'], usage: WAIT_USAGE, syscall: 'proc.wait',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, { '--timeout': { key: 'timeout', value: true }, '-t': { key: 'timeout', value: true } }, WAIT_USAGE);
        let toks = r;
        let timeout = typeof flags.timeout === 'string' ? durationMs(flags.timeout) : undefined;
        if (typeof flags.timeout === 'string' && timeout === undefined) throw new BadNumber(`--timeout needs a duration like 30s, not ${JSON.stringify(flags.timeout.slice(0, 20))}`, WAIT_USAGE);
        const at = indexOfWord(toks, ['timeout', 'for']);
        if (at > 0 && toks[at + 1] && durationMs(toks[at + 1]!.value) !== undefined) {
          timeout = durationMs(toks[at + 1]!.value);
          toks = toks.slice(0, at);
        }
        if (isWord(toks[0], ['for', 'on', 'until'])) toks = toks.slice(1);
        if (toks.length > 1 && isWord(toks[toks.length - 1], ['done', 'finished', 'over']) && isWord(toks[toks.length - 2], ['is', 'to', 'has'])) toks = toks.slice(0, -2);
        if (toks.length > 1 && isWord(toks[toks.length - 1], ['finish', 'complete', 'exit', 'end']) && isWord(toks[toks.length - 2], 'to')) toks = toks.slice(0, -2);
        if (toks.length > 1 && isWord(toks[toks.length - 1], ['finishes', 'exits', 'ends', 'terminates', 'completes'])) toks = toks.slice(0, -1);
        return { syscall: 'proc.wait', args: { pid: refOf(toks, 'a process', WAIT_USAGE), ...(timeout !== undefined ? { timeoutMs: timeout } : {}) } };
      },
    },
  ],
  phrases: [],
};
