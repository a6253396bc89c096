// The phrasebook (shell layer; caller: parser.ts, between layer 1 and the intent matcher):
// whole-sentence English patterns people type that the canonical grammar does not take —
// questions ("which files mention X?", "what's in /agents?"), requests ("make room for ...",
// "let p2 use m3", "add "x" to the end of f") — each with its slot rules. A pattern either
// fits the whole sentence and yields a confident reading, or throws Miss (the slot is not
// what it must be: a path where a process is meant, "everything" where one thing is meant),
// and the next pattern is tried. Deterministic: no embedder.
import { Miss, pidOf, priorityOf, type RuleResult } from './grammar-kit.js';
import { memIdsIn, pathsIn, pidsIn, unpolite, utterance } from './slots.js';
import { EXTRACTORS } from './extract.js';

/** People name agents by role: "start a python expert", "bring up a security auditor", "I need a helper that ...". */
const ROLE = String.raw`(?:agent|assistant|helper|expert|bot|specialist|tutor|worker|researcher|reviewer|writer|coder|programmer|tester|translator|summari[sz]er|auditor|planner|analyst|monitor|watcher|critic|editor|teacher|advisor|adviser|engineer|architect|designer|scientist)s?`;
const SPAWN_AGENT = new RegExp(String.raw`^(?:spawn|start|launch|bring up|fire up|spin up|boot up|create|make|i need|i want|we need|i'd like|i would like|give me|get me)\s+(?:me\s+)?(?:a|an|another|one|some)\s+(?:new\s+)?(?:[\w-]+\s+){0,3}?${ROLE}\b(?!\s+(?:with|for)\s+\S+\s+(?:server|app|api|website|site))`, 'i');

type Build = (m: RegExpExecArray, text: string) => RuleResult;

/** A path-looking word: /abs, ./rel, ~/x, a/b, or name.ext. */
const PATHISH = /^(?:(?:\.{1,2}|~)?\/\S*|[\w.-]+\/[\w./-]*|[\w-][\w.-]*\.[A-Za-z]\w{0,4})$/;
const FILEISH = /^(?:.*\/)?[\w-][\w.-]*\.[A-Za-z]\w{0,4}$/;
const ALL = /^(?:all|every|everything|everyone|everybody|each|anything|it|them|that|this)\b/i;

