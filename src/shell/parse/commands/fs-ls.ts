// fs.ls: the English side of syscall fs.ls (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { opt, pathsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const like = /\b(?:similar\s+to|related\s+to|relating\s+to|like|about|resembling|matching|on\s+the\s+topic\s+of|that\s+(?:talk|are)\s+about|concerning)\s+(.+)$/i.exec(u.text);
    const path = pathsIn(like ? u.text.slice(0, like.index) : u.text)[0];
    const similarTo = u.quoted[0] ?? like?.[1];
    return { ...opt('path', path), ...opt('similarTo', similarTo?.replace(/^(?:the\s+)?/, '').trim() || undefined) };
  };

export const command: CommandSpec = {
  name: 'fs.ls',
  intent: { heads: ['list', 'ls'], cues: ['list', 'files', 'ls', 'show', 'contents'], examples: [
    'show me what is in folder', 'list the files in folder', 'what is inside this folder',
    'show me files like neural networks', 'list the files here', 'what files are in this directory', 'show the contents of this folder',
    'list files related to optimization', 'which files are about databases', 'show me what is in here', 'list everything'] },
  extract,
  phrases: [],
};
