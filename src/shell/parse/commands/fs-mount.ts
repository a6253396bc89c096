// fs.mount: the English side of syscall fs.mount (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, opt, pathsIn } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const ps = pathsIn(u.text);
    const at = /\b(?:at|on|into|to|under|as)\s+(\/\S*)/i.exec(u.text)?.[1];
    const host = ps.find((p) => p !== at) ?? u.quoted[0];
    return { host: need(host, 'which host directory (say ./docs)'), ...opt('at', at) };
  };

export const command: CommandSpec = {
  name: 'fs.mount',
  intent: { heads: ['mount', 'import', 'ingest', 'index', 'load'], cues: ['mount', 'import', 'index', 'load', 'ingest'], examples: [
    'mount my docs folder', 'import the documents from disk', 'index all documents in the folder', 'load the project files into the knowledge base',
    'ingest the manuals', 'bring the host directory in'] },
  extract,
  phrases: [],
};
