// ipc.broadcast: how the parser reads syscall ipc.broadcast (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { MSG_FLAGS, message, msgOptions } from '../rules-ipc-mem.js';
import { isWord, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { need, procOf, syscall, textOf } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = (u) => {
    if (u.quoted[0] !== undefined) return { message: u.quoted[0] };
    const msg = u.text.replace(/^(?:(?:tell|notify|inform|warn|alert|message|ping|broadcast(?:\s+to)?|announce(?:\s+to)?|let|send|shout(?:\s+to)?)\s+)?(?:(?:to\s+)?(?:everyone|everybody|all(?:\s+(?:the\s+)?(?:agents|processes|procs))?|the\s+(?:whole\s+)?(?:system|team)|every\s+(?:agent|process))\s*)?(?:(?:know\s+)?that\s+|:\s*|,\s*)?/i, '');
    const rest = msg.replace(/^(?:a\s+message\s+(?:saying\s+|that\s+)?|(?:a\s+)?message\s+to\s+(?:everyone|all)\s*(?:saying|that|:)?\s*)/i, '');
    return { message: need(rest, 'the message to broadcast') };
  };

export const command: CommandSpec = {
  name: 'ipc.broadcast',
  format: (r) => `delivered to ${str(r.delivered)} ${r.delivered === 1 ? 'process' : 'processes'}`,
  intent: { heads: ['broadcast', 'announce', 'tell everyone', 'tell everybody', 'tell all', 'notify everyone', 'notify all', 'let everyone', 'let everybody', 'let all'], cues: ['everyone', 'everybody', 'broadcast', 'announc', 'all'], examples: [
    'tell everybody', 'send everyone', 'announce to everybody lunch break',
    'tell everyone the system is shutting down', 'broadcast that we are going offline', 'announce to all agents that the build passed',
    'notify everybody about the update', 'let all processes know the deadline moved', 'send a message to everyone', 'warn all agents'] },
  extract,
  rules: [
    {
      words: ['broadcast', 'wall'], usage: 'broadcast "message" [--priority high]', syscall: 'ipc.broadcast',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, MSG_FLAGS, 'broadcast "message"');
        const opts = msgOptions(flags, 'broadcast "message"');
        delete opts.requiresAck;
        delete opts.type;
        let body = r;
        // broadcast that ... / broadcast to everyone: ...
        if (isWord(body[0], 'to') && body[1] && /^(everyone|everybody|all):?$/i.test(body[1].value)) body = body.slice(2);
        if (isWord(body[0], 'that') && body.length > 1) body = body.slice(1);
        return { syscall: 'ipc.broadcast', args: { message: message(body, 'broadcast "message"'), ...opts } };
      },
    },
  ],
  phrases: [
    [/^let\s+(.+?)\s+know\s+(?:that\s+)?(.+)$/i, (m) => {
      if (/^(?:everyone|everybody|all|all agents|all processes|the team)$/i.test(m[1]!)) return syscall('ipc.broadcast', { message: textOf(m[2]!) });
      return syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) });
    }],
    [/^(?:tell|notify|inform|message)\s+(?:everyone|everybody|all\s+(?:the\s+)?(?:agents|processes)|all)(?:\s*:\s*|\s+that\s+|\s+to\s+|\s+)(.+)$/i, (m) => syscall('ipc.broadcast', { message: textOf(m[1]!) })],
    [/^(?:announce|broadcast)(?:\s+to\s+(?:everyone|everybody|all))?(?:\s+that|\s*:)?\s+(.+)$/i, (m) => syscall('ipc.broadcast', { message: textOf(m[1]!) })],
  ],
};
