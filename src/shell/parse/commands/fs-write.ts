// fs.write: the English side of syscall fs.write (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, pathOf, pathsIn, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const path = pathsIn(u.text.replace(/["“'‘][^"”'’]*["”'’]/g, ' '))[0];
    const content = u.quoted[0] ?? /(?::\s*|\bsaying\s+|\bthe\s+(?:text|line|words)\s+)(.+?)(?:\s+(?:to|into|in)\s+\S+)?$/i.exec(u.text)?.[1];
    return { path: need(path, 'which file'), content: need(content, 'the text to write (quote it)'), ...(/\b(?:append|add)\b/i.test(u.text) ? { append: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.write',
  intent: { heads: ['write to', 'append', 'add a line', 'save into'], cues: ['write', 'save', 'append', 'put'], examples: [
    'append to file', 'save into file', 'write to file', 'append a line to the file',
    'write hello world to the notes file', 'save this text into a file', 'append a line to the log', 'put this text in the file',
    'add a line to the todo file'] },
  extract,
  phrases: [
    [/^(?:add|append|tack)\s+("[^"]*"|'[^']*')\s+(?:on\s+)?(?:to|at)\s+(?:the\s+(?:end|bottom)\s+of\s+)?(\S+)$/i, (m) =>
      syscall('fs.write', { path: pathOf(m[2]!), content: `${textOf(m[1]!)}\n`, append: true })],
    [/^(?:save|put|write)\s+("[^"]*"|'[^']*')\s+(?:as|in|into|to)\s+(\S+)$/i, (m) => syscall('fs.write', { path: pathOf(m[2]!), content: textOf(m[1]!) })],
  ],
};
