// fs.cat: how the parser reads syscall fs.cat (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { onePath } from '../rules-fs.js';
import type { CommandRule } from '../grammar-kit.js';
import { FILEISH, Miss, need, pathOf, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { block } from '../../format-kit.js';

const extract: Extractor = (u) => ({ path: need(pathsIn(u.text)[0] ?? u.quoted[0] ?? (u.text.replace(/^(?:(?:show|read|print|display|open|cat|view|dump|output)\s+(?:me\s+)?(?:what(?:'s|\s+is)\s+in\s+)?(?:the\s+)?(?:contents?\s+of\s+)?(?:the\s+)?(?:file\s+)?)/i, '').trim() || undefined), 'which file') });

export const command: CommandSpec = {
  name: 'fs.cat',
  format: (r) => block(r.content).replace(/\n$/, ''),
  intent: { heads: ['cat', 'read', 'print the contents', 'open'], cues: ['read', 'show', 'open', 'cat', 'contents', 'print', 'display'], examples: [
    'show me the file', 'read the readme', 'print the contents of the notes file', 'open the file', 'display the config file',
    'what is in that file'] },
  extract,
  rules: [
    { words: ['cat', 'less'], usage: 'cat PATH', syscall: 'fs.cat', rule: (rest) => ({ syscall: 'fs.cat', args: { path: onePath(rest, 'a file', 'cat PATH') } }) },
  ],
  phrases: [
    [/^what(?:'s| is| are)\s+(?:in|inside)\s+(\S+)$/i, (m) => {
      const p = pathOf(m[1]!);
      return FILEISH.test(p) ? syscall('fs.cat', { path: p }) : syscall('fs.ls', { path: p });
    }],
    [/^(?:show|list|give)(?:\s+me)?\s+(?:all\s+)?(?:the\s+)?(files|contents?|entries|things)\s+(?:in|of|inside|under)\s+(\S+)$/i, (m) => {
      const p = pathOf(m[2]!);
      return /^content/i.test(m[1]!) && FILEISH.test(p) ? syscall('fs.cat', { path: p }) : syscall('fs.ls', { path: p });
    }],
    [/^what does\s+(\S+)\s+say$/i, (m) => syscall('fs.cat', { path: pathOf(m[1]!) })],
    [/^(?:show|display|print|view)(?:\s+me)?\s+(?:the\s+file\s+)?(\S+)$/i, (m) => {
      const p = pathOf(m[1]!);
      if (!FILEISH.test(p)) throw new Miss('not a file');
      return syscall('fs.cat', { path: p });
    }],
  ],
};
