// ipc.send: the English side of syscall ipc.send (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { Miss, SEND_SPLIT, need, pidsIn, procOf, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

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

export const command: CommandSpec = {
  name: 'ipc.send',
  intent: { heads: ['send', 'ask', 'message', 'ping', 'tell'], cues: ['send', 'ask', 'tell', 'messag', 'notify'], examples: [
    'message process please hurry up', 'send process a message', 'tell process to do the task',
    'ask the coder to analyze this code for bugs', 'send a message to the reviewer', 'tell the writer to add a summary',
    'message the tester that the build is ready', 'ping the coder with a question', 'let the reviewer know the code is done',
    'have the coder fix the tests', 'send the reviewer a note'] },
  extract,
  phrases: [
    [/^(?:tell|message|send)\s+(.+?)\s+("[^"]+")$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) })],
    [/^send\s+a\s+(?:note|message|msg|line)\s+to\s+(.+?)\s*:\s*(.+)$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) })],
    [/^ping\s+(.+)$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: 'ping' })],
  ],
};
