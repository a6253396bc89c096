// ipc.multicast: the English side of syscall ipc.multicast (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { need, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => {
    const g = /\b(?:the\s+)?([\w-]+)\s+group\b|\bgroup\s+["']?([\w-]+)/i.exec(u.text);
    const msg = u.quoted[0] ?? /(?::|\bthat|\bsaying)\s+(.+)$/i.exec(u.text)?.[1];
    return { group: need(g?.[1] ?? g?.[2], 'the group'), message: need(msg, 'the message') };
  };

export const command: CommandSpec = {
  name: 'ipc.multicast',
  intent: { cues: ['group', 'multicast'], examples: [
    'send a message to the reviewers group', 'tell the testers group that tests failed', 'multicast to the team group'] },
  extract,
  phrases: [
    [/^(?:tell|message|notify)\s+the\s+([\w-]+)\s+group(?:\s+that|\s*:)?\s+(.+)$/i, (m) => syscall('ipc.multicast', { group: m[1]!, message: textOf(m[2]!) })],
  ],
};
