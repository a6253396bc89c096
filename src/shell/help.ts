// Help text (shell layer): `help` lists every command by group; `help <command>` shows its
// usage (the parser's grammar rule), its other names, what it does (the kernel's syscall
// summary when the table is up) and examples. Called by the runner.
import type { SyscallDef } from '../kernel/syscall.js';
import { ruleFor } from './parse/grammar.js';

/** One command of the language. */
export interface CommandDoc {
  word: string;
  /** The syscall it becomes, or 'builtin'. */
  syscall: string;
  usage: string;
  summary: string;
  examples: string[];
  group: 'files' | 'meaning' | 'processes' | 'messages' | 'memory' | 'system' | 'shell';
}

/** Every command word, in the order help lists them. */
export const COMMANDS: readonly CommandDoc[] = [
  { word: 'pwd', syscall: 'fs.pwd', usage: 'pwd', summary: 'print the working directory', examples: ['pwd'], group: 'files' },
  { word: 'cd', syscall: 'fs.cd', usage: 'cd [PATH | "description"]', summary: 'change directory, by path or by meaning', examples: ['cd /knowledge', 'cd "the directory about machine learning"', 'go to the folder about the kernel'], group: 'files' },
  { word: 'ls', syscall: 'fs.ls', usage: 'ls [-l] [PATH] [similar-to "text"] [-n N]', summary: 'list a directory, optionally ranked by meaning', examples: ['ls', 'ls /knowledge', 'ls similar-to "neural networks"'], group: 'files' },
  { word: 'tree', syscall: 'fs.tree', usage: 'tree [PATH] [-L N]', summary: 'show the directory tree', examples: ['tree /knowledge'], group: 'files' },
  { word: 'cat', syscall: 'fs.cat', usage: 'cat PATH', summary: 'print a file', examples: ['cat /knowledge/facts/f1'], group: 'files' },
  { word: 'write', syscall: 'fs.write', usage: 'echo "text" > PATH  |  echo "text" >> PATH', summary: 'write (or append) text to a file', examples: ['echo "remember the milk" > /context/todo'], group: 'files' },
  { word: 'mkdir', syscall: 'fs.mkdir', usage: 'mkdir [-p] PATH ["description"]', summary: 'make a directory', examples: ['mkdir -p /apps/web "a small web server"'], group: 'files' },
  { word: 'rm', syscall: 'fs.rm', usage: 'rm [-r] PATH', summary: 'remove a file or directory (asks first)', examples: ['rm /context/todo', 'rm -r /apps/old'], group: 'files' },
  { word: 'mv', syscall: 'fs.mv', usage: 'mv FROM TO', summary: 'move or rename', examples: ['mv /context/todo /context/done'], group: 'files' },
  { word: 'cp', syscall: 'fs.cp', usage: 'cp [-r] FROM TO', summary: 'copy', examples: ['cp -r /apps/web /apps/web2'], group: 'files' },
  { word: 'mount', syscall: 'fs.mount', usage: 'mount HOSTDIR [at /PATH]', summary: 'import real files from a host directory', examples: ['mount ./docs at /knowledge/docs'], group: 'files' },
  { word: 'export', syscall: 'fs.export', usage: 'export /PATH HOSTDIR', summary: 'write VectorFS files out to a host directory', examples: ['export /apps/web ./out'], group: 'files' },
  { word: 'grep', syscall: 'fs.grep', usage: 'grep [-i] "regex" [PATH]', summary: 'search file contents for a regular expression', examples: ['grep -i "todo" /context'], group: 'meaning' },
  { word: 'grep meaning', syscall: 'fs.grepMeaning', usage: 'grep meaning "text" [in PATH]', summary: 'search file contents by meaning: path:line  score  text', examples: ['grep meaning "how processes are scheduled"'], group: 'meaning' },
  { word: 'find', syscall: 'fs.find', usage: 'find [PATH] similar-to "text" [-n N]', summary: 'find files and directories by meaning', examples: ['find similar-to "error handling"'], group: 'meaning' },
  { word: 'search', syscall: 'fs.search', usage: 'search "text" [-n N]', summary: 'search everything by meaning (best passage per file)', examples: ['search "neural networks"'], group: 'meaning' },
  { word: 'embed', syscall: 'fs.embed', usage: 'embed "text" [as PATH]', summary: 'store a piece of knowledge as a vector', examples: ['embed "the staging server is called kestrel"'], group: 'meaning' },
  { word: 'spawn', syscall: 'proc.spawn', usage: 'spawn "description" [priority high|N] [budget N]', summary: 'start an agent process', examples: ['spawn "a code-writing agent with Python expertise" priority high budget 5000', 'create a reviewer agent'], group: 'processes' },
  { word: 'ps', syscall: 'proc.ps', usage: 'ps [-a]', summary: 'list processes', examples: ['ps', 'what is running?'], group: 'processes' },
  { word: 'kill', syscall: 'proc.kill', usage: 'kill PROC', summary: 'terminate a process (asks first)', examples: ['kill p3', 'stop the reviewer'], group: 'processes' },
  { word: 'suspend', syscall: 'proc.suspend', usage: 'suspend PROC', summary: 'pause a process', examples: ['suspend p3', 'pause process 3'], group: 'processes' },
  { word: 'resume', syscall: 'proc.resume', usage: 'resume PROC', summary: 'let a paused process run again', examples: ['resume p3'], group: 'processes' },
  { word: 'renice', syscall: 'proc.renice', usage: 'renice PROC PRIORITY', summary: 'change a priority (0 highest .. 19 lowest)', examples: ['renice p3 5'], group: 'processes' },
  { word: 'wait', syscall: 'proc.wait', usage: 'wait PROC [--timeout 30s]', summary: 'wait until a process ends', examples: ['wait p2'], group: 'processes' },
  { word: 'merge', syscall: 'proc.merge', usage: 'merge PROC PROC... [as NAME]', summary: 'merge processes into one generalist', examples: ['merge p1 p2'], group: 'processes' },
  { word: 'split', syscall: 'proc.split', usage: 'split PROC into N', summary: 'split a process into specialists', examples: ['split p3 into 3'], group: 'processes' },
  { word: 'lend', syscall: 'proc.lend', usage: 'lend N% attention from PROC to PROC', summary: "lend part of one process's token budget to another", examples: ['lend 50% attention from p1 to p2'], group: 'processes' },
  { word: 'send', syscall: 'ipc.send', usage: 'send PROC "message" [--priority high] [--ack]', summary: 'send a message', examples: ['send p2 "Analyze this code for bugs"', 'ask the coder to analyze this code for bugs'], group: 'messages' },
  { word: 'broadcast', syscall: 'ipc.broadcast', usage: 'broadcast "message"', summary: 'send a message to every running process (asks first)', examples: ['broadcast "System shutting down"'], group: 'messages' },
  { word: 'multicast', syscall: 'ipc.multicast', usage: 'multicast GROUP "message"', summary: 'send a message to a group', examples: ['multicast reviewers "please look at p3"'], group: 'messages' },
  { word: 'group', syscall: 'ipc.group', usage: 'group NAME PROC...', summary: 'define a multicast group', examples: ['group reviewers p2 p4'], group: 'messages' },
  { word: 'ask', syscall: 'ipc.ask', usage: 'ask PROC "question" [--timeout 60s] [--ack]', summary: "ask an agent and wait for its answer", examples: ['ask p2 "what does the scheduler do?"', 'ask coder-1 "any bugs left?" --timeout 2m'], group: 'messages' },
  { word: 'msgs', syscall: 'ipc.receive', usage: 'msgs [PROC] [-n N] [--wait [--timeout 30s]]', summary: 'take messages from an inbox (--wait: wait for one)', examples: ['msgs', 'msgs p2', 'msgs --wait --timeout 1m'], group: 'messages' },
  { word: 'malloc', syscall: 'mem.malloc', usage: 'malloc "description" [size N]', summary: 'allocate a named semantic memory region', examples: ['malloc "storing user preferences"'], group: 'memory' },
  { word: 'free', syscall: 'mem.free', usage: 'free REGION', summary: 'release a memory region (asks first)', examples: ['free m1'], group: 'memory' },
  { word: 'share', syscall: 'mem.share', usage: 'share REGION with PROC', summary: 'share a region with a process', examples: ['share m1 with p2'], group: 'memory' },
  { word: 'mem', syscall: 'mem.stat', usage: 'mem', summary: 'memory tiers: occupancy, hits, misses, swaps', examples: ['mem'], group: 'memory' },
  { word: 'build', syscall: 'agent.build', usage: 'build "goal"', summary: 'architect, coder and reviewer agents build it into VectorFS (needs Ollama)', examples: ['build "a web server with authentication and logging"'], group: 'system' },
  { word: 'audit', syscall: 'sys.audit', usage: 'audit [-n N] [by WHO] | audit verify', summary: 'show the audit log, or verify its hash chain', examples: ['audit -n 20', 'audit verify'], group: 'system' },
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

/** Help text: the overview, or one command's page; an unknown topic gets the overview with a note. */
export function renderHelp(defs: readonly SyscallDef[] | null, topic?: string): string {
  const summaryOf = (c: CommandDoc): string => defs?.find((d) => d.name === c.syscall)?.summary ?? c.summary;
  if (topic && topic.trim()) {
    const c = findCommand(topic);
    if (c) {
      const rule = c.word.includes(' ') ? undefined : ruleFor(c.word);
      const aliases = rule ? rule.words.filter((w) => w !== c.word) : [];
      return [
        ...(rule ? rule.usage.split(' | ') : [c.usage]),
        `  ${summaryOf(c)}`,
        ...(c.syscall !== 'builtin' ? [`  syscall: ${c.syscall}`] : []),
        ...(aliases.length ? [`  also: ${aliases.join(', ')}`] : []),
        '',
        'examples:',
        ...c.examples.map((e) => `  ${e}`),
      ].join('\n');
    }
  }
  const width = Math.max(...COMMANDS.map((c) => c.usage.length > 44 ? 0 : c.usage.length));
  const out: string[] = [];
  if (topic && topic.trim()) out.push(`no command called '${topic.trim()}'; here is everything:`, '');
  out.push('Type commands in plain English or in the terse forms below.', '');
  for (const g of Object.keys(GROUP_TITLES) as CommandDoc['group'][]) {
    out.push(`${GROUP_TITLES[g]}:`);
    for (const c of COMMANDS.filter((x) => x.group === g)) {
      const usage = c.usage.length > width ? `${c.usage}\n  ${' '.repeat(width)}` : c.usage.padEnd(width);
      out.push(`  ${usage}  ${c.summary}`);
    }
    out.push('');
  }
  out.push("'help COMMAND' shows examples. Destructive commands (kill, rm, mv, merge, broadcast, free) ask first.");
  return out.join('\n');
}
