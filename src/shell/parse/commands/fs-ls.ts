// fs.ls: how the parser reads syscall fs.ls (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { LS_USAGE, similarity } from '../rules-fs.js';
import { flagCount, isWord, takeFlags } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, opt, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { entries } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const like = /\b(?:similar\s+to|related\s+to|relating\s+to|like|about|resembling|matching|on\s+the\s+topic\s+of|that\s+(?:talk|are)\s+about|concerning)\s+(.+)$/i.exec(u.text);
    const path = pathsIn(like ? u.text.slice(0, like.index) : u.text)[0];
    const similarTo = u.quoted[0] ?? like?.[1];
    return { ...opt('path', path), ...opt('similarTo', similarTo?.replace(/^(?:the\s+)?/, '').trim() || undefined) };
  };

export const command: CommandSpec = {
  name: 'fs.ls',
  format: (r, p) => entries(r.entries, p, false),
  intent: { heads: ['list', 'ls'], cues: ['list', 'files', 'ls', 'show', 'contents'], examples: [
    'show me what is in folder', 'list the files in folder', 'what is inside this folder',
    'show me files like neural networks', 'list the files here', 'what files are in this directory', 'show the contents of this folder',
    'list files related to optimization', 'which files are about databases', 'show me what is in here', 'list everything'] },
  extract,
  rules: [
    {
      words: ['ls', 'dir', 'll'], usage: LS_USAGE, syscall: 'fs.ls',
      rule: (rest, head) => {
        const { flags, rest: r0 } = takeFlags(rest, {
          '-l': { key: 'long', value: false }, '-la': { key: 'long', value: false }, '-al': { key: 'long', value: false },
          '-a': { key: 'all', value: false }, '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true },
        }, LS_USAGE);
        const { rest: r, similarTo } = similarity(r0, LS_USAGE);
        if (r.length > 1) throw new Miss('ls takes one path (quote a description)', LS_USAGE);
        const limit = flagCount(flags.limit, '-n', LS_USAGE);
        const long = flags.long === true || isWord(head, 'll');
        return {
          syscall: 'fs.ls',
          args: { ...(r.length ? { path: r[0]!.value } : {}), ...(similarTo ? { similarTo } : {}), ...(limit !== undefined ? { limit } : {}), ...(long ? { long: true } : {}) },
        };
      },
    },
  ],
  phrases: [],
};
