// ipc.receive: how the parser reads syscall ipc.receive (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { RECV_USAGE, TIMEOUT_FLAG, message, timeoutOf } from '../rules-ipc-mem.js';
import { flagCount, isWord, refOf, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, opt, pidsIn, procOf, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, payloadText, str, table } from '../../format-kit.js';
import type { Paint } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const m = /\b(?:for|of)\s+(p\d+|process\s*\d+)/i.exec(u.text) ?? /\b(p\d+)'s\b/i.exec(u.text);
    const pid = m ? pidsIn(m[1]!)[0] : undefined;
    return { ...opt('pid', pid) };
  };

function messages(list: unknown, p: Paint): string {
  const ms = Array.isArray(list) ? list.filter(isObj) : [];
  if (ms.length === 0) return p.dim('no messages');
  return table(ms.map((m) => [str(m.id), str(m.from), str(m.messageType), str(m.priority), payloadText(m.payload)]), ['ID', 'FROM', 'TYPE', 'PRI', 'MESSAGE'], p);
}

export const command: CommandSpec = {
  name: 'ipc.receive',
  format: (r, p) => messages(r.messages, p),
  intent: { heads: ['check my messages', 'check messages', 'check the inbox', 'check my inbox', 'receive', 'read my messages', 'read messages'], cues: ['inbox', 'messag', 'receiv', 'mail', 'check'], examples: [
    'check my messages', 'do i have any messages', 'read my inbox', 'receive messages', 'any new mail',
    'show me the messages', 'what messages came in'] },
  extract,
  rules: [
    {
      words: ['receive', 'recv', 'msgs', 'inbox', 'messages'], usage: RECV_USAGE, syscall: 'ipc.receive',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, {
          '-n': { key: 'max', value: true }, '--max': { key: 'max', value: true }, '--wait': { key: 'wait', value: false }, '-w': { key: 'wait', value: false }, ...TIMEOUT_FLAG,
        }, RECV_USAGE);
        const max = flagCount(flags.max, '-n', RECV_USAGE);
        if (flags.timeout !== undefined && flags.wait !== true) throw new Miss('--timeout goes with --wait', RECV_USAGE);
        const toks = isWord(r[0], ['for', 'of']) ? r.slice(1) : r;
        return {
          syscall: 'ipc.receive',
          args: { ...(toks.length ? { pid: refOf(toks) } : {}), ...(max !== undefined ? { max } : {}), ...(flags.wait === true ? { wait: true, ...timeoutOf(flags, RECV_USAGE) } : {}) },
        };
      },
    },
  ],
  phrases: [
    [/^(?:did|has|have)\s+(?:anyone|anybody|someone|any\s+agent)\s+(?:write|written|message[d]?|sen[dt]|repl(?:y|ied))(?:\s+(?:to|back\s+to))?\s+me$/i, () => syscall('ipc.receive', {})],
    [/^what\s+messages\s+(?:did|has)\s+(.+?)\s+(?:get|got|receive[d]?)$/i, (m) => syscall('ipc.receive', { pid: procOf(m[1]!) })],
  ],
};
