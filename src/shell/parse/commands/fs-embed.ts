// fs.embed: the English side of syscall fs.embed (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, opt, stripLead, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const colon = /:\s*(.+)$/.exec(u.text)?.[1];
    const as = /\bas\s+((?:\.{0,2}|~)?\/\S+)/i.exec(u.text)?.[1];
    return { text: need(u.quoted[0] ?? colon ?? stripLead('fs.embed', u.text), 'the text to store'), ...opt('as', as) };
  };

export const command: CommandSpec = {
  name: 'fs.embed',
  intent: { heads: ['remember', 'store', 'memorize', 'memorise', 'embed', 'note that'], cues: ['store', 'rememb', 'embed', 'vector', 'knowledge', 'fact', 'memoriz'], examples: [
    'store this knowledge as a vector', 'remember that the api key rotates weekly', 'save this fact for later', 'embed this text',
    'memorize that the server runs on port eight thousand', 'add this to the knowledge base', 'note that tests run nightly'] },
  extract,
  phrases: [
    [/^(?:note|remember|memorize|memorise)\s+that\s+(.+)$/i, (m) => syscall('fs.embed', { text: textOf(m[1]!) })],
  ],
};
