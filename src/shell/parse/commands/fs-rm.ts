// fs.rm: the English side of syscall fs.rm (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { Miss, need, pathOf, pathsIn, pidOf, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:called|named)\s+["']?([\w./-]+)/i.exec(u.text)?.[1];
    return { path: need(p, 'which file or directory'), ...(/\b(?:recursive(?:ly)?|directory|folder|dir|everything\s+in|and\s+everything|tree|all\s+of)\b/i.test(u.text) ? { recursive: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.rm',
  intent: { heads: ['delete', 'remove', 'erase', 'rm', 'trash'], cues: ['delet', 'remov', 'rm', 'eras', 'trash'], examples: [
    'remove the directory folder and everything in it', 'delete file',
    'delete the file', 'remove the old notes', 'erase that directory', 'trash the draft', 'get rid of the temporary file',
    'delete the folder and everything in it'] },
  extract,
  phrases: [
    [/^(?:delete|remove|erase|trash|get rid of|throw away)\s+(?:the\s+file\s+)?(\S+)$/i, (m) => {
      const p = pathOf(m[1]!);
      if (pidOf(p)) throw new Miss('a process, not a file');
      return syscall('fs.rm', { path: p });
    }],
  ],
};
