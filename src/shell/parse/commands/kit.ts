// Shared pieces of the per-command files (shell layer; callers: ./*.ts and ./index.ts): the
// CommandSpec type (a command's English side and its plain formatter; the formatters' own
// helpers are in ../../format-kit.ts), and the slot helpers the commands' extractors and phrases use — process,
// path, memory-id and text slots that throw Miss when the words are not what the slot must be.
import type { Obj, Paint } from '../../format-kit.js';
import { Miss, pidOf, priorityOf, type CommandRule, type RuleResult } from '../grammar-kit.js';
import {
  budgetIn, correctFirst, countIn, memIdsIn, need, pathsIn, percentIn, pidsIn, priorityIn, stripLead, unpolite, utterance, without, type Utterance,
} from '../slots.js';

export {
  Miss, budgetIn, correctFirst, countIn, memIdsIn, need, pathsIn, percentIn, pidOf, pidsIn, priorityIn, priorityOf, stripLead, unpolite, utterance, without,
};
export type { CommandRule, RuleResult, Utterance };

/** A layer-2 intent: example utterances, cue words, and leading verb phrases (the name is the command's). */
export interface Intent {
  name: string;
  examples: readonly string[];
  /** Words (lowercase stems) that speak for this intent; matched as word prefixes. */
  cues: readonly string[];
  /** Leading verb phrases of imperative sentences that speak strongly for this intent (whole words). */
  heads?: readonly string[];
}

/** A whole-sentence pattern and what it builds (or Miss: the next pattern is tried). */
export type Phrase = readonly [RegExp, Build];

/**
 * One command's English side, in its own file: its intent, its slot extractor, its phrases, and
 * how the plain printer shows its result. Its usage, summary and examples (help) are the kernel
 * descriptor's; its layer-1 rules are here too, with their shared helpers in ../rules-*.ts.
 */
export interface CommandSpec {
  /** The syscall ("proc.kill") or "builtin:<name>". */
  name: string;
  intent?: Omit<Intent, 'name'>;
  extract?: Extractor;
  /** Layer 1: the grammar rules whose command word starts this command (a rule may also yield a sibling, as audit -> audit verify). */
  rules?: readonly CommandRule[];
  phrases: readonly Phrase[];
  /** Its result as plain text (format-plain.ts calls it; the `key: value` fallback when absent). */
  format?: (r: Obj, p: Paint) => string;
}

export type Args = Record<string, unknown>;
export type Extractor = (u: Utterance) => Args;

export const opt = <T>(k: string, v: T | undefined): Args => (v === undefined ? {} : { [k]: v });

/** The phrase naming one process: a pid, a quoted description, or the words after the verb. */
export function procRef(u: Utterance, verbs: RegExp): string {
  const pids = pidsIn(u.text);
  if (pids.length > 1) throw new Miss('names one process at a time');
  if (pids.length === 0 && pathsIn(u.text).length > 0) throw new Miss('that names a file, not a process');
  const pid = pids[0];
  if (pid) return pid;
  if (u.quoted[0]) return u.quoted[0];
  if (/^\S+(?:\s+\S+)?\s+(?:all|every|everything|everyone|everybody|each)\b/i.test(u.text)) throw new Miss('names one process at a time');
  const after = u.text.replace(verbs, '');
  if (/^(?:off\s+)?(?:all|every|everything|everyone|everybody|each|anything|them)\b/i.test(after)) throw new Miss('names one process at a time');
  const rest = without(after, /\b(?:process|agent|task|job)$/i, /^(?:process|agent)\s+(?=(?:called|named)\b)/i, /^(?:called|named)\s+/i);
  return need(rest, 'which process (say p3, a name, or "a description")');
}

