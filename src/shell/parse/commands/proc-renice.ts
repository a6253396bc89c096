// proc.renice: how the parser reads syscall proc.renice (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { BadNumber, isWord, looksNumeric, refOf } from '../grammar-kit.js';
import { RENICE_USAGE, one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, pidsIn, priorityIn, priorityOf, procOf, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => {
    if (pidsIn(u.text).length > 1) throw new Miss('names one process at a time');
    const pid = pidsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:of|for)\s+(?:the\s+)?(.+?)(?:\s+to\s+\S+)?$/i.exec(u.text)?.[1];
    const priority = priorityIn(u.text.replace(/\b(?:p|process\s*|pid\s*)\d+\b/gi, ''));
    if (priority === undefined) throw new Miss('could not find the new priority (0-19, or realtime/high/normal/low/idle)');
    return { pid: need(pid, 'which process'), priority };
  };

export const command: CommandSpec = {
  name: 'proc.renice',
  format: processResult,
  intent: { heads: ['renice', 'reprioritize', 'deprioritize', 'set priority', 'change priority', 'change the priority', 'set the priority', 'raise the priority', 'lower the priority', 'bump up the priority', 'bump the priority'], cues: ['priorit', 'renice', 'nice', 'urgent', 'import'], examples: [
    'change the priority of the coder to high', 'set priority of process to low', 'make the reviewer high priority',
    'lower the priority of the writer', 'raise the priority of the tester', 'give the coder more priority', 'renice the agent',
    'make process more important', 'deprioritize the summarizer'] },
  extract,
  rules: [
    {
      words: ['renice', 'nice'], usage: RENICE_USAGE, syscall: 'proc.renice',
      rule: (rest) => {
        let toks = rest;
        let prio: number | undefined;
        if (isWord(toks[0], '-n') && toks[1]) { prio = priorityOf(toks[1].value); toks = toks.slice(2); }
        else {
          prio = toks.length >= 2 ? priorityOf(toks[toks.length - 1]!.value) : undefined;
          toks = toks.slice(0, -1);
          if (isWord(toks[toks.length - 1], ['to', 'priority'])) toks = toks.slice(0, -1);
        }
        if (prio === undefined && looksNumeric(rest[rest.length - 1]?.value ?? '')) throw new BadNumber('renice needs a priority 0-19 or a word (realtime, high, normal, low, idle)', RENICE_USAGE);
        if (prio === undefined) throw new Miss('renice needs a priority 0-19 or a word (realtime, high, normal, low, idle)', RENICE_USAGE);
        return { syscall: 'proc.renice', args: { pid: refOf(toks, 'a process', RENICE_USAGE), priority: prio } };
      },
    },
  ],
  phrases: [
    [/^make\s+(.+?)\s+(?:more\s+)?(urgent|critical|important|high priority|low priority|normal priority|background)$/i, (m) => {
      if (/^(?:a|an|me|us|some)\b/i.test(m[1]!)) throw new Miss('spawn, not renice');
      const w = m[2]!.toLowerCase().replace(/ priority$/, '');
      return syscall('proc.renice', { pid: procOf(m[1]!), priority: priorityOf(w)! });
    }],
  ],
};
