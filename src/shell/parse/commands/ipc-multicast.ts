// ipc.multicast: how the parser reads syscall ipc.multicast (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { MSG_FLAGS, message, msgOptions } from '../rules-ipc-mem.js';
import { isWord, joined, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const g = /\b(?:the\s+)?([\w-]+)\s+group\b|\bgroup\s+["']?([\w-]+)/i.exec(u.text);
    const msg = u.quoted[0] ?? /(?::|\bthat|\bsaying)\s+(.+)$/i.exec(u.text)?.[1];
    return { group: need(g?.[1] ?? g?.[2], 'the group'), message: need(msg, 'the message') };
  };

export const command: CommandSpec = {
  name: 'ipc.multicast',
  format: (r) => `delivered to ${str(r.delivered)} ${r.delivered === 1 ? 'process' : 'processes'}`,
  intent: { cues: ['group', 'multicast'], examples: [
    'send a message to the reviewers group', 'tell the testers group that tests failed', 'multicast to the team group'] },
  extract,
  rules: [
    {
      words: ['multicast'], usage: 'multicast GROUP "message"', syscall: 'ipc.multicast',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, MSG_FLAGS, 'multicast GROUP "message"');
        const opts = msgOptions(flags, 'multicast GROUP "message"');
        delete opts.requiresAck;
        delete opts.type;
        const body = isWord(r[0], 'to') ? r.slice(1) : r;
        if (body.length < 2) throw new Miss('multicast needs a group and a message', 'multicast GROUP "message"');
        return { syscall: 'ipc.multicast', args: { group: body[0]!.value.replace(/:$/, ''), message: joined(body.slice(1)), ...opts } };
      },
    },
  ],
  phrases: [
    [/^(?:tell|message|notify)\s+the\s+([\w-]+)\s+group(?:\s+that|\s*:)?\s+(.+)$/i, (m) => syscall('ipc.multicast', { group: m[1]!, message: textOf(m[2]!) })],
  ],
};
