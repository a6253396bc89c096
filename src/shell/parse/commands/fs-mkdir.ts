// fs.mkdir: how the parser reads syscall fs.mkdir (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, joined, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, opt, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:called|named)\s+["']?([\w./-]+)/i.exec(u.text)?.[1];
    const desc = /\b(?:for|about)\s+(.+)$/i.exec(u.text)?.[1];
    return { path: need(p, 'the new directory\'s name (say "called projects")'), ...(/\b(?:parents|-p|nested|and\s+its\s+parents)\b/i.test(u.text) ? { parents: true } : {}), ...opt('description', p && desc && !desc.includes(p) ? desc : undefined) };
  };

export const command: CommandSpec = {
  name: 'fs.mkdir',
  format: (r, p) => p.dim(`created ${str(r.path)}`),
  intent: { heads: ['mkdir', 'make a directory', 'make a folder', 'create a directory', 'create a folder', 'create a new directory', 'create a new folder', 'make a new folder', 'make a new directory', 'new folder', 'new directory'], cues: ['director', 'folder', 'mkdir'], examples: [
    'make a directory called projects', 'create a folder named folder', 'create a folder named experiments', 'create a new directory', 'make a new folder for the reports'] },
  extract,
  rules: [
    {
      words: ['mkdir', 'md'], usage: 'mkdir [-p] PATH ["description"]', syscall: 'fs.mkdir',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, { '-p': { key: 'parents', value: false }, '--parents': { key: 'parents', value: false } }, 'mkdir [-p] PATH ["description"]');
        if (r.length === 0) throw new Miss('mkdir needs a path', 'mkdir [-p] PATH');
        const desc = r.slice(1).filter((t, i) => !(i === 0 && isWord(t, ['about', 'for', '--description'])));
        return { syscall: 'fs.mkdir', args: { path: r[0]!.value, ...(flags.parents === true ? { parents: true } : {}), ...(desc.length ? { description: joined(desc) } : {}) } };
      },
    },
  ],
  phrases: [],
};
