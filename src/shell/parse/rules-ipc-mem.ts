// Layer-1 rules for messages and memory (shell layer; caller: grammar.ts): send, broadcast,
// multicast, group, ask, receive (msgs [--wait]), malloc, free, share, mem.
import type { Token } from './lexer.js';
import { BadNumber, Miss, flagCount, indexOfWord, isWord, joined, memIdOf, noMore, priorityOf, refOf, takeFlags, countOf } from './grammar-kit.js';
import type { CommandRule } from './grammar-kit.js';
import { durationMs } from './rules-proc.js';

const MEM_READ_USAGE = 'mem read m1 ["query"]';
const MEM_WRITE_USAGE = 'mem write m1 "text" [--append]';
const SEND_USAGE = 'send p2 "message" [--priority high] [--ack] | send "message" to p2';
const MSG_FLAGS = {
  '--priority': { key: 'priority', value: true }, '-p': { key: 'priority', value: true },
  '--ack': { key: 'ack', value: false }, '--type': { key: 'type', value: true },
} as const;

function msgOptions(flags: Record<string, string | true>, usage: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (flags.priority !== undefined) {
    const p = typeof flags.priority === 'string' ? priorityOf(flags.priority) : undefined;
    if (p === undefined) throw new Miss('--priority needs 0-19 or a priority word', usage);
    out.priority = p;
  }
  if (flags.ack === true) out.requiresAck = true;
  if (typeof flags.type === 'string') {
    if (!/^(task|result|query|broadcast|system)$/.test(flags.type)) throw new Miss('--type is one of task, result, query, broadcast, system', usage);
    out.type = flags.type;
  }
  return out;
}

function message(toks: readonly Token[], usage: string): string {
  if (toks.length === 0) throw new Miss('needs a message', usage);
  return joined(toks);
}

const RECV_USAGE = 'receive [p2] [-n 10] [--wait [--timeout 30s]]';
const ASK_USAGE = 'ask p2 "question" [--timeout 60s] [--ack]';
const TIMEOUT_FLAG = { '--timeout': { key: 'timeout', value: true }, '-t': { key: 'timeout', value: true } } as const;

function timeoutOf(flags: Record<string, string | true>, usage: string): { timeoutMs?: number } {
  if (flags.timeout === undefined) return {};
  const ms = typeof flags.timeout === 'string' ? durationMs(flags.timeout) : undefined;
  if (ms === undefined || ms <= 0) throw new Miss('--timeout needs a duration like 60s', usage);
  return { timeoutMs: ms };
}
const MALLOC_USAGE = 'malloc "what the memory is for" [size 4096]';
const SHARE_USAGE = 'share m1 with p2';

