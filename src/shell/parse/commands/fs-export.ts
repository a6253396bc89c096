// fs.export: how the parser reads syscall fs.export (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, pathOf, pathsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('export needs a VectorFS path and a host directory');
    return { path: ps[0], host: ps[1] };
  };

export const command: CommandSpec = {
  name: 'fs.export',
  format: (r) => `exported ${str(r.files)} files (${str(r.bytes)} bytes) to ${str(r.host)}`,
  intent: { heads: ['export'], cues: ['export', 'disk', 'host', 'out'], examples: [
    'export the app to a folder on disk', 'save folder to my disk at folder', 'write the project out to the host', 'save the web app to my disk', 'export the files to the host directory'] },
  extract,
  rules: [
    {
      words: ['export'], usage: 'export /vfs/path HOSTDIR', syscall: 'fs.export',
      rule: (rest) => {
        const r = rest.filter((t, i) => !(i === 1 && isWord(t, ['to', 'into'])));
        if (r.length !== 2) throw new Miss('export takes a VectorFS path and a host directory', 'export /vfs/path HOSTDIR');
        return { syscall: 'fs.export', args: { path: r[0]!.value, host: r[1]!.value } };
      },
    },
  ],
  phrases: [
    [/^(?:save|write|copy|dump)\s+(\/\S*)\s+(?:out\s+)?to\s+(?:the\s+)?(?:disk|host|real\s+(?:disk|directory|folder))(?:\s+at|\s+in)?\s+(\S+)$/i, (m) =>
      syscall('fs.export', { path: pathOf(m[1]!), host: pathOf(m[2]!) })],
    [/^(?:save|write)\s+(\/\S*)\s+out\s+to\s+(\S+)$/i, (m) => syscall('fs.export', { path: pathOf(m[1]!), host: pathOf(m[2]!) })],
  ],
};
