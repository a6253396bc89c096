// fs.tree: how the parser reads syscall fs.tree (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { flagCount, takeFlags } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, countIn, opt, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { fallback, str } from '../../format-kit.js';

const extract: Extractor = (u) => ({ ...opt('path', pathsIn(u.text)[0]), ...opt('depth', countIn(u.text, /\b(?:depth|levels?|deep)\s*(?:of\s+)?(\S+)/i) ?? countIn(u.text, /(\S+)\s+levels?\b/i)) });

export const command: CommandSpec = {
  name: 'fs.tree',
  format: (r) => (Array.isArray(r.lines) ? r.lines.map(str).join('\n') : fallback(r)),
  intent: { heads: ['tree'], cues: ['tree', 'structure', 'hierarchy', 'layout'], examples: [
    'show the folder structure of folder', 'show the tree of folder',
    'show the directory tree', 'display the folder structure', 'what does the file hierarchy look like', 'show the tree two levels deep',
    'draw the layout of the file system'] },
  extract,
  rules: [
    {
      words: ['tree'], usage: 'tree [PATH] [-L N]', syscall: 'fs.tree',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, { '-L': { key: 'depth', value: true }, '--depth': { key: 'depth', value: true }, '-d': { key: 'depth', value: true } }, 'tree [PATH] [-L N]');
        const depth = flagCount(flags.depth, '-L', 'tree [PATH] [-L N]');
        if (r.length > 1) throw new Miss('tree takes one path', 'tree [PATH] [-L N]');
        return { syscall: 'fs.tree', args: { ...(r.length ? { path: r[0]!.value } : {}), ...(depth !== undefined ? { depth } : {}) } };
      },
    },
  ],
  phrases: [],
};
