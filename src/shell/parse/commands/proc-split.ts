// proc.split: how the parser reads syscall proc.split (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { BadNumber, NUMBER_WORDS, countOf, indexOfWord, isWord, looksNumeric, noMore, refOf } from '../grammar-kit.js';
import { SPLIT_USAGE, one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, countIn, need, pidsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { procLine } from '../../format-kit.js';

const extract: Extractor = (u) => {
    if (pidsIn(u.text).length > 1) throw new Miss('splits one process at a time');
    const pid = pidsIn(u.text)[0] ?? u.quoted[0];
    const into = countIn(u.text.replace(/\b(?:p|process\s*|pid\s*)\d+\b/gi, '')) ?? 3;
    return { pid: need(pid, 'which process to split'), into };
  };

export const command: CommandSpec = {
  name: 'proc.split',
  format: (r, p) => [procLine(r.parent, p), ...(Array.isArray(r.children) ? r.children.map((c) => `  ${procLine(c, p)}`) : [])].join('\n'),
  intent: { heads: ['split', 'divide'], cues: ['split', 'divid', 'break', 'specialist'], examples: [
    'split the coder into three specialists', 'divide the agent into parts', 'break the process into smaller agents',
    'split process into specialists', 'separate the generalist into specialists'] },
  extract,
  rules: [
    {
      words: ['split'], usage: SPLIT_USAGE, syscall: 'proc.split',
      rule: (rest) => {
        let toks = rest;
        let into = 3; // the seed splits one agent into three specialists
        const at = indexOfWord(toks, ['into', 'in']);
        if (at >= 0) {
          const n = countOf(toks[at + 1]?.value ?? '') ?? NUMBER_WORDS[toks[at + 1]?.value.toLowerCase() ?? ''];
          if (n === undefined && looksNumeric(toks[at + 1]?.value ?? '')) throw new BadNumber(`split needs a count 2-8 after "into", not ${JSON.stringify(toks[at + 1]!.value.slice(0, 20))}`, SPLIT_USAGE);
          if (n === undefined) throw new Miss('split needs a count after "into"', SPLIT_USAGE);
          into = n;
          const tail = toks.slice(at + 2).filter((t) => !isWord(t, ['agents', 'specialists', 'parts', 'pieces', 'processes', 'children']));
          noMore(tail, SPLIT_USAGE);
          toks = toks.slice(0, at);
        }
        return { syscall: 'proc.split', args: { pid: refOf(toks, 'a process', SPLIT_USAGE), into } };
      },
    },
  ],
  phrases: [],
};
