// builtin:help: how the parser reads the shell built-in help (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help for it is
// written in ../../help.ts; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isTopic } from '../rules-misc.js';
import { isWord } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, syscall } from './kit.js';
import type { CommandSpec } from './kit.js';
import { block } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'builtin:help',
  format: (r) => block(r.text),
  intent: { heads: ['help'], cues: ['help', 'how', 'command', 'usage'], examples: [
    'help', 'how do i use this', 'what commands are there', 'what can you do', 'show me the help', 'i am lost'] },
  rules: [
    {
      words: ['help', '?', 'man'], usage: 'help [COMMAND] | help for PROC', builtin: 'help',
      rule: (rest) => {
        // help for p3: what that process may do
        if (rest.length === 2 && isWord(rest[0], ['for', 'as'])) return { builtin: 'help', args: { for: rest[1]!.value } };
        // help TOPIC: a command word or a syscall name; "help me ..." is English for layer 2
        if (rest.length > 1 || (rest.length === 1 && !isTopic(rest[0]!.value))) throw new Miss('help takes a command name', 'help [COMMAND]');
        return { builtin: 'help', args: rest.length ? { topic: rest[0]!.value } : {} };
      },
    },
  ],
  phrases: [],
};
