// Per-syscall slot extractors for layer 2 (shell layer; caller: intents matcher in parser.ts):
// given an English sentence already classified as syscall S, return S's arguments in the
// exact argument shapes of the syscall descriptors (src/kernel/syscalls/*.ts), or throw Miss naming the slot that is missing.
import { Miss } from './grammar-kit.js';
import {
  budgetIn, correctFirst, countIn, memIdsIn, need, pathsIn, percentIn, pidsIn, priorityIn, stripLead, without, type Utterance,
} from './slots.js';

type Args = Record<string, unknown>;
type Extractor = (u: Utterance) => Args;

const opt = <T>(k: string, v: T | undefined): Args => (v === undefined ? {} : { [k]: v });

/** The phrase naming one process: a pid, a quoted description, or the words after the verb. */
function procRef(u: Utterance, verbs: RegExp): string {
  const pids = pidsIn(u.text);
  if (pids.length > 1) throw new Miss('names one process at a time');
  if (pids.length === 0 && pathsIn(u.text).length > 0) throw new Miss('that names a file, not a process');
  const pid = pids[0];
  if (pid) return pid;
  if (u.quoted[0]) return u.quoted[0];
  if (/^\S+(?:\s+\S+)?\s+(?:all|every|everything|everyone|everybody|each)\b/i.test(u.text)) throw new Miss('names one process at a time');
  const rest = without(u.text.replace(verbs, ''), /\b(?:process|agent|task|job)$/i, /^(?:process|agent)\s+(?=(?:called|named)\b)/i, /^(?:called|named)\s+/i);
  return need(rest, 'which process (say p3, a name, or "a description")');
}

const KILL = /^(?:kill|stop|terminate|end|shut\s+down|shutdown|abort|cancel|destroy|get\s+rid\s+of|take\s+down|nuke|murder|finish\s+off|close|quit)(?:\s+off)?(?:\s+|$)/i;
const SUSPEND = /^(?:suspend|pause|freeze|hold|halt|put\s+(.+?)\s+to\s+sleep|sleep|stop)(?:\s+process)?(?:\s+|$)/i;
const RESUME = /^(?:resume|continue|unpause|unfreeze|wake\s+up|wake|restart|un-?suspend|start\s+again|keep\s+going\s+with|carry\s+on\s+with|let)(?:\s+process)?(?:\s+|$)/i;

function target(u: Utterance, verbs: RegExp): string {
  const r = procRef(u, verbs);
  return r.replace(/\s+(?:again|up|back\s+up|back|run|running|go|continue|to\s+sleep|for\s+(?:a\s+)?(?:while|moment|bit|now))$/i, '').trim() || r;
}

const SEND_SPLIT = /^(?:ask|tell|send|message|ping|notify|inform|instruct|get|have|let|write\s+to|msg|dm)\s+(.+?)(?:\s*:\s*|\s+(?:to|that|saying|know\s+that|know|with\s+the\s+message|the\s+message|a\s+message\s+saying|a\s+message|with)\s+|,\s*)(.+)$/i;

const SPAWN_VERBS = ['create', 'spawn', 'start', 'launch', 'make'];

