// fs.grepMeaning: how the parser reads syscall fs.grepMeaning (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 form (`grep meaning "text"`) is read by the rule in fs-grep.ts.
import { WHERE, need, opt, pathOf, syscall, textOf, withPath } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { hits } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const inPath = /\s+(?:in|under|within|inside)\s+((?:\.{0,2}|~)\/\S*)/i.exec(u.text);
    const body = inPath ? u.text.slice(0, inPath.index) + u.text.slice(inPath.index + inPath[0].length) : u.text;
    const q = u.quoted[0] ?? /\b(?:about|mention(?:s|ing)?|discuss(?:es|ing)?|related\s+to|talk(?:s|ing)?\s+about|on|regarding|concerning|meaning|for)\s+(.+)$/i.exec(body)?.[1];
    return { query: need(q, 'what to search for'), ...opt('path', inPath?.[1]) };
  };

export const command: CommandSpec = {
  name: 'fs.grepMeaning',
  format: hits,
  intent: { cues: ['mention', 'discuss', 'talk', 'lines', 'passages', 'meaning'], examples: [
    'which lines talk about optimization techniques', 'find passages about gradient descent', 'grep by meaning for error handling',
    'show text that discusses performance', 'find lines mentioning memory leaks', 'where do the docs talk about security'] },
  extract,
  phrases: [
    [/^what does\s+(\S+)\s+say\s+(?:about|on|regarding)\s+(.+)$/i, (m) => syscall('fs.grepMeaning', { query: textOf(m[2]!), path: pathOf(m[1]!) })],
    [new RegExp(String.raw`^(?:which|what)\s+(?:files|documents|docs)\s+(?:talk|are|speak|write)\s+about\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]), filesOnly: true })],
    [new RegExp(String.raw`^(?:which|what)\s+files\s+(?:discuss|cover|explain|describe)\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]), filesOnly: true })],
    [new RegExp(String.raw`^(?:which|what)\s+(?:lines|paragraphs|passages|parts|sections)\s+(?:discuss|talk about|are about|cover|explain|describe|deal with)\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
    [new RegExp(String.raw`^where\s+do(?:es)?\s+(?:we|i|you|they|anyone|it)\s+(?:talk|write|speak|say anything)\s+about\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
    [new RegExp(String.raw`^(?:find|show|search for|look for)\s+(?:me\s+)?(?:the\s+)?(?:passages|paragraphs|lines|sections|text|places)\s+(?:about|on|that discuss|that talk about|discussing|mentioning)\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
    [new RegExp(String.raw`^grep\s+(?:for\s+)?(?:things|stuff|anything|text|lines)\s+(?:related to|about|on)\s+(.+?)${WHERE}$`, 'i'), (m) =>
      syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
  ],
};
