// The prompt's state machine (tui layer): line editing, history up/down, Ctrl-R reverse
// search, Tab-completion results and multi-line input, as a pure reducer. PromptInput feeds it
// key events and carries out the effect it returns (submit, exit, interrupt, complete, clear).
import type { KeyEvent } from './key-events.js';
import type { ReplCompletion } from './repl-backend.js';
import * as ed from './line-editor.js';

export interface SearchState {
  query: string;
  /** Index into history of the current match, or -1 when nothing matches. */
  match: number;
}

export interface PromptState {
  line: ed.LineState;
  /** Index into history while browsing with up/down; null when editing a fresh line. */
  histIndex: number | null;
  /** The line being written before browsing started, restored by going down past the newest. */
  draft: ed.LineState;
  search: SearchState | null;
  /** Candidates of the last ambiguous Tab, shown under the prompt until the next key. */
  candidates: string[];
}

export type PromptEffect =
  | { kind: 'submit'; text: string; /** As typed, with its continuation lines. */ raw: string }
  | { kind: 'exit' }
  | { kind: 'interrupt'; text: string }
  | { kind: 'complete'; text: string; cursor: number }
  | { kind: 'clear' }
  | { kind: 'suspend' };

export interface PromptStep {
  state: PromptState;
  effect?: PromptEffect;
}

/** A fresh prompt state with an empty line. */
export function initialPrompt(): PromptState {
  return { line: ed.EMPTY_LINE, histIndex: null, draft: ed.EMPTY_LINE, search: null, candidates: [] };
}

/** The newest history index below `before` whose entry contains query, or -1. */
export function searchBack(history: readonly string[], query: string, before: number): number {
  for (let i = Math.min(before, history.length) - 1; i >= 0; i--) if (history[i]!.includes(query)) return i;
  return -1;
}

function edit(s: PromptState, line: ed.LineState): PromptStep {
  return { state: { ...s, line, candidates: [] } };
}

function historyStep(s: PromptState, history: readonly string[], dir: -1 | 1): PromptStep {
  if (history.length === 0) return { state: s };
  const cur = s.histIndex ?? history.length;
  const next = cur + dir;
  if (next < 0) return { state: s };
  if (next >= history.length) {
    if (s.histIndex === null) return { state: s };
    return { state: { ...s, histIndex: null, line: s.draft, candidates: [] } };
  }
  const draft = s.histIndex === null ? s.line : s.draft;
  return { state: { ...s, histIndex: next, draft, line: ed.lineOf(history[next]!), candidates: [] } };
}

function finishSearch(s: PromptState, history: readonly string[]): PromptState {
  const m = s.search;
  const text = m && m.match >= 0 ? history[m.match]! : s.line.text;
  return { ...s, search: null, line: ed.lineOf(text), histIndex: null };
}

function reduceSearch(s: PromptState, e: KeyEvent, history: readonly string[]): PromptStep {
  const q = s.search!;
  const research = (query: string, before: number): PromptStep => ({
    state: { ...s, search: { query, match: searchBack(history, query, before) } },
  });
  if (e.kind === 'text') return research(q.query + e.text, q.match >= 0 ? q.match + 1 : history.length);
  if (e.kind === 'backspace') return research(q.query.slice(0, -1), history.length);
  if (e.kind === 'ctrl' && e.letter === 'r') {
    if (q.match < 0) return { state: s };
    const older = searchBack(history, q.query, q.match);
    return { state: { ...s, search: { ...q, match: older >= 0 ? older : q.match } } };
  }
  if ((e.kind === 'ctrl' && (e.letter === 'g' || e.letter === 'c')) || e.kind === 'escape') {
    return { state: { ...s, search: null } };
  }
  const accepted = finishSearch(s, history);
  if (e.kind === 'return') return submit(accepted);
  // Any other key leaves the search with the match on the line, then acts as usual.
  return reducePrompt(accepted, e, history);
}

