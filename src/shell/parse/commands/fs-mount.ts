// fs.mount: how the parser reads syscall fs.mount (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { MOUNT_USAGE } from '../rules-fs.js';
import { indexOfWord, isWord, takeFlags } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, opt, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const ps = pathsIn(u.text);
    const at = /\b(?:at|on|into|to|under|as)\s+(\/\S*)/i.exec(u.text)?.[1];
    const host = ps.find((p) => p !== at) ?? u.quoted[0];
    return { host: need(host, 'which host directory (say ./docs)'), ...opt('at', at) };
  };

export const command: CommandSpec = {
  name: 'fs.mount',
  format: (r) => `mounted at ${str(r.root)}: ${str(r.files)} files imported, ${str(r.unchanged)} unchanged, ${str(r.removed)} removed, `
    + `${Array.isArray(r.skipped) ? r.skipped.length : 0} skipped; ${str(r.chunks)} chunks (${str(r.distinct)} distinct, ${str(r.embedded)} embedded) in ${str(r.ms)} ms`,
  intent: { heads: ['mount', 'import', 'ingest', 'index', 'load'], cues: ['mount', 'import', 'index', 'load', 'ingest'], examples: [
    'mount my docs folder', 'import the documents from disk', 'index all documents in the folder', 'load the project files into the knowledge base',
    'ingest the manuals', 'bring the host directory in'] },
  extract,
  rules: [
    {
      words: ['mount', 'import', 'index'], usage: MOUNT_USAGE, syscall: 'fs.mount',
      rule: (rest, head) => {
        const { flags, rest: r0 } = takeFlags(rest, { '--at': { key: 'at', value: true } }, MOUNT_USAGE);
        let r = r0;
        // "index all documents in ./docs": indexing a directory is importing (chunk + embed) it
        if (isWord(head, ['index', 'import'])) {
          const inAt = indexOfWord(r, ['in', 'under', 'from', 'of']);
          if (inAt >= 0 && r.slice(0, inAt).every((t) => isWord(t, ['all', 'the', 'my', 'documents', 'files', 'docs', 'everything', 'of']))) r = r.slice(inAt + 1);
        }
        let at = typeof flags.at === 'string' ? flags.at : undefined;
        const w = indexOfWord(r, ['at', 'on', 'as', 'to', 'into']);
        if (w >= 0) {
          if (w !== r.length - 2 || at !== undefined) throw new Miss('mount takes one place after "at"', MOUNT_USAGE);
          at = r[w + 1]!.value;
          r = r.slice(0, w);
        }
        if (r.length !== 1) throw new Miss('mount takes one host directory', MOUNT_USAGE);
        return { syscall: 'fs.mount', args: { host: r[0]!.value, ...(at !== undefined ? { at } : {}) } };
      },
    },
  ],
  phrases: [],
};