export const ipcMemRules: CommandRule[] = [
  {
    words: ['send', 'msg'], usage: SEND_USAGE, syscall: 'ipc.send',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, MSG_FLAGS, SEND_USAGE);
      const opts = msgOptions(flags, SEND_USAGE);
      // send "message" to p2
      const to = indexOfWord(r, 'to');
      if (r[0]?.kind === 'string' && to === 1 && r.length >= 3) {
        return { syscall: 'ipc.send', args: { to: refOf(r.slice(2), 'a receiver', SEND_USAGE), message: r[0].value, ...opts } };
      }
      if (r.length < 2) throw new Miss('send needs a receiver and a message', SEND_USAGE);
      // send to the testers group: message / send to the reviewer: message
      const colon = r.findIndex((t) => t.kind === 'word' && t.value.endsWith(':'));
      if (colon >= 0 && colon < r.length - 1) {
        const who = r.slice(isWord(r[0], 'to') ? 1 : 0, colon + 1).map((t, i, a) => (i === a.length - 1 ? { ...t, value: t.value.slice(0, -1) } : t)).filter((t) => t.value !== '');
        const msg = joined(r.slice(colon + 1));
        if (isWord(who[who.length - 1], 'group') && who.length >= 2) {
          const g = who.filter((t) => !isWord(t, ['the', 'group']));
          if (g.length === 1) return { syscall: 'ipc.multicast', args: { group: g[0]!.value, message: msg, ...(opts.priority !== undefined ? { priority: opts.priority } : {}) } };
        }
        if (who.length === 1 && /^(everyone|everybody|all)$/i.test(who[0]!.value)) return { syscall: 'ipc.broadcast', args: { message: msg } };
        return { syscall: 'ipc.send', args: { to: refOf(who, 'a receiver', SEND_USAGE), message: msg, ...opts } };
      }
      // send p2 "message" / send p2: message / send to p2 message
      const body = isWord(r[0], 'to') ? r.slice(1) : r;
      if (isWord(body[0], ['a', 'an', 'the', 'this', 'that', 'it', 'my', 'our', 'some', 'message', 'note', 'them', 'him', 'her', 'me'])) {
        throw new Miss('say who gets the message: send p2 "message"', SEND_USAGE);
      }
      const who = body[0]!.value.replace(/:$/, '');
      const msg = body.slice(1);
      if (msg.length === 0) throw new Miss('send needs a message', SEND_USAGE);
      if (body[0]!.kind === 'word' && /^(everyone|everybody|all)$/i.test(who)) {
        return { syscall: 'ipc.broadcast', args: { message: message(msg, SEND_USAGE), ...(opts.priority !== undefined ? { priority: opts.priority } : {}) } };
      }
      const target = body[0]!.kind === 'string' ? who : refOf([{ ...body[0]!, value: who }]);
      return { syscall: 'ipc.send', args: { to: target, message: message(msg, SEND_USAGE), ...opts } };
    },
  },
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
  {
    words: ['multicast'], usage: 'multicast GROUP "message"', syscall: 'ipc.multicast',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, MSG_FLAGS, 'multicast GROUP "message"');
      const opts = msgOptions(flags, 'multicast GROUP "message"');
      delete opts.requiresAck;
      delete opts.type;
      const body = isWord(r[0], 'to') ? r.slice(1) : r;
      if (body.length < 2) throw new Miss('multicast needs a group and a message', 'multicast GROUP "message"');
      return { syscall: 'ipc.multicast', args: { group: body[0]!.value.replace(/:$/, ''), message: joined(body.slice(1)), ...opts } };
    },
  },
  {
    words: ['group'], usage: 'group NAME p1 p2 ...', syscall: 'ipc.group',
    rule: (rest) => {
      const r = rest.filter((t) => !isWord(t, ['with', 'and', 'of', 'members', ':']));
      if (r.length < 2) throw new Miss('group needs a name and at least one member', 'group NAME p1 p2 ...');
      return { syscall: 'ipc.group', args: { name: r[0]!.value, members: r.slice(1).map((t) => refOf([t])) } };
    },
  },
  {
    // ask p2 "question": only this exact shape; "ask the coder to ..." is a send, for layer 2
    words: ['ask'], usage: ASK_USAGE, syscall: 'ipc.ask',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, { ...TIMEOUT_FLAG, '--ack': { key: 'ack', value: false } }, ASK_USAGE);
      if (r.length !== 2 || r[1]!.kind !== 'string' || r[0]!.kind === 'string') throw new Miss('ask takes a process and a quoted question', ASK_USAGE);
      return { syscall: 'ipc.ask', args: { to: refOf([r[0]!], 'an agent', ASK_USAGE), message: r[1]!.value, ...timeoutOf(flags, ASK_USAGE), ...(flags.ack === true ? { requiresAck: true } : {}) } };
    },
  },
  {
    words: ['receive', 'recv', 'msgs', 'inbox', 'messages'], usage: RECV_USAGE, syscall: 'ipc.receive',
    rule: (rest) => {
      const { flags, rest: r } = takeFlags(rest, {
        '-n': { key: 'max', value: true }, '--max': { key: 'max', value: true }, '--wait': { key: 'wait', value: false }, '-w': { key: 'wait', value: false }, ...TIMEOUT_FLAG,
      }, RECV_USAGE);
      const max = flagCount(flags.max, '-n', RECV_USAGE);
      if (flags.timeout !== undefined && flags.wait !== true) throw new Miss('--timeout goes with --wait', RECV_USAGE);
      const toks = isWord(r[0], ['for', 'of']) ? r.slice(1) : r;
      return {
        syscall: 'ipc.receive',
        args: { ...(toks.length ? { pid: refOf(toks) } : {}), ...(max !== undefined ? { max } : {}), ...(flags.wait === true ? { wait: true, ...timeoutOf(flags, RECV_USAGE) } : {}) },
      };
    },
  },
  {
    words: ['malloc', 'alloc', 'allocate'], usage: MALLOC_USAGE, syscall: 'mem.malloc',
    rule: (rest) => {
      let toks = rest;
      let size: number | undefined;
      const at = indexOfWord(toks, ['size', '--size']);
      if (at >= 0 && at === toks.length - 2) {
        size = countOf(toks[at + 1]!.value);
        if (size === undefined) throw new BadNumber('size needs a whole number', MALLOC_USAGE);
        toks = toks.slice(0, at);
      }
      // "allocate memory for storing user preferences": the description is what it is for
      const lead = toks.findIndex((t) => t.kind !== 'word' || !/^(some|a|an|the|memory|region|space|block|chunk|of|ram)$/i.test(t.value));
      if (lead > 0 && isWord(toks[lead], ['for', 'to']) && toks.slice(0, lead).some((t) => isWord(t, ['memory', 'region', 'space', 'block', 'chunk', 'ram']))) toks = toks.slice(lead + 1);
      if (toks.length === 0) throw new Miss('malloc needs a description of what the memory is for', MALLOC_USAGE);
      return { syscall: 'mem.malloc', args: { description: joined(toks), ...(size !== undefined ? { size } : {}) } };
    },
  },
  {
    words: ['free', 'release'], usage: 'free m1', syscall: 'mem.free',
    rule: (rest) => {
      if (rest.length !== 1) throw new Miss('free takes one memory id', 'free m1');
      return { syscall: 'mem.free', args: { id: memIdOf(rest[0]!.value) ?? rest[0]!.value } };
    },
  },
  {
    words: ['share'], usage: SHARE_USAGE, syscall: 'mem.share',
    rule: (rest) => {
      const w = indexOfWord(rest, ['with', 'to']);
      const idToks = w >= 0 ? rest.slice(0, w) : rest.slice(0, 1);
      const who = w >= 0 ? rest.slice(w + 1) : rest.slice(1);
      if (idToks.length !== 1) throw new Miss('share takes one memory id', SHARE_USAGE);
      return { syscall: 'mem.share', args: { id: memIdOf(idToks[0]!.value) ?? idToks[0]!.value, with: refOf(who, 'a process to share with', SHARE_USAGE) } };
    },
  },
  {
    words: ['mem', 'memory', 'free-mem', 'meminfo'], usage: 'mem [stat] | mem read m1 ["query"] | mem write m1 "text" [--append]', syscall: 'mem.stat',
    rule: (rest) => {
      // mem read m1 ["query"] / mem write m1 "text" [--append] / mem append m1 "text": a region's contents
      if (isWord(rest[0], ['read', 'cat'])) {
        const [id, ...q] = rest.slice(1);
        if (!id) throw new Miss('mem read needs a memory id', MEM_READ_USAGE);
        return { syscall: 'mem.read', args: { id: memIdOf(id.value) ?? id.value, ...(q.length ? { query: joined(q) } : {}) } };
      }
      if (isWord(rest[0], ['write', 'append'])) {
        const { flags, rest: r } = takeFlags(rest.slice(1), { '--append': { key: 'append', value: false }, '-a': { key: 'append', value: false } }, MEM_WRITE_USAGE);
        const [id, ...text] = r;
        if (!id || !text.length) throw new Miss('mem write needs a memory id and the text', MEM_WRITE_USAGE);
        const append = flags.append === true || isWord(rest[0], ['append']);
        return { syscall: 'mem.write', args: { id: memIdOf(id.value) ?? id.value, content: joined(text), ...(append ? { append: true } : {}) } };
      }
      const r = rest.filter((t) => !isWord(t, ['stat', 'stats', 'status', 'info']));
      noMore(r, 'mem [stat]');
      return { syscall: 'mem.stat', args: {} };
    },
  },
];