function submit(s: PromptState): PromptStep {
  if (ed.wantsContinuation(s.line.text) && s.line.cursor === s.line.text.length) {
    return edit(s, ed.continueLine(s.line));
  }
  const text = ed.submittedText(s.line.text);
  return { state: initialPrompt(), effect: { kind: 'submit', text, raw: s.line.text } };
}

function reduceCtrl(s: PromptState, letter: string, history: readonly string[]): PromptStep {
  switch (letter) {
    case 'a': return edit(s, ed.home(s.line));
    case 'e': return edit(s, ed.end(s.line));
    case 'b': return edit(s, ed.move(s.line, -1));
    case 'f': return edit(s, ed.move(s.line, 1));
    case 'u': return edit(s, ed.killToStart(s.line));
    case 'k': return edit(s, ed.killToEnd(s.line));
    case 'w': return edit(s, ed.deleteWordBack(s.line));
    case 'h': return edit(s, ed.backspace(s.line));
    case 'p': return historyStep(s, history, -1);
    case 'n': return historyStep(s, history, 1);
    case 'j': return edit(s, ed.insert(s.line, '\n'));
    case 'r': return { state: { ...s, candidates: [], search: { query: '', match: -1 } } };
    case 'l': return { state: s, effect: { kind: 'clear' } };
    case 'z': return { state: s, effect: { kind: 'suspend' } };
    case 'c': return { state: initialPrompt(), effect: { kind: 'interrupt', text: s.line.text } };
    case 'd':
      if (s.line.text === '') return { state: s, effect: { kind: 'exit' } };
      return edit(s, ed.deleteForward(s.line));
    default: return { state: s };
  }
}

/** The next state (and what to do) after one key. */
export function reducePrompt(s: PromptState, e: KeyEvent, history: readonly string[]): PromptStep {
  if (s.search) return reduceSearch(s, e, history);
  switch (e.kind) {
    case 'text': return edit(s, ed.insert(s.line, e.text));
    case 'newline': return edit(s, ed.insert(s.line, '\n'));
    case 'return': return submit(s);
    case 'backspace': return edit(s, ed.backspace(s.line));
    case 'left': return edit(s, ed.move(s.line, -1));
    case 'right': return edit(s, ed.move(s.line, 1));
    case 'home': return edit(s, ed.home(s.line));
    case 'end': return edit(s, ed.end(s.line));
    case 'up': return historyStep(s, history, -1);
    case 'down': return historyStep(s, history, 1);
    case 'tab': return { state: s, effect: { kind: 'complete', text: s.line.text, cursor: s.line.cursor } };
    case 'escape': return { state: { ...s, candidates: [] } };
    case 'ctrl': return reduceCtrl(s, e.letter, history);
    case 'meta':
      if (e.letter === 'b') return edit(s, ed.wordLeft(s.line));
      if (e.letter === 'f') return edit(s, ed.wordRight(s.line));
      if (e.letter === 'd') return edit(s, ed.deleteWordBack(ed.wordRight(s.line)));
      return { state: s };
    default: return { state: s };
  }
}

/**
 * Applies a completion computed for (text, cursor): one candidate replaces the word (with a
 * space after it unless it is a directory); several extend it by their common prefix and are
 * listed. A result for a line that has changed since is ignored.
 */
export function applyCompletion(s: PromptState, forText: string, forCursor: number, c: ReplCompletion): PromptState {
  if (s.line.text !== forText || s.line.cursor !== forCursor || s.search) return s;
  if (c.candidates.length === 0) return { ...s, candidates: [] };
  if (c.candidates.length === 1) {
    const only = c.candidates[0]!;
    const tail = only.endsWith('/') || s.line.text[c.to] === ' ' ? '' : ' ';
    return { ...s, line: ed.replaceRange(s.line, c.from, c.to, only + tail), candidates: [] };
  }
  const prefix = ed.commonPrefix(c.candidates);
  const current = s.line.text.slice(c.from, c.to);
  const line = prefix.length > current.length && prefix.startsWith(current) ? ed.replaceRange(s.line, c.from, c.to, prefix) : s.line;
  return { ...s, line, candidates: c.candidates };
}
