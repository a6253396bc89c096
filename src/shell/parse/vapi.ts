// The seed's "VAPI" call forms (shell layer; caller: grammar.ts): `llm.spawn("...")`,
// `llm.kill(p3)`, `llm.share(m1, p2)`, `llm.lendAttention(p1, p2, percentage=50)`, ...
// parsed literally into the same syscalls as the canonical commands. String arguments that
// are instructions rather than content ("Create a code-writing agent ...", "Find similar
// concepts to 'neural networks'") are reduced to their subject by the slot extractors.
import { syntaxError } from './lexer.js';
import { Miss, countOf, memIdOf, percentOf, pidOf, type RuleResult } from './grammar-kit.js';
import { stripLead, utterance } from './slots.js';

const CALL = /^\s*(?:llm|os|kernel|vapi)\.([A-Za-z]\w*)\s*\(([\s\S]*)\)\s*;?\s*$/;

interface Arg { key?: string; value: string; quoted: boolean }

/** Returns the arguments of a call's parentheses; fails with shell.syntax on an unbalanced quote. */
function callArgs(src: string, offset: number): Arg[] {
  const out: Arg[] = [];
  let i = 0;
  while (i < src.length) {
    while (src[i] === ' ' || src[i] === '\t' || src[i] === ',') i++;
    if (i >= src.length) break;
    let key: string | undefined;
    const km = /^([A-Za-z_]\w*)\s*[=:]\s*/.exec(src.slice(i));
    if (km && !/^[A-Za-z_]\w*\s*[=:]\s*$/.test(src.slice(i))) { key = km[1]; i += km[0].length; }
    const q = src[i];
    if (q === '"' || q === "'" || q === '`') {
      let v = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== q; j++) {
        if (src[j] === '\\' && j + 1 < src.length) { j++; v += src[j] === 'n' ? '\n' : src[j]!; } else v += src[j]!;
      }
      if (j >= src.length) throw syntaxError(`unbalanced ${q} quote`, offset + i + 1);
      out.push({ ...(key ? { key } : {}), value: v, quoted: true });
      i = j + 1;
    } else {
      const m = /^[^,]*/.exec(src.slice(i))!;
      out.push({ ...(key ? { key } : {}), value: m[0].trim(), quoted: false });
      i += m[0].length;
    }
  }
  return out;
}

const ref = (a: Arg | undefined, what: string, call: string): string => {
  if (!a || a.value === '') throw new Miss(`${call} needs ${what}`, `llm.${call}(...)`);
  return a.quoted ? a.value : (pidOf(a.value) ?? a.value);
};
const text = (a: Arg | undefined, what: string, call: string): string => {
  if (!a || a.value === '') throw new Miss(`${call} needs ${what}`, `llm.${call}("...")`);
  return a.value;
};

/** Returns the syscall of a VAPI call line, null when the line is not one; fails with Miss for a known call with wrong arguments. */
export function parseVapi(line: string): RuleResult | null {
  const m = CALL.exec(line);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const args = callArgs(m[2]!, line.indexOf('(') + 1);
  const pos = args.filter((a) => !a.key);
  const kw = (k: string): Arg | undefined => args.find((a) => a.key?.toLowerCase() === k);
  switch (name) {
    case 'spawn': return { syscall: 'proc.spawn', args: { description: text({ value: stripLead('proc.spawn', text(pos[0], 'a description', name)), quoted: true }, 'a description', name) } };
    case 'kill': return { syscall: 'proc.kill', args: { pid: ref(pos[0], 'a process', name) } };
    case 'suspend': return { syscall: 'proc.suspend', args: { pid: ref(pos[0], 'a process', name) } };
    case 'resume': return { syscall: 'proc.resume', args: { pid: ref(pos[0], 'a process', name) } };
    case 'malloc': return { syscall: 'mem.malloc', args: { description: text({ value: stripLead('mem.malloc', text(pos[0], 'a description', name)), quoted: true }, 'a description', name) } };
    case 'free': return { syscall: 'mem.free', args: { id: memIdOf(text(pos[0], 'a memory id', name)) ?? pos[0]!.value } };
    case 'share': return { syscall: 'mem.share', args: { id: memIdOf(text(pos[0], 'a memory id', name)) ?? pos[0]!.value, with: ref(pos[1], 'a target process', name) } };
    case 'send': return { syscall: 'ipc.send', args: { to: ref(pos[0], 'a target process', name), message: text(pos[1], 'a message', name) } };
    case 'receive': return { syscall: 'ipc.receive', args: pos[0] ? { pid: ref(pos[0], 'a process', name) } : {} };
    case 'broadcast': return { syscall: 'ipc.broadcast', args: { message: text(pos[0], 'a message', name) } };
    case 'embed': return { syscall: 'fs.embed', args: { text: text(pos[0], 'the text', name) } };
    case 'search': return { syscall: 'fs.search', args: { query: text({ value: utterance(text(pos[0], 'a query', name)).quoted[0] ?? stripLead('fs.search', pos[0]!.value), quoted: true }, 'a query', name) } };
    case 'index': {
      const where = /(\.{0,2}\/[^\s'"]*|~\/[^\s'"]*)/.exec(text(pos[0], 'a directory', name));
      return { syscall: 'fs.mount', args: { host: where ? where[1]! : pos[0]!.value } };
    }
    case 'merge': {
      if (pos.length < 2) throw new Miss('merge needs at least two processes', 'llm.merge(p1, p2)');
      return { syscall: 'proc.merge', args: { pids: pos.map((a) => ref(a, 'a process', name)) } };
    }
    case 'split': {
      const n = kw('into') ?? kw('n') ?? kw('count') ?? pos[1];
      const into = n ? countOf(n.value) : 3;
      if (into === undefined) throw new Miss('split needs a whole count', 'llm.split(p3, 3)');
      return { syscall: 'proc.split', args: { pid: ref(pos[0], 'a process', name), into } };
    }
    case 'lendattention': case 'lend': {
      const p = kw('percentage') ?? kw('percent') ?? pos[2];
      const percent = p ? percentOf(p.value) : undefined;
      if (percent === undefined) throw new Miss('lendAttention needs a percentage 0-100', 'llm.lendAttention(p1, p2, percentage=50)');
      return { syscall: 'proc.lend', args: { from: ref(pos[0], 'a lender', name), to: ref(pos[1], 'a borrower', name), percent } };
    }
    default:
      throw new Miss(`llm.${m[1]} is not a system call`, 'llm.spawn("...") | llm.kill(p3) | llm.send(p2, "...") | ...');
  }
}