const unq = (s: string): string => s.trim().replace(/^["“'‘](.*)["”'’]$/s, '$1').trim();

/** Returns a path slot, failing with Miss when the words are not a path. */
function pathOf(s: string): string {
  const p = unq(s).replace(/[?.!,]+$/, '');
  if (!PATHISH.test(p)) throw new Miss('that is not a path');
  return p;
}

/** Returns a process reference ("p3", "the writer"), failing with Miss on a path or "everything". */
function procOf(s: string): string {
  const t = unq(s).replace(/[?.!,]+$/, '');
  const ids = pidsIn(t);
  if (ids.length > 1) throw new Miss('names one process at a time');
  if (ids.length === 1 && /^(?:(?:process|proc|pid|agent|task)\s*(?:number\s+|no\.?\s*|#\s*)?\d+|p\d+|#\d+)$/i.test(t)) return ids[0]!;
  if (pidOf(t)) return pidOf(t)!;
  if (t === '' || ALL.test(t) || PATHISH.test(t) || /\bm\d+\b/i.test(t)) throw new Miss('not one process');
  const ref = t.replace(/\s+(?:agent|process)$/i, '').replace(/^(?:the\s+)?(?:agent|process)\s+(?:called|named)\s+/i, '');
  if (ref.split(/\s+/).length > 5) throw new Miss('too long for a process reference');
  return ref;
}

function memOf(s: string): string {
  const ids = memIdsIn(s);
  if (ids.length !== 1) throw new Miss('names one memory region');
  return ids[0]!;
}

/** The quoted text or the words, as a message/content slot. */
function textOf(s: string): string {
  const t = unq(s.replace(/[\s.!]+$/, ''));
  if (t === '') throw new Miss('no text');
  return t;
}

const WHERE = String.raw`(?:\s+(?:in|under|inside|within|across)\s+(\S+))?`;
const syscall = (name: string, args: Record<string, unknown>): RuleResult => ({ syscall: name, args });
const withPath = (p: string | undefined): Record<string, unknown> => (p ? { path: pathOf(p) } : {});

const PHRASES: readonly [RegExp, Build][] = [
  // --- files: looking at them
  [/^what(?:'s| is| are)\s+(?:in|inside)\s+(\S+)$/i, (m) => {
    const p = pathOf(m[1]!);
    return FILEISH.test(p) ? syscall('fs.cat', { path: p }) : syscall('fs.ls', { path: p });
  }],
  [/^(?:show|list|give)(?:\s+me)?\s+(?:all\s+)?(?:the\s+)?(files|contents?|entries|things)\s+(?:in|of|inside|under)\s+(\S+)$/i, (m) => {
    const p = pathOf(m[2]!);
    return /^content/i.test(m[1]!) && FILEISH.test(p) ? syscall('fs.cat', { path: p }) : syscall('fs.ls', { path: p });
  }],
  [/^what does\s+(\S+)\s+say$/i, (m) => syscall('fs.cat', { path: pathOf(m[1]!) })],
  [/^what does\s+(\S+)\s+say\s+(?:about|on|regarding)\s+(.+)$/i, (m) => syscall('fs.grepMeaning', { query: textOf(m[2]!), path: pathOf(m[1]!) })],
  [/^(?:show|display|print|view)(?:\s+me)?\s+(?:the\s+file\s+)?(\S+)$/i, (m) => {
    const p = pathOf(m[1]!);
    if (!FILEISH.test(p)) throw new Miss('not a file');
    return syscall('fs.cat', { path: p });
  }],
  [/^(?:which|what)\s+(?:folder|directory|dir)\s+am\s+i\s+in$/i, () => syscall('fs.pwd', {})],
  [/^(?:go|cd|take me|navigate)\s+(?:back\s+)?(?:up\s+)?to\s+the\s+(?:root|top)(?:\s+(?:folder|directory))?$/i, () => syscall('fs.cd', { path: '/' })],
  [/^(?:open|enter)\s+the\s+(?:directory|folder)\s+(\S+)$/i, (m) => syscall('fs.cd', { path: pathOf(m[1]!) })],
  [/^where(?:'s| is)\s+the\s+(file|document|folder|directory)\s+(?:about|on|for|with)\s+(.+)$/i, (m) =>
    syscall('fs.find', { query: textOf(m[2]!), kind: /file|document/i.test(m[1]!) ? 'file' : 'dir' })],

  // --- files: searching inside them
  [new RegExp(String.raw`^(?:look|search|grep|hunt)\s+for\s+(?:the\s+)?(?:word|string|text|term|phrase)\s+(\S+|"[^"]+")${WHERE}$`, 'i'), (m) =>
    syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^(?:search|look)\s+for\s+("[^"]+"|'[^']+')${WHERE}$`, 'i'), (m) => syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^find\s+(?:the\s+)?(?:word|string|text|term)\s+("[^"]+"|\S+)${WHERE}$`, 'i'), (m) => syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^(?:which|what)\s+files\s+(?:mention|contain|include|reference|say|use)\s+(?:the\s+(?:word|string|text|term|phrase)\s+)?(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]), filesOnly: true })],
  [new RegExp(String.raw`^(?:which|what)\s+(?:files|documents|docs)\s+(?:talk|are|speak|write)\s+about\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]), filesOnly: true })],
  [new RegExp(String.raw`^(?:which|what)\s+files\s+(?:discuss|cover|explain|describe)\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]), filesOnly: true })],
  [new RegExp(String.raw`^(?:which|what)\s+lines\s+(?:contain|mention|include|say)\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grep', { pattern: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^(?:which|what)\s+(?:lines|paragraphs|passages|parts|sections)\s+(?:discuss|talk about|are about|cover|explain|describe|deal with)\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^where\s+do(?:es)?\s+(?:we|i|you|they|anyone|it)\s+(?:talk|write|speak|say anything)\s+about\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^(?:find|show|search for|look for)\s+(?:me\s+)?(?:the\s+)?(?:passages|paragraphs|lines|sections|text|places)\s+(?:about|on|that discuss|that talk about|discussing|mentioning)\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],
  [new RegExp(String.raw`^grep\s+(?:for\s+)?(?:things|stuff|anything|text|lines)\s+(?:related to|about|on)\s+(.+?)${WHERE}$`, 'i'), (m) =>
    syscall('fs.grepMeaning', { query: textOf(m[1]!), ...withPath(m[2]) })],

  // --- files: changing them
  [/^(?:add|append|tack)\s+("[^"]*"|'[^']*')\s+(?:on\s+)?(?:to|at)\s+(?:the\s+(?:end|bottom)\s+of\s+)?(\S+)$/i, (m) =>
    syscall('fs.write', { path: pathOf(m[2]!), content: `${textOf(m[1]!)}\n`, append: true })],
  [/^(?:save|put|write)\s+("[^"]*"|'[^']*')\s+(?:as|in|into|to)\s+(\S+)$/i, (m) => syscall('fs.write', { path: pathOf(m[2]!), content: textOf(m[1]!) })],
  [/^(?:delete|remove|erase|trash|get rid of|throw away)\s+(?:the\s+file\s+)?(\S+)$/i, (m) => {
    const p = pathOf(m[1]!);
    if (pidOf(p)) throw new Miss('a process, not a file');
    return syscall('fs.rm', { path: p });
  }],
  [/^(?:relocate|move)\s+(\S+)\s+(?:to|into)\s+(\S+)$/i, (m) => syscall('fs.mv', { from: pathOf(m[1]!), to: pathOf(m[2]!) })],
  [/^(?:save|write|copy|dump)\s+(\/\S*)\s+(?:out\s+)?to\s+(?:the\s+)?(?:disk|host|real\s+(?:disk|directory|folder))(?:\s+at|\s+in)?\s+(\S+)$/i, (m) =>
    syscall('fs.export', { path: pathOf(m[1]!), host: pathOf(m[2]!) })],
  [/^(?:save|write)\s+(\/\S*)\s+out\s+to\s+(\S+)$/i, (m) => syscall('fs.export', { path: pathOf(m[1]!), host: pathOf(m[2]!) })],
  [/^(?:note|remember|memorize|memorise)\s+that\s+(.+)$/i, (m) => syscall('fs.embed', { text: textOf(m[1]!) })],
  [/^(?:what do|what does)\s+(?:we|i|you|the system|nlsh)\s+(?:have|know|got)\s+(?:on|about|regarding)\s+(.+)$/i, (m) => syscall('fs.search', { query: textOf(m[1]!) })],
  [/^(?:look up|anything (?:about|on)|search for anything (?:about|on))\s+(?:(?:things|stuff|anything|everything)\s+(?:related to|about|on)\s+)?(.+)$/i, (m) => syscall('fs.search', { query: textOf(m[1]!) })],

  // --- processes
  [/^(?:show|list|print|display|give)(?:\s+me)?\s+(?:the\s+)?(?:process\s+(?:table|list)|list\s+of\s+(?:processes|agents)|processes|running\s+(?:processes|agents))$/i, () => syscall('proc.ps', {})],
  [/^(?:is|are)\s+(?:there\s+)?(?:anything|anyone|any\s+(?:agents?|process(?:es)?|tasks?))\s+(?:stuck|blocked|hung|hanging|frozen|waiting|busy|running|alive|idle)(?:\s+or\s+\w+)*$/i, () => syscall('proc.ps', {})],
  [/^how many\s+(?:agents|processes)\b.*$/i, () => syscall('proc.ps', {})],
  [/^what\s+(?:is|are)\s+(?:everyone|everybody|all\s+(?:the\s+)?agents|the\s+agents|my\s+agents)\s+doing$/i, () => syscall('proc.ps', {})],
  [/^(?:the\s+)?(?:status|state)\s+of\s+(?:my\s+|the\s+|all\s+)?(?:agents|processes)$/i, () => syscall('proc.ps', {})],
  [/^(?:temporarily|briefly)\s+(?:stop|halt)\s+(.+)$/i, (m) => syscall('proc.suspend', { pid: procOf(m[1]!) })],
  [/^put\s+(.+?)\s+on\s+hold$/i, (m) => syscall('proc.suspend', { pid: procOf(m[1]!) })],
  [/^let\s+(.+?)\s+(?:carry on|continue|keep going|resume|run again|go on)$/i, (m) => syscall('proc.resume', { pid: procOf(m[1]!) })],
  [/^(?:stop|kill|terminate|end|abort|shut down|take down|get rid of)(?:\s+off)?\s+(.+)$/i, (m) => syscall('proc.kill', { pid: procOf(m[1]!) })],
  [/^make\s+(.+?)\s+(?:more\s+)?(urgent|critical|important|high priority|low priority|normal priority|background)$/i, (m) => {
    if (/^(?:a|an|me|us|some)\b/i.test(m[1]!)) throw new Miss('spawn, not renice');
    const w = m[2]!.toLowerCase().replace(/ priority$/, '');
    return syscall('proc.renice', { pid: procOf(m[1]!), priority: priorityOf(w)! });
  }],

  [SPAWN_AGENT, (_m, text) => {
    const u = utterance(text);
    const args = EXTRACTORS['proc.spawn']!(u);
    return syscall('proc.spawn', args);
  }],

  // --- messages
  [/^let\s+(.+?)\s+know\s+(?:that\s+)?(.+)$/i, (m) => {
    if (/^(?:everyone|everybody|all|all agents|all processes|the team)$/i.test(m[1]!)) return syscall('ipc.broadcast', { message: textOf(m[2]!) });
    return syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) });
  }],
  [/^(?:tell|notify|inform|message)\s+(?:everyone|everybody|all\s+(?:the\s+)?(?:agents|processes)|all)(?:\s*:\s*|\s+that\s+|\s+to\s+|\s+)(.+)$/i, (m) => syscall('ipc.broadcast', { message: textOf(m[1]!) })],
  [/^(?:announce|broadcast)(?:\s+to\s+(?:everyone|everybody|all))?(?:\s+that|\s*:)?\s+(.+)$/i, (m) => syscall('ipc.broadcast', { message: textOf(m[1]!) })],
  [/^(?:tell|message|notify)\s+the\s+([\w-]+)\s+group(?:\s+that|\s*:)?\s+(.+)$/i, (m) => syscall('ipc.multicast', { group: m[1]!, message: textOf(m[2]!) })],
  [/^(?:tell|message|send)\s+(.+?)\s+("[^"]+")$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) })],
  [/^send\s+a\s+(?:note|message|msg|line)\s+to\s+(.+?)\s*:\s*(.+)$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: textOf(m[2]!) })],
  [/^ping\s+(.+)$/i, (m) => syscall('ipc.send', { to: procOf(m[1]!), message: 'ping' })],
  [/^(?:did|has|have)\s+(?:anyone|anybody|someone|any\s+agent)\s+(?:write|written|message[d]?|sen[dt]|repl(?:y|ied))(?:\s+(?:to|back\s+to))?\s+me$/i, () => syscall('ipc.receive', {})],
  [/^what\s+messages\s+(?:did|has)\s+(.+?)\s+(?:get|got|receive[d]?)$/i, (m) => syscall('ipc.receive', { pid: procOf(m[1]!) })],

  // --- memory
  [/^make\s+room\s+for\s+(.+)$/i, (m) => syscall('mem.malloc', { description: textOf(m[1]!) })],
  [/^i\s+need\s+(?:some\s+)?(?:memory|ram|space)\s+(?:to\s+(?:keep|store|hold)|for)\s+(.+)$/i, (m) => syscall('mem.malloc', { description: textOf(m[1]!) })],
  [/^(?:drop|give\s+back|release|return)\s+(?:memory\s+)?(?:region\s+)?(m\d+)\b.*$/i, (m) => syscall('mem.free', { id: memOf(m[1]!) })],
  [/^(?:let|allow)\s+(.+?)\s+(?:to\s+)?(?:use|read|access|see|share)\s+(?:memory\s+)?(?:region\s+)?(m\d+)$/i, (m) => syscall('mem.share', { id: memOf(m[2]!), with: procOf(m[1]!) })],
];

/** Returns the phrasebook's reading of a line, or null when no pattern fits it whole. */
export function phraseOf(line: string): RuleResult | null {
  const text = unpolite(line);
  if (pathsIn(text).length > 3) return null;
  for (const [re, build] of PHRASES) {
    const m = re.exec(text);
    if (!m) continue;
    try {
      return build(m, text);
    } catch (err) {
      if (!(err instanceof Miss)) throw err;
    }
  }
  return null;
}