export const EXTRACTORS: Partial<Record<string, Extractor>> = {
  'proc.spawn': (u) => {
    const priority = priorityIn(u.text, false);
    const budget = budgetIn(u.text);
    let desc = u.quoted[0] ?? stripLead('proc.spawn', correctFirst(u.text, SPAWN_VERBS));
    if (!u.quoted[0]) {
      desc = without(desc,
        /,?\s*(?:with|at|and)?\s*(?:a\s+)?(?:realtime|real-time|critical|urgent|highest|high|important|normal|medium|regular|low|lowest|idle|background)\s+priority\b/i,
        /,?\s*(?:with|at|and)?\s*(?:a\s+)?priority\s+(?:of\s+)?(?:\d{1,2}|realtime|high|normal|low|idle)\b/i,
        /,?\s*(?:with|and)?\s*(?:a\s+)?(?:token\s+)?budget\s+(?:of\s+)?\d[\d,.]*[kKmM]?(?:\s+tokens?)?/i,
        /,?\s*(?:with|and)?\s*\d[\d,.]*[kKmM]?\s+tokens?(?:\s+(?:of\s+)?budget)?/i);
    }
    return { description: need(desc, 'a description of the agent'), ...opt('priority', priority), ...opt('budget', budget) };
  },
  'proc.kill': (u) => ({ pid: target(u, KILL) }),
  'proc.suspend': (u) => ({ pid: target(u, SUSPEND) }),
  'proc.resume': (u) => ({ pid: target(u, RESUME) }),
  'proc.renice': (u) => {
    if (pidsIn(u.text).length > 1) throw new Miss('names one process at a time');
    const pid = pidsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:of|for)\s+(?:the\s+)?(.+?)(?:\s+to\s+\S+)?$/i.exec(u.text)?.[1];
    const priority = priorityIn(u.text.replace(/\b(?:p|process\s*|pid\s*)\d+\b/gi, ''));
    if (priority === undefined) throw new Miss('could not find the new priority (0-19, or realtime/high/normal/low/idle)');
    return { pid: need(pid, 'which process'), priority };
  },
  'proc.ps': (u) => (/\b(?:all|every|everything|including|dead|terminated|finished|exited|ever)\b/i.test(u.text) ? { all: true } : {}),
  'proc.wait': (u) => ({ pid: target(u, /^(?:wait\s+(?:for|on|until)?|block\s+until|hold\s+on\s+until|let\s+me\s+know\s+when)\s+/i).replace(/\s+(?:is\s+done|finishes|exits|terminates|ends|completes|to\s+finish|to\s+complete|to\s+exit|to\s+end)$/i, '') }),
  'proc.merge': (u) => {
    const pids = pidsIn(u.text);
    const list = pids.length >= 2 ? pids : u.quoted;
    if (list.length < 2) throw new Miss('merge needs two processes (say p1 and p2)');
    const name = /\b(?:called|named|as)\s+["']?([\w-]+)/i.exec(u.text)?.[1];
    return { pids: list, ...opt('name', name) };
  },
  'proc.split': (u) => {
    if (pidsIn(u.text).length > 1) throw new Miss('splits one process at a time');
    const pid = pidsIn(u.text)[0] ?? u.quoted[0];
    const into = countIn(u.text.replace(/\b(?:p|process\s*|pid\s*)\d+\b/gi, '')) ?? 3;
    return { pid: need(pid, 'which process to split'), into };
  },
  'proc.lend': (u) => {
    const percent = percentIn(u.text);
    if (percent === undefined) throw new Miss('could not find the percentage to lend');
    const pids = pidsIn(u.text);
    if (pids.length < 2) throw new Miss('lend needs two processes (from p1 to p2)');
    const fromAt = /\bfrom\s+(?:process\s*|p|pid\s*)(\d+)/i.exec(u.text);
    const toAt = /\bto\s+(?:process\s*|p|pid\s*)(\d+)/i.exec(u.text);
    let from = fromAt ? `p${Number(fromAt[1])}` : undefined;
    let to = toAt ? `p${Number(toAt[1])}` : undefined;
    if (/\bborrow/i.test(u.text) && !from) { to = pids[0]; from = pids[1]; }
    from ??= pids.find((p) => p !== to);
    to ??= pids.find((p) => p !== from);
    return { from: need(from, 'the lender'), to: need(to, 'the borrower'), percent };
  },
  'ipc.send': (u) => {
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
  },
  'ipc.broadcast': (u) => {
    if (u.quoted[0] !== undefined) return { message: u.quoted[0] };
    const msg = u.text.replace(/^(?:(?:tell|notify|inform|warn|alert|message|ping|broadcast(?:\s+to)?|announce(?:\s+to)?|let|send|shout(?:\s+to)?)\s+)?(?:(?:to\s+)?(?:everyone|everybody|all(?:\s+(?:the\s+)?(?:agents|processes|procs))?|the\s+(?:whole\s+)?(?:system|team)|every\s+(?:agent|process))\s*)?(?:(?:know\s+)?that\s+|:\s*|,\s*)?/i, '');
    const rest = msg.replace(/^(?:a\s+message\s+(?:saying\s+|that\s+)?|(?:a\s+)?message\s+to\s+(?:everyone|all)\s*(?:saying|that|:)?\s*)/i, '');
    return { message: need(rest, 'the message to broadcast') };
  },
  'ipc.multicast': (u) => {
    const g = /\b(?:the\s+)?([\w-]+)\s+group\b|\bgroup\s+["']?([\w-]+)/i.exec(u.text);
    const msg = u.quoted[0] ?? /(?::|\bthat|\bsaying)\s+(.+)$/i.exec(u.text)?.[1];
    return { group: need(g?.[1] ?? g?.[2], 'the group'), message: need(msg, 'the message') };
  },
  'ipc.group': (u) => {
    const name = /\b(?:called|named)\s+["']?([\w-]+)/i.exec(u.text)?.[1] ?? u.quoted[0];
    const members = pidsIn(u.text);
    if (members.length === 0) throw new Miss('a group needs members (say p1 and p2)');
    return { name: need(name, 'the group name (say "called reviewers")'), members };
  },
  'ipc.receive': (u) => {
    const m = /\b(?:for|of)\s+(p\d+|process\s*\d+)/i.exec(u.text) ?? /\b(p\d+)'s\b/i.exec(u.text);
    const pid = m ? pidsIn(m[1]!)[0] : undefined;
    return { ...opt('pid', pid) };
  },
  'mem.malloc': (u) => {
    const size = /\b(\d[\d,]*)\s*(?:bytes|b|tokens|kb|k)\b/i.exec(u.text);
    const desc = u.quoted[0] ?? stripLead('mem.malloc', u.text.replace(/\s*\b(?:of\s+)?\d[\d,]*\s*(?:bytes|b|tokens|kb|k)\b/i, ''));
    return { description: need(desc, 'what the memory is for'), ...(size ? { size: Number(size[1]!.replace(/,/g, '')) } : {}) };
  },
  'mem.free': (u) => ({ id: need(memIdsIn(u.text)[0] ?? u.quoted[0], 'which memory region (say m1)') }),
  'mem.share': (u) => {
    const id = memIdsIn(u.text)[0];
    const pids = pidsIn(u.text.replace(/\bm\d+\b/gi, ''));
    if (pids.length > 1 || memIdsIn(u.text).length > 1) throw new Miss('shares one region with one process at a time');
    const who = pids[0] ?? /\b(?:with|to)\s+(.+)$/i.exec(u.text)?.[1];
    return { id: need(id, 'which memory region (say m1)'), with: need(who, 'the process to share it with') };
  },
  'mem.stat': () => ({}),
  'fs.pwd': () => ({}),
  'fs.cd': (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0];
    if (p) return { path: p };
    const lead = /^(?:(?:go|move|switch|change|navigate|take\s+me|bring\s+me|jump|head|cd|enter|step)\s+(?:over\s+|back\s+|me\s+|directory\s+|dir\s+)?(?:to|into|in|over\s+to)?\s*)/i.exec(u.text);
    // without a verb of motion the sentence is not a place ("what's in this folder?")
    if (!lead || lead[0].trim() === '') throw new Miss('could not find where to go (say: cd PATH or cd "a description")');
    const rest = u.text.slice(lead[0].length).trim();
    if (/^(?:home|the\s+root|root)(?:\s+directory)?$/i.test(rest)) return {};
    if (/^(?:back|up|the\s+parent(?:\s+directory)?|parent|up\s+one\s+level|one\s+level\s+up)$/i.test(rest)) return { path: '..' };
    return rest ? { path: rest } : {};
  },
  'fs.ls': (u) => {
    const like = /\b(?:similar\s+to|related\s+to|relating\s+to|like|about|resembling|matching|on\s+the\s+topic\s+of|that\s+(?:talk|are)\s+about|concerning)\s+(.+)$/i.exec(u.text);
    const path = pathsIn(like ? u.text.slice(0, like.index) : u.text)[0];
    const similarTo = u.quoted[0] ?? like?.[1];
    return { ...opt('path', path), ...opt('similarTo', similarTo?.replace(/^(?:the\s+)?/, '').trim() || undefined) };
  },
  'fs.tree': (u) => ({ ...opt('path', pathsIn(u.text)[0]), ...opt('depth', countIn(u.text, /\b(?:depth|levels?|deep)\s*(?:of\s+)?(\S+)/i) ?? countIn(u.text, /(\S+)\s+levels?\b/i)) }),
  'fs.cat': (u) => ({ path: need(pathsIn(u.text)[0] ?? u.quoted[0] ?? (u.text.replace(/^(?:(?:show|read|print|display|open|cat|view|dump|output)\s+(?:me\s+)?(?:what(?:'s|\s+is)\s+in\s+)?(?:the\s+)?(?:contents?\s+of\s+)?(?:the\s+)?(?:file\s+)?)/i, '').trim() || undefined), 'which file') }),
  'fs.write': (u) => {
    const path = pathsIn(u.text.replace(/["“'‘][^"”'’]*["”'’]/g, ' '))[0];
    const content = u.quoted[0] ?? /(?::\s*|\bsaying\s+|\bthe\s+(?:text|line|words)\s+)(.+?)(?:\s+(?:to|into|in)\s+\S+)?$/i.exec(u.text)?.[1];
    return { path: need(path, 'which file'), content: need(content, 'the text to write (quote it)'), ...(/\b(?:append|add)\b/i.test(u.text) ? { append: true } : {}) };
  },
  'fs.mkdir': (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:called|named)\s+["']?([\w./-]+)/i.exec(u.text)?.[1];
    const desc = /\b(?:for|about)\s+(.+)$/i.exec(u.text)?.[1];
    return { path: need(p, 'the new directory\'s name (say "called projects")'), ...(/\b(?:parents|-p|nested|and\s+its\s+parents)\b/i.test(u.text) ? { parents: true } : {}), ...opt('description', p && desc && !desc.includes(p) ? desc : undefined) };
  },
  'fs.rm': (u) => {
    const p = pathsIn(u.text)[0] ?? u.quoted[0] ?? /\b(?:called|named)\s+["']?([\w./-]+)/i.exec(u.text)?.[1];
    return { path: need(p, 'which file or directory'), ...(/\b(?:recursive(?:ly)?|directory|folder|dir|everything\s+in|and\s+everything|tree|all\s+of)\b/i.test(u.text) ? { recursive: true } : {}) };
  },
  'fs.mv': (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('move needs a source and a destination');
    return { from: ps[0], to: ps[1] };
  },
  'fs.cp': (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('copy needs a source and a destination');
    return { from: ps[0], to: ps[1], ...(/\b(?:recursive(?:ly)?|directory|folder|everything)\b/i.test(u.text) ? { recursive: true } : {}) };
  },
  'fs.grep': (u) => {
    const textNoQuotes = u.text.replace(/["“'‘][^"”'’]*["”'’]/g, ' ');
    return { pattern: need(u.quoted[0], 'the pattern (quote it)'), ...opt('path', pathsIn(textNoQuotes)[0]), ...(/\bignor\w*\s+case|case[-\s]insensitive/i.test(u.text) ? { ignoreCase: true } : {}) };
  },
  'fs.grepMeaning': (u) => {
    const inPath = /\s+(?:in|under|within|inside)\s+((?:\.{0,2}|~)\/\S*)/i.exec(u.text);
    const body = inPath ? u.text.slice(0, inPath.index) + u.text.slice(inPath.index + inPath[0].length) : u.text;
    const q = u.quoted[0] ?? /\b(?:about|mention(?:s|ing)?|discuss(?:es|ing)?|related\s+to|talk(?:s|ing)?\s+about|on|regarding|concerning|meaning|for)\s+(.+)$/i.exec(body)?.[1];
    return { query: need(q, 'what to search for'), ...opt('path', inPath?.[1]) };
  },
  'fs.find': (u) => {
    const like = /\b(?:similar\s+to|related\s+to|like|about|on|matching|concerning|regarding)\s+(.+?)(?:\s+(?:in|under)\s+((?:\.{0,2}|~)\/\S*))?$/i.exec(u.text);
    const q = u.quoted[0] ?? like?.[1];
    const kind = /\b(?:director(?:y|ies)|folders?|dirs?)\b/i.test(u.text) ? 'dir' : /\bfiles?\b/i.test(u.text) ? 'file' : undefined;
    return { query: need(q, 'what to look for'), ...opt('path', like?.[2]), ...opt('kind', kind) };
  },
  'fs.embed': (u) => {
    const colon = /:\s*(.+)$/.exec(u.text)?.[1];
    const as = /\bas\s+((?:\.{0,2}|~)?\/\S+)/i.exec(u.text)?.[1];
    return { text: need(u.quoted[0] ?? colon ?? stripLead('fs.embed', u.text), 'the text to store'), ...opt('as', as) };
  },
  'fs.search': (u) => {
    const limit = countIn(u.text, /\b(?:top|first)\s+(\S+)/i);
    return { query: need(u.quoted[0] ?? stripLead('fs.search', u.text), 'what to search for'), ...opt('limit', limit) };
  },
  'fs.mount': (u) => {
    const ps = pathsIn(u.text);
    const at = /\b(?:at|on|into|to|under|as)\s+(\/\S*)/i.exec(u.text)?.[1];
    const host = ps.find((p) => p !== at) ?? u.quoted[0];
    return { host: need(host, 'which host directory (say ./docs)'), ...opt('at', at) };
  },
  'fs.export': (u) => {
    const ps = [...pathsIn(u.text), ...u.quoted];
    if (ps.length < 2) throw new Miss('export needs a VectorFS path and a host directory');
    return { path: ps[0], host: ps[1] };
  },
  'agent.build': (u) => ({ goal: need(u.quoted[0] ?? stripLead('agent.build', u.text), 'what to build') }),
  'sys.audit': (u) => ({ ...opt('limit', countIn(u.text, /\b(?:last|latest|recent|first|top)\s+(\S+)/i)) }),
  'sys.auditVerify': () => ({}),
};
