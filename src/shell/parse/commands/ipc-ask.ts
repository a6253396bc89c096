// ipc.ask: how the parser reads syscall ipc.ask (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { ASK_USAGE, TIMEOUT_FLAG, message, timeoutOf } from '../rules-ipc-mem.js';
import { refOf, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, syscall } from './kit.js';
import type { CommandSpec } from './kit.js';
import { raw, str, visibleLines } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'ipc.ask',
  // streamed: the REPL already showed the answer as it came (runner-backend.ts)
  format: (r, p) => (r.streamed === true ? '' : visibleLines(raw(r.answer).replace(/\n$/, ''))) + (r.blocked !== undefined ? `\n${p.yellow(`(the agent is now blocked: ${str(r.blocked)})`)}` : ''),
  rules: [
    {
      // ask p2 "question": only this exact shape; "ask the coder to ..." is a send, for layer 2
      words: ['ask'], usage: ASK_USAGE, syscall: 'ipc.ask',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, { ...TIMEOUT_FLAG, '--ack': { key: 'ack', value: false } }, ASK_USAGE);
        if (r.length !== 2 || r[1]!.kind !== 'string' || r[0]!.kind === 'string') throw new Miss('ask takes a process and a quoted question', ASK_USAGE);
        return { syscall: 'ipc.ask', args: { to: refOf([r[0]!], 'an agent', ASK_USAGE), message: r[1]!.value, ...timeoutOf(flags, ASK_USAGE), ...(flags.ack === true ? { requiresAck: true } : {}) } };
      },
    },
  ],
  phrases: [],
};
