// Help text (shell layer): `help` lists every command by group; `help <command>` shows its
// usage, what it does and examples — for a syscall all three come from its kernel descriptor
// (the live table, or the kernel's own list before boot), so help cannot drift from the
// kernel — plus its other names (the grammar's words). `help for p3` lists only what that
// process may do, and its grants. Called by the runner.
import { ASK_DOC, BUILD_DOC } from '../agents/syscall-docs.js';
import type { SyscallDef } from '../kernel/syscall.js';
import { KERNEL_SYSCALLS } from '../kernel/syscall-list.js';
import { ruleFor } from './parse/grammar.js';

/** One command of the language. */
export interface CommandDoc {
  word: string;
  /** The syscall it becomes, or 'builtin'. */
  syscall: string;
  /** A builtin's own text; a syscall's comes from its descriptor (an upper layer's syscall carries its descriptor's text here, for help before it is registered). */
  usage?: string;
  summary?: string;
  examples?: string[];
  group: 'files' | 'meaning' | 'processes' | 'messages' | 'memory' | 'system' | 'shell';
}

/** Every command word, in the order help lists them. */
export const COMMANDS: readonly CommandDoc[] = [
  { word: 'pwd', syscall: 'fs.pwd', group: 'files' },
  { word: 'cd', syscall: 'fs.cd', group: 'files' },
  { word: 'ls', syscall: 'fs.ls', group: 'files' },
  { word: 'tree', syscall: 'fs.tree', group: 'files' },
  { word: 'cat', syscall: 'fs.cat', group: 'files' },
  { word: 'write', syscall: 'fs.write', group: 'files' },
  { word: 'mkdir', syscall: 'fs.mkdir', group: 'files' },
  { word: 'rm', syscall: 'fs.rm', group: 'files' },
  { word: 'mv', syscall: 'fs.mv', group: 'files' },
  { word: 'cp', syscall: 'fs.cp', group: 'files' },
  { word: 'mount', syscall: 'fs.mount', group: 'files' },
  { word: 'export', syscall: 'fs.export', group: 'files' },
  { word: 'grep', syscall: 'fs.grep', group: 'meaning' },
  { word: 'grep meaning', syscall: 'fs.grepMeaning', group: 'meaning' },
  { word: 'find', syscall: 'fs.find', group: 'meaning' },
  { word: 'search', syscall: 'fs.search', group: 'meaning' },
  { word: 'embed', syscall: 'fs.embed', group: 'meaning' },
  { word: 'spawn', syscall: 'proc.spawn', group: 'processes' },
  { word: 'ps', syscall: 'proc.ps', group: 'processes' },
  { word: 'kill', syscall: 'proc.kill', group: 'processes' },
  { word: 'suspend', syscall: 'proc.suspend', group: 'processes' },
  { word: 'resume', syscall: 'proc.resume', group: 'processes' },
  { word: 'renice', syscall: 'proc.renice', group: 'processes' },
  { word: 'wait', syscall: 'proc.wait', group: 'processes' },
  { word: 'merge', syscall: 'proc.merge', group: 'processes' },
  { word: 'split', syscall: 'proc.split', group: 'processes' },
  { word: 'lend', syscall: 'proc.lend', group: 'processes' },
  { word: 'send', syscall: 'ipc.send', group: 'messages' },
  { word: 'broadcast', syscall: 'ipc.broadcast', group: 'messages' },
  { word: 'multicast', syscall: 'ipc.multicast', group: 'messages' },
  { word: 'group', syscall: 'ipc.group', group: 'messages' },
  { word: 'ask', syscall: 'ipc.ask', ...ASK_DOC, group: 'messages' },
  { word: 'msgs', syscall: 'ipc.receive', group: 'messages' },
  { word: 'malloc', syscall: 'mem.malloc', group: 'memory' },
  { word: 'free', syscall: 'mem.free', group: 'memory' },
  { word: 'share', syscall: 'mem.share', group: 'memory' },
  { word: 'mem', syscall: 'mem.stat', group: 'memory' },
  { word: 'mem read', syscall: 'mem.read', group: 'memory' },
  { word: 'mem write', syscall: 'mem.write', group: 'memory' },
  { word: 'build', syscall: 'agent.build', ...BUILD_DOC, group: 'system' },
  { word: 'audit', syscall: 'sys.audit', group: 'system' },
  { word: 'audit verify', syscall: 'sys.auditVerify', group: 'system' },
  { word: 'grant', syscall: 'sys.grant', group: 'system' },
  { word: 'revoke', syscall: 'sys.revoke', group: 'system' },
  { word: 'top', syscall: 'builtin', usage: 'top', summary: 'live view of processes, messages, memory and metrics', examples: ['top'], group: 'shell' },
  { word: 'help', syscall: 'builtin', usage: 'help [COMMAND]', summary: 'this help, or one command in detail', examples: ['help', 'help grep'], group: 'shell' },
  { word: 'history', syscall: 'builtin', usage: 'history [-n N]', summary: 'the lines you typed before', examples: ['history'], group: 'shell' },
  { word: 'config', syscall: 'builtin', usage: 'config [get|set|unset|list] [KEY [VALUE]]', summary: 'settings (embedder, model, ollama host, ...)', examples: ['config list'], group: 'shell' },
  { word: 'clear', syscall: 'builtin', usage: 'clear', summary: 'clear the screen', examples: ['clear'], group: 'shell' },
  { word: 'exit', syscall: 'builtin', usage: 'exit [CODE]', summary: 'leave the shell', examples: ['exit'], group: 'shell' },
];

