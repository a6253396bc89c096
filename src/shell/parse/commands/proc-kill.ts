// proc.kill: how the parser reads syscall proc.kill (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { KILL, procOf, syscall, target } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => ({ pid: target(u, KILL) });

export const command: CommandSpec = {
  name: 'proc.kill',
  format: processResult,
  intent: { heads: ['kill', 'terminate', 'shut down', 'abort', 'get rid of', 'stop'], cues: ['kill', 'terminat', 'stop', 'end', 'rid', 'abort'], examples: [
    'kill the reviewer', 'stop the reviewer', 'terminate process', 'end the coder process', 'get rid of the summarizer',
    'shut down the agent', 'abort the research process', 'kill it', 'destroy that process', 'take down the translator'] },
  extract,
  rules: [
    { words: ['kill'], usage: 'kill p3 | kill "the reviewer"', syscall: 'proc.kill', rule: (rest, head) => one('proc.kill', 'kill', extract)(rest.filter((t) => !/^-(9|KILL|TERM|15)$/.test(t.value) || t.kind !== 'word'), head) },
  ],
  phrases: [
    [/^(?:stop|kill|terminate|end|abort|shut down|take down|get rid of)(?:\s+off)?\s+(.+)$/i, (m) => syscall('proc.kill', { pid: procOf(m[1]!) })],
  ],
};
