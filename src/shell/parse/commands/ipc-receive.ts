// ipc.receive: the English side of syscall ipc.receive (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { opt, pidsIn, procOf, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const m = /\b(?:for|of)\s+(p\d+|process\s*\d+)/i.exec(u.text) ?? /\b(p\d+)'s\b/i.exec(u.text);
    const pid = m ? pidsIn(m[1]!)[0] : undefined;
    return { ...opt('pid', pid) };
  };

export const command: CommandSpec = {
  name: 'ipc.receive',
  intent: { heads: ['check my messages', 'check messages', 'check the inbox', 'check my inbox', 'receive', 'read my messages', 'read messages'], cues: ['inbox', 'messag', 'receiv', 'mail', 'check'], examples: [
    'check my messages', 'do i have any messages', 'read my inbox', 'receive messages', 'any new mail',
    'show me the messages', 'what messages came in'] },
  extract,
  phrases: [
    [/^(?:did|has|have)\s+(?:anyone|anybody|someone|any\s+agent)\s+(?:write|written|message[d]?|sen[dt]|repl(?:y|ied))(?:\s+(?:to|back\s+to))?\s+me$/i, () => syscall('ipc.receive', {})],
    [/^what\s+messages\s+(?:did|has)\s+(.+?)\s+(?:get|got|receive[d]?)$/i, (m) => syscall('ipc.receive', { pid: procOf(m[1]!) })],
  ],
};
