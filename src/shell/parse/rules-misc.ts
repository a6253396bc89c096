// Layer-1 rules for the rest (shell layer; caller: grammar.ts): build, audit, and the shell
// built-ins help, exit, top, history, clear, config.
import { Miss, flagCount, isWord, joined, noMore, takeFlags } from './grammar-kit.js';
import type { CommandRule } from './grammar-kit.js';

/** True for words `help` has a page for: command words, syscall names ("proc.spawn") and areas ("proc"). */
function isTopic(w: string): boolean {
  return /^(proc|ipc|mem|fs|agent|sys|language|quoting|priority|priorities)(\.\w+)?$/i.test(w) || /^[a-z][\w-]*$/i.test(w) && !/^(me|please|us|with|out)$/i.test(w);
}

const AUDIT_USAGE = 'audit [-n N] [by PRINCIPAL] | audit verify';
const CONFIG_USAGE = 'config list | config get KEY | config set KEY VALUE | config unset KEY | config path';

export const miscRules: CommandRule[] = [
  {
    words: ['build'], usage: 'build "a web server with authentication and logging"', syscall: 'agent.build',
    rule: (rest) => {
      const r = isWord(rest[0], ['me']) ? rest.slice(1) : rest;
      if (r.length === 0) throw new Miss('build needs a goal', 'build "goal"');
      return { syscall: 'agent.build', args: { goal: joined(r) } };
    },
  },
  {
    words: ['audit'], usage: AUDIT_USAGE, syscall: 'sys.audit',
    rule: (rest) => {
      if (isWord(rest[0], ['verify', 'check', '--verify'])) {
        noMore(rest.slice(1), AUDIT_USAGE);
        return { syscall: 'sys.auditVerify', args: {} };
      }
      const { flags, rest: r } = takeFlags(rest, { '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true }, '--by': { key: 'by', value: true } }, AUDIT_USAGE);
      const limit = flagCount(flags.limit, '-n', AUDIT_USAGE);
      let principal = typeof flags.by === 'string' ? flags.by : undefined;
      if (isWord(r[0], ['by', 'of', 'for']) && r.length === 2) principal = r[1]!.value;
      else noMore(r, AUDIT_USAGE);
      return { syscall: 'sys.audit', args: { ...(limit !== undefined ? { limit } : {}), ...(principal !== undefined ? { principal } : {}) } };
    },
  },
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
  {
    words: ['exit', 'quit', 'logout', 'bye', ':q'], usage: 'exit', builtin: 'exit',
    rule: (rest) => { noMore(rest, 'exit'); return { builtin: 'exit', args: {} }; },
  },
  { words: ['top', 'htop'], usage: 'top', builtin: 'top', rule: (rest) => { noMore(rest, 'top'); return { builtin: 'top', args: {} }; } },
  {
    words: ['history'], usage: 'history [-n N]', builtin: 'history',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, { '-n': { key: 'limit', value: true } }, 'history [-n N]');
      let limit = flagCount(flags.limit, '-n', 'history [-n N]');
      if (r.length === 1 && /^\d+$/.test(r[0]!.value)) limit = Number(r[0]!.value);
      else noMore(r, 'history [-n N]');
      return { builtin: 'history', args: limit !== undefined ? { limit } : {} };
    },
  },
  { words: ['clear', 'cls'], usage: 'clear', builtin: 'clear', rule: (rest) => { noMore(rest, 'clear'); return { builtin: 'clear', args: {} }; } },
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
];
