// builtin:config: how the parser reads the shell built-in config (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help for it is
// written in ../../help.ts; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { CONFIG_USAGE } from '../rules-misc.js';
import { noMore } from '../grammar-kit.js';
import { one } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss } from './kit.js';
import type { CommandSpec } from './kit.js';

export const command: CommandSpec = {
  name: 'builtin:config',
  rules: [
    {
      words: ['config'], usage: CONFIG_USAGE, builtin: 'config',
      rule: (rest) => {
        const [a, k, v, ...more] = rest;
        const action = (a?.value ?? 'list').toLowerCase();
        noMore(more, CONFIG_USAGE);
        switch (action) {
          case 'list': case 'path':
            noMore(rest.slice(1), CONFIG_USAGE);
            return { builtin: 'config', args: { action } };
          case 'get': case 'unset':
            if (!k || v) throw new Miss(`config ${action} takes one key`, CONFIG_USAGE);
            return { builtin: 'config', args: { action, key: k.value } };
          case 'set':
            if (!k || !v) throw new Miss('config set takes a key and a value', CONFIG_USAGE);
            return { builtin: 'config', args: { action, key: k.value, value: v.value } };
          default:
            throw new Miss(`unknown config action "${action}"`, CONFIG_USAGE);
        }
      },
    },
  ],
  phrases: [],
};
