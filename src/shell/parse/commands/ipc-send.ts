// ipc.send: how the parser reads syscall ipc.send (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { MSG_FLAGS, SEND_USAGE, message, msgOptions } from '../rules-ipc-mem.js';
import { indexOfWord, isWord, joined, refOf, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, SEND_SPLIT, need, pidsIn, procOf, syscall, target, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, score, str } from '../../format-kit.js';
import type { Obj, Paint } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const m = SEND_SPLIT.exec(u.text);
    const pid = pidsIn(u.text)[0];
    if (u.quoted[0] !== undefined) {
      const who = pid ?? /\bto\s+(?:the\s+)?(.+?)$/i.exec(u.text.replace(/["“'‘][^"”'’]*["”'’]/g, '').trim())?.[1] ?? m?.[1];
      return { to: need(who?.replace(/^(?:the\s+)?/, (s) => s), 'whom to send it to'), message: u.quoted[0] };
    }
    const toPid = /\bto\s+((?:p|process\s*|pid\s*|agent\s*)\d+)\s*(?::|,|\bsaying\b|\bthat\b|\bwith\b)\s*(.+)$/i.exec(u.text);
    if (toPid) return { to: pidsIn(toPid[1]!)[0]!, message: need(toPid[2], 'the message') };
    if (!m) throw new Miss('could not tell the receiver from the message (say: send p2 "message")');
    const who = pidsIn(m[1]!)[0] ?? m[1]!.trim();
    return { to: who, message: need(m[2], 'the message') };
  };

function messageSent(r: Obj, p: Paint): string {
  const m = isObj(r.message) ? r.message : {};
  const route = isObj(r.route) ? `  ${p.dim(`(routed by meaning to ${str(r.route.pid)} ${str(r.route.name)}, score ${score(r.route.score)})`)}` : '';
  return `sent ${str(m.id)} to ${str(m.to)}${route}`;
}

export const command: CommandSpec = {
  name: 'ipc.send',
  format: messageSent,
  intent: { heads: ['send', 'ask', 'message', 'ping', 'tell'], cues: ['send', 'ask', 'tell', 'messag', 'notify'], examples: [
    'message process please hurry up', 'send process a message', 'tell process to do the task',
    'ask the coder to analyze this code for bugs', 'send a message to the reviewer', 'tell the writer to add a summary',
    'message the tester that the build is ready', 'ping the coder with a question', 'let the reviewer know the code is done',
    'have the coder fix the tests', 'send the reviewer a note'] },
  extract,
  rules: [
    {
      words: ['send', 'msg'], usage: SEND_USAGE, syscall: 'ipc.send',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, MSG_FLAGS, SEND_USAGE);
        const opts = msgOptions(flags, SEND_USAGE);
        // send "message" to p2
        const to = indexOfWord(r, 'to');
        if (r[0]?.kind === 'string' && to === 1 && r.length >= 3) {
          return { syscall: 'ipc.send', args: { to: refOf(r.slice(2), 'a receiver', SEND_USAGE), message: r[0].value, ...opts } };
        }
        if (r.length < 2) throw new Miss('send needs a receiver and a message', SEND_USAGE);
        // send to the testers group: message / send to the reviewer: message
        const colon = r.findIndex((t) => t.kind === 'word' && t.value.endsWith(':'));
        if (colon >= 0 && colon < r.length - 1) {
          const who = r.slice(isWord(r[0], 'to') ? 1 : 0, colon + 1).map((t, i, a) => (i === a.length - 1 ? { ...t, value: t.value.slice(0, -1) } : t)).filter((t) => t.value !== '');
          const msg = joined(r.slice(colon + 1));
          if (isWord(who[who.length - 1], 'group') && who.length >= 2) {
            const g = who.filter((t) => !isWord(t, ['the', 'group']));
            if (g.length === 1) return { syscall: 'ipc.multicast', args: { group: g[0]!.value, message: msg, ...(opts.priority !== undefined ? { priority: opts.priority } : {}) } };
          }
          if (who.length === 1 && /^(everyone|everybody|all)$/i.test(who[0]!.value)) return { syscall: 'ipc.broadcast', args: { message: msg } };
          return { syscall: 'ipc.send', args: { to: refOf(who, 'a receiver', SEND_USAGE), message: msg, ...opts } };
        }
        // send p2 "message" / send p2: message / send to p2 message
        const body = isWord(r[0], 'to') ? r.slice(1) : r;
        if (isWord(body[0], ['a', 'an', 'the', 'this', 'that', 'it', 'my', 'our', 'some', 'message', 'note', 'them', 'him', 'her', 'me'])) {
          throw new Miss('say who gets the message: send p2 "message"', SEND_USAGE);
        }
        const who = body[0]!.value.replace(/:$/, '');
        const msg = body.slice(1);
        if (msg.length === 0) throw new Miss('send needs a message', SEND_USAGE);
        if (body[0]!.kind === 'word' && /^(everyone|everybody|all)$/i.test(who)) {
          return { syscall: 'ipc.broadcast', args: { message: message(msg, SEND_USAGE), ...(opts.priority !== undefined ? { priority: opts.priority } : {}) } };
        }
        const target = body[0]!.kind === 'string' ? who : refOf([{ ...body[0]!, value: who }]);
        return { syscall: 'ipc.send', args: { to: target, message: message(msg, SEND_USAGE), ...opts } };
      },
    },
  ],
  phrases: [
    [/^(?:tell|message|send)\s+(.+?)\s+("[^"]+")$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) })],
    [/^send\s+a\s+(?:note|message|msg|line)\s+to\s+(.+?)\s*:\s*(.+)$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) })],
    [/^ping\s+(.+)$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: 'ping' })],
  ],
};
