// Slot extraction for layer 2 (shell layer; callers: the intent matcher, vapi.ts): once the
// matcher has picked a syscall for an English sentence, these functions pull out its
// arguments — quoted text, pids ("p3", "process 3"), memory ids, paths, counts, percentages,
// priority words, and the free-text subject left after the verb phrase ("create a
// code-writing agent with Python expertise" -> description "a code-writing agent with
// Python expertise"). A slot that cannot be found throws Miss; the parser never guesses it.
import { Miss, NUMBER_WORDS, PRIORITY_WORDS, countOf, memIdOf, pidOf, priorityOf } from './grammar-kit.js';

/** A sentence prepared for slot extraction. */
export interface Utterance {
  /** The sentence without politeness and trailing punctuation, quotes kept. */
  text: string;
  /** Quoted strings, in order. */
  quoted: string[];
}

const POLITE_HEAD = /^(?:(?:hey|hi|ok|okay|so|now|then|just|please|pls|plz|kindly|nlsh|computer|go ahead and|could you|can you|would you|will you|would you mind|i want to|i wanna|i'd like to|i would like to|i need to|i want you to|i need you to|let's|lets|let us|help me|try to|you should|you need to|we need to|time to)\b[\s,]*)+/i;
const POLITE_TAIL = /(?:[\s,]+(?:please|pls|plz|thanks|thank you|now|for me|right now|asap|if you can|if possible|ok|okay))+$/i;

/** Returns text without leading politeness ("could you please ...") and trailing "please"/punctuation. */
export function unpolite(text: string): string {
  let t = text.trim().replace(/[\s?!.]+$/, '');
  for (let k = 0; k < 3; k++) {
    const before = t;
    t = t.replace(POLITE_HEAD, '').replace(POLITE_TAIL, '').replace(/[\s?!.,]+$/, '').trim();
    if (t === '') return before; // "help me", "thanks": the politeness was the whole message
    if (t === before) break;
  }
  return t;
}

const QUOTED = /"([^"]*)"|“([^”]*)”|(?:^|[\s(:,])'([^']*)'(?=$|[\s,.;:!?)])|‘([^’]*)’/g;

/** Returns the utterance form of a raw line. */
export function utterance(line: string): Utterance {
  const quoted: string[] = [];
  for (const m of line.matchAll(QUOTED)) quoted.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim());
  return { text: unpolite(line), quoted: quoted.filter((q) => q !== '') };
}

