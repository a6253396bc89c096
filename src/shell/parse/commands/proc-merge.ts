// proc.merge: how the parser reads syscall proc.merge (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { MERGE_USAGE, one } from '../rules-proc.js';
import { indexOfWord, isWord, refOf } from '../grammar-kit.js';
import type { Token } from '../lexer.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, opt, pidOf, pidsIn, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const pids = pidsIn(u.text);
    const list = pids.length >= 2 ? pids : u.quoted;
    if (list.length < 2) throw new Miss('merge needs two processes (say p1 and p2)');
    const name = /\b(?:called|named|as)\s+["']?([\w-]+)/i.exec(u.text)?.[1];
    return { pids: list, ...opt('name', name) };
  };

export const command: CommandSpec = {
  name: 'proc.merge',
  format: processResult,
  intent: { heads: ['merge', 'combine', 'fuse'], cues: ['merge', 'combin', 'fuse', 'join', 'generalist'], examples: [
    'combine process and process into one agent', 'fuse process with process', 'merge process and process',
    'merge the coder and the reviewer', 'combine these two agents', 'fuse the agents into a generalist', 'join two processes into one',
    'merge these specialists into one agent'] },
  extract,
  rules: [
    {
      words: ['merge'], usage: MERGE_USAGE, syscall: 'proc.merge',
      rule: (rest) => {
        let toks = rest;
        let name: string | undefined;
        const at = indexOfWord(toks, ['as', 'into', 'named', 'called']);
        if (at >= 0) {
          if (at !== toks.length - 2) throw new Miss('merge takes one name after "as"', MERGE_USAGE);
          name = toks[at + 1]!.value;
          toks = toks.slice(0, at);
        }
        let pids: string[];
        const pidToks = toks.filter((t) => t.kind === 'string' || pidOf(t.value) !== undefined);
        if (pidToks.length >= 2 && toks.every((t) => pidToks.includes(t) || isWord(t, ['and', ',', '&', 'with', 'agents', 'processes', 'process', 'agent']))) {
          pids = pidToks.map((t) => refOf([t]));
        } else {
          // "merge the coder and the reviewer": references separated by "and" / ","
          pids = [];
          let cur: Token[] = [];
          for (const t of [...toks, { kind: 'word', value: 'and', col: 0 } as Token]) {
            if (isWord(t, ['and', ',', '&', 'with']) || t.value.endsWith(',')) {
              if (t.value.endsWith(',') && t.value !== ',') cur.push({ ...t, value: t.value.slice(0, -1) });
              if (cur.length) pids.push(refOf(cur));
              cur = [];
            } else cur.push(t);
          }
        }
        if (pids.length < 2) throw new Miss('merge needs at least two processes', MERGE_USAGE);
        return { syscall: 'proc.merge', args: { pids, ...(name ? { name } : {}) } };
      },
    },
  ],
  phrases: [],
};
