// proc.lend: how the parser reads syscall proc.lend (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { LEND_USAGE } from '../rules-proc.js';
import { indexOfWord, isWord, percentOf, refOf } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, percentIn, pidsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { procLine, str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const percent = percentIn(u.text);
    if (percent === undefined) throw new Miss('could not find the percentage to lend');
    const pids = pidsIn(u.text);
    if (pids.length < 2) throw new Miss('lend needs two processes (from p1 to p2)');
    const fromAt = /\bfrom\s+(?:process\s*|p|pid\s*)(\d+)/i.exec(u.text);
    const toAt = /\bto\s+(?:process\s*|p|pid\s*)(\d+)/i.exec(u.text);
    let from = fromAt ? `p${Number(fromAt[1])}` : undefined;
    let to = toAt ? `p${Number(toAt[1])}` : undefined;
    if (/\bborrow/i.test(u.text) && !from) { to = pids[0]; from = pids[1]; }
    from ??= pids.find((p) => p !== to);
    to ??= pids.find((p) => p !== from);
    return { from: need(from, 'the lender'), to: need(to, 'the borrower'), percent };
  };

export const command: CommandSpec = {
  name: 'proc.lend',
  format: (r, p) => `lent ${str(r.tokens)} tokens: ${procLine(r.from, p)}  ->  ${procLine(r.to, p)}`,
  intent: { heads: ['lend'], cues: ['lend', 'attention', 'borrow', 'percent', 'give'], examples: [
    'give percent of process attention to process', 'lend percent of the budget from process to process', 'let process borrow percent attention from process',
    'lend half of its attention to the coder', 'give some attention from the reviewer to the coder',
    'share percent of attention with the writer', 'let the coder borrow attention from the tester', 'transfer budget between agents',
    'give percent of the budget to another agent'] },
  extract,
  rules: [
    {
      words: ['lend', 'lendattention'], usage: LEND_USAGE, syscall: 'proc.lend',
      rule: (rest) => {
        const toks = rest.filter((t) => !isWord(t, ['attention', 'of', 'budget', 'percent', '%']));
        const from = indexOfWord(toks, 'from');
        const to = indexOfWord(toks, 'to');
        const pctAt = toks.findIndex((t) => t.kind === 'word' && percentOf(t.value) !== undefined && (t.value.endsWith('%') || rest.some((r) => isWord(r, ['percent', '%'])) || toks.length === 3 || from >= 0));
        if (pctAt < 0) throw new Miss('lend needs a percentage', LEND_USAGE);
        const percent = percentOf(toks[pctAt]!.value)!;
        if (from >= 0 && to > from) {
          const a = toks.slice(from + 1, to).filter((_, i) => from + 1 + i !== pctAt);
          const b = toks.slice(to + 1).filter((_, i) => to + 1 + i !== pctAt);
          return { syscall: 'proc.lend', args: { from: refOf(a, 'a lender', LEND_USAGE), to: refOf(b, 'a borrower', LEND_USAGE), percent } };
        }
        const refs = toks.filter((_, i) => i !== pctAt && !isWord(toks[i], ['from', 'to']));
        if (refs.length !== 2) throw new Miss('lend needs two processes', LEND_USAGE);
        return { syscall: 'proc.lend', args: { from: refOf([refs[0]!]), to: refOf([refs[1]!]), percent } };
      },
    },
  ],
  phrases: [],
};
