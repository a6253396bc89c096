// fs.embed: how the parser reads syscall fs.embed (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, joined } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, opt, stripLead, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const colon = /:\s*(.+)$/.exec(u.text)?.[1];
    const as = /\bas\s+((?:\.{0,2}|~)?\/\S+)/i.exec(u.text)?.[1];
    return { text: need(u.quoted[0] ?? colon ?? stripLead('fs.embed', u.text), 'the text to store'), ...opt('as', as) };
  };

export const command: CommandSpec = {
  name: 'fs.embed',
  format: (r, p) => p.dim(`stored at ${str(r.path)}`),
  intent: { heads: ['remember', 'store', 'memorize', 'memorise', 'embed', 'note that'], cues: ['store', 'rememb', 'embed', 'vector', 'knowledge', 'fact', 'memoriz'], examples: [
    'store this knowledge as a vector', 'remember that the api key rotates weekly', 'save this fact for later', 'embed this text',
    'memorize that the server runs on port eight thousand', 'add this to the knowledge base', 'note that tests run nightly'] },
  extract,
  rules: [
    {
      words: ['embed', 'remember', 'memorize'], usage: 'embed "text" [as PATH]', syscall: 'fs.embed',
      rule: (rest) => {
        const at = rest.length >= 3 ? rest.length - 2 : -1;
        const as = at > 0 && isWord(rest[at], 'as') && /^[./~\w]/.test(rest[at + 1]!.value) && rest[at + 1]!.value.includes('/') ? rest[at + 1]!.value : undefined;
        let text = as !== undefined ? rest.slice(0, at) : rest;
        if (isWord(text[0], 'that') && text.length > 1) text = text.slice(1);
        if (text.length === 0) throw new Miss('embed needs the text to store', 'embed "text" [as PATH]');
        return { syscall: 'fs.embed', args: { text: joined(text), ...(as !== undefined ? { as } : {}) } };
      },
    },
  ],
  phrases: [
    [/^(?:note|remember|memorize|memorise)\s+that\s+(.+)$/i, (m) => syscall('fs.embed', { text: textOf(m[1]!) })],
  ],
};
