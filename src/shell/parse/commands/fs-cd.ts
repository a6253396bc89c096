// fs.cd: how the parser reads syscall fs.cd (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, joined } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, pathOf, pathsIn, syscall, without } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, score, str } from '../../format-kit.js';
import type { Obj, Paint } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0];
    if (p) return { path: p };
    const lead = /^(?:(?:go|move|switch|change|navigate|take\s+me|bring\s+me|jump|head|cd|enter|step)\s+(?:over\s+|back\s+|me\s+|directory\s+|dir\s+)?(?:to|into|in|over\s+to)?\s*)/i.exec(u.text);
    // without a verb of motion the sentence is not a place ("what's in this folder?")
    if (!lead || lead[0].trim() === '') throw new Miss('could not find where to go (say: cd PATH or cd "a description")');
    const rest = u.text.slice(lead[0].length).trim();
    if (/^(?:home|the\s+root|root)(?:\s+directory)?$/i.test(rest)) return {};
    if (/^(?:back|up|the\s+parent(?:\s+directory)?|parent|up\s+one\s+level|one\s+level\s+up)$/i.test(rest)) return { path: '..' };
    return rest ? { path: rest } : {};
  };

// cd by meaning says where it went; when others were nearly as close, it names them too.
function cdLine(r: Obj, p: Paint): string {
  if (r.score === undefined) return '';
  const others = Array.isArray(r.candidates) ? r.candidates.filter(isObj).filter((c) => c.path !== r.cwd) : [];
  const also = others.length ? `\n${p.dim(`also close: ${others.map((c) => `${str(c.path)} (${score(c.score)})`).join(', ')}`)}` : '';
  return `${str(r.cwd)}  ${p.dim(`(score ${score(r.score)})`)}${also}`;
}

export const command: CommandSpec = {
  name: 'fs.cd',
  format: cdLine,
  intent: { heads: ['go to', 'go into', 'go back', 'cd', 'navigate', 'take me', 'switch to', 'head over to', 'head to', 'change directory', 'change to', 'move to the directory', 'move into'], cues: ['go', 'cd', 'navigat', 'switch', 'directory', 'folder', 'take'], examples: [
    'change directory to folder', 'go to folder',
    'go to the directory about machine learning', 'take me to the folder with the docs', 'change directory to the knowledge base',
    'navigate to the logs', 'switch to the apps folder', 'go back home', 'move into the models directory', 'enter the tools folder',
    'go up one level'] },
  extract,
  rules: [
    {
      words: ['cd', 'chdir', 'goto'], usage: 'cd [PATH | "description"]', syscall: 'fs.cd',
      rule: (rest) => {
        const r = isWord(rest[0], ['to', 'into']) && rest.length > 1 ? rest.slice(1) : rest;
        return { syscall: 'fs.cd', args: r.length ? { path: joined(r) } : {} };
      },
    },
  ],
  phrases: [
    [/^(?:go|cd|take me|navigate)\s+(?:back\s+)?(?:up\s+)?to\s+the\s+(?:root|top)(?:\s+(?:folder|directory))?$/i, () => syscall('fs.cd', { path: '/' })],
    [/^(?:open|enter)\s+the\s+(?:directory|folder)\s+(\S+)$/i, (m) => syscall('fs.cd', { path: pathOf(m[1]!) })],
  ],
};
