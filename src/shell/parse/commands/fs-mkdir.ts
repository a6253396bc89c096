// fs.mkdir: the English side of syscall fs.mkdir (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, opt, pathsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:called|named)\s+["']?([\w./-]+)/i.exec(u.text)?.[1];
    const desc = /\b(?:for|about)\s+(.+)$/i.exec(u.text)?.[1];
    return { path: need(p, 'the new directory\'s name (say "called projects")'), ...(/\b(?:parents|-p|nested|and\s+its\s+parents)\b/i.test(u.text) ? { parents: true } : {}), ...opt('description', p && desc && !desc.includes(p) ? desc : undefined) };
  };

export const command: CommandSpec = {
  name: 'fs.mkdir',
  intent: { heads: ['mkdir', 'make a directory', 'make a folder', 'create a directory', 'create a folder', 'create a new directory', 'create a new folder', 'make a new folder', 'make a new directory', 'new folder', 'new directory'], cues: ['director', 'folder', 'mkdir'], examples: [
    'make a directory called projects', 'create a folder named folder', 'create a folder named experiments', 'create a new directory', 'make a new folder for the reports'] },
  extract,
  phrases: [],
};
