// sys.grant: how the parser reads syscall sys.grant (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { grantRule } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import type { CommandSpec } from './kit.js';
import { isObj, str } from '../../format-kit.js';

export const command: CommandSpec = {
  name: 'sys.grant',
  format: (r, p) => `${r.changed ? '' : p.dim('(unchanged) ')}granted ${str(r.permission)} to ${isObj(r.process) ? str(r.process.pid) : '?'}`,
  rules: [
    grantRule('grant'),
  ],
  phrases: [],
};