export const KILL = /^(?:kill|stop|terminate|end|shut\s+down|shutdown|abort|cancel|destroy|get\s+rid\s+of|take\s+down|nuke|murder|finish\s+off|close|quit)(?:\s+off)?(?:\s+|$)/i;
export const SUSPEND = /^(?:suspend|pause|freeze|hold|halt|put\s+(.+?)\s+to\s+sleep|sleep|stop)(?:\s+process)?(?:\s+|$)/i;
export const RESUME = /^(?:resume|continue|unpause|unfreeze|wake\s+up|wake|restart|un-?suspend|start\s+again|keep\s+going\s+with|carry\s+on\s+with|let)(?:\s+process)?(?:\s+|$)/i;

export function target(u: Utterance, verbs: RegExp): string {
  const r = procRef(u, verbs);
  return r.replace(/\s+(?:again|up|back\s+up|back|run|running|go|continue|to\s+sleep|for\s+(?:a\s+)?(?:while|moment|bit|now))$/i, '').trim() || r;
}

export const SEND_SPLIT = /^(?:ask|tell|send|message|ping|notify|inform|instruct|get|have|let|write\s+to|msg|dm)\s+(.+?)(?:\s*:\s*|\s+(?:to|that|saying|know\s+that|know|with\s+the\s+message|the\s+message|a\s+message\s+saying|a\s+message|with)\s+|,\s*)(.+)$/i;

export const SPAWN_VERBS = ['create', 'spawn', 'start', 'launch', 'make'];

/** People name agents by role: "start a python expert", "bring up a security auditor", "I need a helper that ...". */
export const ROLE = String.raw`(?:agent|assistant|helper|expert|bot|specialist|tutor|worker|researcher|reviewer|writer|coder|programmer|tester|translator|summari[sz]er|auditor|planner|analyst|monitor|watcher|critic|editor|teacher|advisor|adviser|engineer|architect|designer|scientist)s?`;
export const SPAWN_AGENT = new RegExp(String.raw`^(?:spawn|start|launch|bring up|fire up|spin up|boot up|create|make|i need|i want|we need|i'd like|i would like|give me|get me)\s+(?:me\s+)?(?:a|an|another|one|some)\s+(?:new\s+)?(?:[\w-]+\s+){0,3}?${ROLE}\b(?!\s+(?:with|for)\s+\S+\s+(?:server|app|api|website|site))`, 'i');

export type Build = (m: RegExpExecArray, text: string) => RuleResult;

/** A path-looking word: /abs, ./rel, ~/x, a/b, or name.ext. */
export const PATHISH = /^(?:(?:\.{1,2}|~)?\/\S*|[\w.-]+\/[\w./-]*|[\w-][\w.-]*\.[A-Za-z]\w{0,4})$/;
export const FILEISH = /^(?:.*\/)?[\w-][\w.-]*\.[A-Za-z]\w{0,4}$/;
export const ALL = /^(?:all|every|everything|everyone|everybody|each|anything|it|them|that|this)\b/i;

export const unq = (s: string): string => s.trim().replace(/^["“'‘](.*)["”'’]$/s, '$1').trim();

/** Returns a path slot, failing with Miss when the words are not a path. */
export function pathOf(s: string): string {
  const p = unq(s).replace(/[?.!,]+$/, '');
  if (!PATHISH.test(p)) throw new Miss('that is not a path');
  return p;
}

/** Returns a process reference ("p3", "the writer"), failing with Miss on a path or "everything". */
export function procOf(s: string): string {
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

export function memOf(s: string): string {
  const ids = memIdsIn(s);
  if (ids.length !== 1) throw new Miss('names one memory region');
  return ids[0]!;
}

/** The quoted text or the words, as a message/content slot. */
export function textOf(s: string): string {
  const t = unq(s.replace(/[\s.!]+$/, ''));
  if (t === '') throw new Miss('no text');
  return t;
}

export const WHERE = String.raw`(?:\s+(?:in|under|inside|within|across)\s+(\S+))?`;
export const syscall = (name: string, args: Record<string, unknown>): RuleResult => ({ syscall: name, args });
export const withPath = (p: string | undefined): Record<string, unknown> => (p ? { path: pathOf(p) } : {});