/** Leading verb phrases removed from each syscall's free-text subject. */
const LEADS: Partial<Record<string, RegExp>> = {
  'proc.spawn': /^(?:(?:create|spawn|start|launch|make|run|fire up|spin up|boot up|boot|set up|setup|build|give me|get me|i need|we need|i would like|i'd like|i want|we want|add|instantiate|bring up|new)\b\s*(?:me\s+|us\s+|up\s+)?)+/i,
  'mem.malloc': /^(?:(?:allocate|alloc|malloc|reserve|set aside|give me|get me|make|create|grab|i need)\s+)?(?:some\s+|a\s+|an\s+|new\s+)*(?:memory|ram|space|room|region|block|chunk|buffer|storage)(?:\s+(?:region|block|chunk|area))?\s+(?:for|to|so i can|that i can use for|to use for|i can use for)\s+/i,
  'fs.search': /^(?:(?:search|find|look|show|get|give|list)\s+(?:me\s+)?(?:for\s+)?(?:up\s+)?(?:everything\s+|anything\s+|all\s+|some\s+)?(?:knowledge\s+|concepts?\s+|ideas?\s+|things?\s+|stuff\s+|notes?\s+|facts?\s+|documents?\s+|info(?:rmation)?\s+)?(?:that(?:'s| is| are)\s+)?(?:similar\s+(?:concepts?\s+|ideas?\s+|things?\s+|notes?\s+|documents?\s+)?to|related\s+to|relating\s+to|about|on|regarding|concerning|like|for|matching|close\s+to)\s+|what\s+do\s+(?:we|i|you)\s+know\s+about\s+|search\s+(?:for\s+)?)/i,
  'fs.embed': /^(?:(?:store|remember|save|embed|memorize|memorise|keep|note|record|add|put)\s+(?:that\s+|the\s+fact\s+that\s+)?)/i,
  'agent.build': /^(?:(?:build|make|create|write|develop|code|implement|generate|produce)\s+(?:me\s+|us\s+)?)/i,
};

const BARE_VERBS = 'spawn|create|start|launch|make|run|build|search|find|look|embed|store|remember|save|malloc|allocate|alloc|reserve|develop|implement';

/** Returns text with the syscall's leading verb phrase (and politeness) removed. */
export function stripLead(syscall: string, text: string): string {
  let t = unpolite(text);
  const lead = LEADS[syscall];
  if (lead) t = t.replace(lead, '').trim();
  // nothing but the verb ("spawn", "search"): there is no subject, and none is invented
  if (new RegExp(`^(?:${BARE_VERBS})$`, 'i').test(t)) return '';
  if (syscall === 'fs.embed') t = t.replace(/\s+(?:as\s+a\s+vector|in(?:to)?\s+(?:the\s+)?(?:knowledge(?:\s+base)?|memory|vector\s+store)|for\s+later)$/i, '').trim();
  return t.replace(/^['"“‘]|['"”’]$/g, '').trim();
}

/** Returns text with its first word replaced by the verb in verbs it is a one-letter typo of (same first letter), if any. */
export function correctFirst(text: string, verbs: readonly string[]): string {
  const m = /^(\S+)(.*)$/s.exec(text);
  if (!m) return text;
  const w = m[1]!.toLowerCase();
  if (verbs.includes(w) || w.length < 4) return text;
  const fix = verbs.find((v) => v[0] === w[0] && Math.abs(v.length - w.length) <= 1 && oneEdit(w, v));
  return fix ? fix + m[2]! : text;
}

function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
    return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!]);
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

/** Returns every process id in the text ("p3", "process 3", "pid 3", "agent #3"), normalised to "p3". */
export function pidsIn(text: string): string[] {
  const out: string[] = [];
  const re = /\b(?:(?:process|proc|pid|agent|task)\s*(?:number\s+|no\.?\s*|#\s*)?(\d{1,9})|p(\d{1,9}))\b|#(\d{1,9})\b/gi;
  for (const m of text.matchAll(re)) out.push(`p${Number(m[1] ?? m[2] ?? m[3])}`);
  return out;
}

/** Returns the memory ids in the text ("m1", "memory 1", "region 1"), normalised to "m1". */
export function memIdsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:m(\d{1,9})|(?:memory|region|block|segment)\s*(?:region\s*)?#?\s*(\d{1,9}))\b/gi)) out.push(`m${Number(m[1] ?? m[2])}`);
  return out;
}

const PATH_TOKEN = /(?:^|\s)((?:\.{1,2}|~)?\/[^\s'",;]*|[\w.-]+\/[\w./-]*|[\w-]+\.(?:md|txt|ts|js|mjs|json|py|nl|yaml|yml|toml|html|css|csv|log|sh|rs|go|c|h|java))(?=$|[\s,;.!?](?:\s|$)|[\s,;!?])/gi;

/** Returns the paths written in the text (absolute, ./relative, ~/, a/b, or file.ext), in order. */
export function pathsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PATH_TOKEN)) out.push(m[1]!.replace(/[.,;!?]+$/, (s) => (m[1] === s ? s : '')));
  return out.filter((p) => p !== '' && !/^p\d+$/i.test(p));
}

/** Returns the percentage written in the text ("50%", "50 percent", "half"), or undefined. */
export function percentIn(text: string): number | undefined {
  const m = /(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent|pct)/i.exec(text);
  if (m) return Number(m[1]);
  if (/\bhalf\b/i.test(text)) return 50;
  if (/\ba quarter\b|\bquarter\b/i.test(text)) return 25;
  if (/\ba third\b/i.test(text)) return 33;
  return undefined;
}

/** Returns the first count written in the text (digits, "5k", or a number word up to ten), skipping pids and ids. */
export function countIn(text: string, after?: RegExp): number | undefined {
  const src = after ? (after.exec(text)?.[1] ?? '') : text;
  for (const w of src.split(/\s+/)) {
    const c = w.replace(/[,.!?]+$/, '');
    if (/^(?:p|m)\d/i.test(c)) continue;
    const n = countOf(c) ?? NUMBER_WORDS[c.toLowerCase()];
    if (n !== undefined) return n;
  }
  return undefined;
}

/** Returns the priority (0..19) asked for in the text: a priority word, "priority 5", "nice 5"; "raise"/"boost" -> high, "lower" -> low. */
export function priorityIn(text: string, relative = true): number | undefined {
  const num = /\b(?:priority|nice(?:ness)?|level)\s*(?:of\s+|to\s+|=\s*|at\s+)?(\d{1,2})\b|\b(?:to|at)\s+(\d{1,2})\b/i.exec(text);
  if (num) return priorityOf(num[1] ?? num[2]!);
  for (const w of text.toLowerCase().split(/[\s,]+/)) {
    if (Object.hasOwn(PRIORITY_WORDS, w) && w !== 'top' && w !== 'default') return PRIORITY_WORDS[w];
  }
  if (!relative) return undefined;
  if (/\b(?:raise|boost|increase|bump|up)\b/i.test(text)) return PRIORITY_WORDS.high;
  if (/\b(?:lower|reduce|decrease|deprioriti[sz]e|demote)\b/i.test(text)) return PRIORITY_WORDS.low;
  return undefined;
}

/** Returns the token budget asked for ("budget 5000", "5000 tokens", "with a budget of 5k"), or undefined. */
export function budgetIn(text: string): number | undefined {
  const m = /\bbudget\s+(?:of\s+)?(\d[\d,.]*[kKmM]?)\b|\b(\d[\d,.]*[kKmM]?)\s+tokens?\b/i.exec(text);
  return m ? countOf(m[1] ?? m[2]!) : undefined;
}

/** Removes the matches of each pattern from text and tidies the spaces. */
export function without(text: string, ...patterns: RegExp[]): string {
  let t = text;
  for (const p of patterns) t = t.replace(p, ' ');
  return t.replace(/\s+/g, ' ').replace(/\s+([,.;:!?])/g, '$1').replace(/^[\s,;:]+|[\s,;:]+$/g, '').trim();
}

/** Fails with Miss when s is empty, else returns it. */
export function need(s: string | undefined, what: string): string {
  if (s === undefined || s.trim() === '') throw new Miss(`could not find ${what}`);
  return s.trim();
}

export { memIdOf, pidOf };
