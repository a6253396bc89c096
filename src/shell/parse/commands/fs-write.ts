// fs.write: how the parser reads syscall fs.write (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, joined } from '../grammar-kit.js';
import { looksLikePath, writeRedirect } from '../rules-fs.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, pathOf, pathsIn, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const path = pathsIn(u.text.replace(/["“'‘][^"”'’]*["”'’]/g, ' '))[0];
    const content = u.quoted[0] ?? /(?::\s*|\bsaying\s+|\bthe\s+(?:text|line|words)\s+)(.+?)(?:\s+(?:to|into|in)\s+\S+)?$/i.exec(u.text)?.[1];
    return { path: need(path, 'which file'), content: need(content, 'the text to write (quote it)'), ...(/\b(?:append|add)\b/i.test(u.text) ? { append: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.write',
  format: (r, p) => p.dim(`wrote ${str(r.bytes)} bytes to ${str(r.path)}`),
  intent: { heads: ['write to', 'append', 'add a line', 'save into'], cues: ['write', 'save', 'append', 'put'], examples: [
    'append to file', 'save into file', 'write to file', 'append a line to the file',
    'write hello world to the notes file', 'save this text into a file', 'append a line to the log', 'put this text in the file',
    'add a line to the todo file'] },
  extract,
  rules: [
    {
      words: ['write'], usage: 'write PATH "content" | write "content" > PATH', syscall: 'fs.write',
      rule: (rest) => {
        const op = rest.findIndex((t) => t.kind === 'op');
        if (op >= 0) return writeRedirect(rest.slice(0, op), 'write "content" > PATH', rest[op]!.value === '>>', rest.slice(op + 1));
        if (rest.length < 2) throw new Miss('write needs a path and the content', 'write PATH "content"');
        // write "content" to PATH
        if (rest.length === 3 && rest[0]!.kind === 'string' && isWord(rest[1], ['to', 'into', 'in'])) {
          return { syscall: 'fs.write', args: { path: rest[2]!.value, content: rest[0]!.value } };
        }
        if (!looksLikePath(rest[0]!)) throw new Miss(`"${rest[0]!.value}" does not look like a path`, 'write PATH "content"');
        return { syscall: 'fs.write', args: { path: rest[0]!.value, content: joined(rest.slice(1)) } };
      },
    },
    {
      words: ['echo', 'print', 'printf'], usage: 'echo "text" > PATH | echo "text" >> PATH', syscall: 'fs.write',
      rule: (rest) => {
        const op = rest.findIndex((t) => t.kind === 'op');
        if (op < 0) throw new Miss('echo writes to a file: add > PATH (or >> PATH to append)', 'echo "text" > PATH');
        return writeRedirect(rest.slice(0, op), 'echo "text" > PATH', rest[op]!.value === '>>', rest.slice(op + 1), true);
      },
    },
  ],
  phrases: [
    [/^(?:add|append|tack)\s+("[^"]*"|'[^']*')\s+(?:on\s+)?(?:to|at)\s+(?:the\s+(?:end|bottom)\s+of\s+)?(\S+)$/i, (m) =>
      syscall('fs.write', { path: pathOf(m[2]!), content: `${textOf(m[1]!)}\n`, append: true })],
    [/^(?:save|put|write)\s+("[^"]*"|'[^']*')\s+(?:as|in|into|to)\s+(\S+)$/i, (m) => syscall('fs.write', { path: pathOf(m[2]!), content: textOf(m[1]!) })],
  ],
};