const GROUP_TITLES: Record<CommandDoc['group'], string> = {
  files: 'Files (VectorFS)', meaning: 'Search by meaning', processes: 'Processes (agents)', messages: 'Messages',
  memory: 'Memory', system: 'System', shell: 'Shell',
};

/** The doc for a command word or syscall name ("grep meaning", "fs.grepMeaning"), or undefined. */
export function findCommand(topic: string): CommandDoc | undefined {
  const t = topic.trim().toLowerCase();
  return COMMANDS.find((c) => c.word === t || c.syscall.toLowerCase() === t)
    ?? COMMANDS.find((c) => c.word === t.split(/\s+/)[0]);
}

/** Whose help it is when not the user's: `help for p3`. */
export interface HelpFor {
  who: string;
  /** May these credentials call the syscall at all (the kernel's coarse check)? */
  may: (syscall: string) => boolean;
  grants: readonly string[];
}

interface Doc { usage: string; summary: string; examples: readonly string[] }

/** A command's usage, summary and examples: its descriptor's (live table first), else its own. */
export function docOf(c: CommandDoc, defs: readonly SyscallDef[] | null): Doc {
  const d = defs?.find((x) => x.name === c.syscall) ?? KERNEL_SYSCALLS.find((x) => x.name === c.syscall);
  return d ? { usage: d.usage, summary: d.summary, examples: d.examples } : { usage: c.usage ?? c.word, summary: c.summary ?? '', examples: c.examples ?? [] };
}

/** Help text: the overview, or one command's page; an unknown topic gets the overview with a note. */
export function renderHelp(defs: readonly SyscallDef[] | null, topic?: string, forWhom?: HelpFor): string {
  if (topic && topic.trim()) {
    const c = findCommand(topic);
    if (c) {
      const doc = docOf(c, defs);
      const rule = c.word.includes(' ') ? undefined : ruleFor(c.word);
      const aliases = rule ? rule.words.filter((w) => w !== c.word) : [];
      return [
        ...doc.usage.split(' | '),
        `  ${doc.summary}`,
        ...(c.syscall !== 'builtin' ? [`  syscall: ${c.syscall}`] : []),
        ...(aliases.length ? [`  also: ${aliases.join(', ')}`] : []),
        '',
        'examples:',
        ...doc.examples.map((e) => `  ${e}`),
      ].join('\n');
    }
  }
  const shown = COMMANDS.filter((c) => !forWhom || (c.syscall !== 'builtin' && forWhom.may(c.syscall)));
  const docs = new Map(shown.map((c) => [c, docOf(c, defs)]));
  const width = Math.max(...[...docs.values()].map((d) => d.usage.length > 44 ? 0 : d.usage.length));
  const out: string[] = [];
  if (topic && topic.trim()) out.push(`no command called '${topic.trim()}'; here is everything:`, '');
  if (forWhom) out.push(`${forWhom.who} may use these commands (as its tools), within its grants:`, `  ${forWhom.grants.join('  ')}`, '');
  else out.push('Type commands in plain English or in the terse forms below.', '');
  for (const g of Object.keys(GROUP_TITLES) as CommandDoc['group'][]) {
    const inGroup = shown.filter((x) => x.group === g);
    if (!inGroup.length) continue;
    out.push(`${GROUP_TITLES[g]}:`);
    for (const c of inGroup) {
      const d = docs.get(c)!;
      const usage = d.usage.length > width ? `${d.usage}\n  ${' '.repeat(width)}` : d.usage.padEnd(width);
      out.push(`  ${usage}  ${d.summary}`);
    }
    out.push('');
  }
  const destructive = shown.filter((c) => (defs ?? KERNEL_SYSCALLS).some((d) => d.name === c.syscall && d.destructive)).map((c) => c.word);
  out.push(`'help COMMAND' shows examples. Destructive commands (${destructive.join(', ')}) ask first.`);
  return out.join('\n');
}
