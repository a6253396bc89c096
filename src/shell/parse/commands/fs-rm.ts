// fs.rm: how the parser reads syscall fs.rm (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, takeFlags } from '../grammar-kit.js';
import { onePath } from '../rules-fs.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, pathOf, pathsIn, pidOf, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:called|named)\s+["']?([\w./-]+)/i.exec(u.text)?.[1];
    return { path: need(p, 'which file or directory'), ...(/\b(?:recursive(?:ly)?|directory|folder|dir|everything\s+in|and\s+everything|tree|all\s+of)\b/i.test(u.text) ? { recursive: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.rm',
  format: (r, p) => p.dim(`removed ${str(r.removed)}`),
  intent: { heads: ['delete', 'remove', 'erase', 'rm', 'trash'], cues: ['delet', 'remov', 'rm', 'eras', 'trash'], examples: [
    'remove the directory folder and everything in it', 'delete file',
    'delete the file', 'remove the old notes', 'erase that directory', 'trash the draft', 'get rid of the temporary file',
    'delete the folder and everything in it'] },
  extract,
  rules: [
    {
      words: ['rm', 'del', 'rmdir', 'unlink'], usage: 'rm [-r] PATH', syscall: 'fs.rm',
      rule: (rest, head) => {
        const rec = { key: 'recursive', value: false } as const;
        const { flags, rest: r } = takeFlags(rest, { '-r': rec, '-R': rec, '-rf': rec, '-fr': rec, '-Rf': rec, '--recursive': rec, '-f': { key: 'force', value: false } }, 'rm [-r] PATH');
        const recursive = flags.recursive === true || isWord(head, 'rmdir');
        return { syscall: 'fs.rm', args: { path: onePath(r, 'a path', 'rm [-r] PATH'), ...(recursive ? { recursive: true } : {}) } };
      },
    },
  ],
  phrases: [
    [/^(?:delete|remove|erase|trash|get rid of|throw away)\s+(?:the\s+file\s+)?(\S+)$/i, (m) => {
      const p = pathOf(m[1]!);
      if (pidOf(p)) throw new Miss('a process, not a file');
      return syscall('fs.rm', { path: p });
    }],
  ],
};
