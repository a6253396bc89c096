// fs.grep: how the parser reads syscall fs.grep (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { grep } from '../rules-fs.js';
import type { CommandRule } from '../grammar-kit.js';
import { WHERE, need, opt, pathsIn, syscall, textOf, withPath } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { hits } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const textNoQuotes = u.text.replace(/["“'‘][^"”'’]*["”'’]/g, ' ');
    return { pattern: need(u.quoted[0], 'the pattern (quote it)'), ...opt('path', pathsIn(textNoQuotes)[0]), ...(/\bignor\w*\s+case|case[-\s]insensitive/i.test(u.text) ? { ignoreCase: true } : {}) };
  };

export const command: CommandSpec = {
  name: 'fs.grep',
  format: hits,
  intent: { heads: ['grep'], cues: ['grep', 'regex', 'pattern', 'lines', 'contain', 'occurrenc'], examples: [
    'find lines containing the pattern', 'search the files for the regex', 'grep for the text', 'which files contain the word',
    'show every occurrence of the string'] },
  extract,
  rules: [
    { words: ['grep', 'rg'], usage: 'grep "regex" [PATH] | grep meaning "text" [in PATH]', syscall: 'fs.grep', rule: grep },
  ],
  phrases: [
    [new RegExp(String.raw`^(?:look|search|grep|hunt)\s+for\s+(?:the\s+)?(?:word|string|text|term|phrase)\s+(\S+|"[^"]+")${WHERE}$`, 'i'), (m) =>
      syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
    [new RegExp(String.raw`^(?:search|look)\s+for\s+("[^"]+"|'[^']+')${WHERE}$`, 'i'), (m) => syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
    [new RegExp(String.raw`^find\s+(?:the\s+)?(?:word|string|text|term)\s+("[^"]+"|\S+)${WHERE}$`, 'i'), (m) => syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
    [new RegExp(String.raw`^(?:which|what)\s+files\s+(?:mention|contain|include|reference|say|use)\s+(?:the\s+(?:word|string|text|term|phrase)\s+)?(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]), filesOnly: true })],
    [new RegExp(String.raw`^(?:which|what)\s+lines\s+(?:contain|mention|include|say)\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
  ],
};
