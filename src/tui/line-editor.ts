// The line editor's pure state (tui layer): text + cursor and the emacs-style edits the
// prompt offers (Ctrl-A/E/U/K/W, arrows, Alt-B/F). PromptInput maps keys to these; kept
// free of React so the editing rules are tested directly.

export interface LineState {
  text: string;
  /** Index into text, 0..text.length. */
  cursor: number;
}

export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

/** A line with the cursor at its end. */
export function lineOf(text: string): LineState {
  return { text, cursor: text.length };
}

/** Inserts s at the cursor. */
export function insert(s: LineState, chunk: string): LineState {
  return { text: s.text.slice(0, s.cursor) + chunk + s.text.slice(s.cursor), cursor: s.cursor + chunk.length };
}

/** Deletes the character before the cursor. */
export function backspace(s: LineState): LineState {
  if (s.cursor === 0) return s;
  return { text: s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor), cursor: s.cursor - 1 };
}

/** Deletes the character under the cursor. */
export function deleteForward(s: LineState): LineState {
  if (s.cursor >= s.text.length) return s;
  return { text: s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1), cursor: s.cursor };
}

/** Moves the cursor by delta, clamped to the text. */
export function move(s: LineState, delta: number): LineState {
  return { text: s.text, cursor: Math.max(0, Math.min(s.text.length, s.cursor + delta)) };
}

function lineStart(s: LineState): number {
  return s.text.lastIndexOf('\n', s.cursor - 1) + 1;
}

function lineEnd(s: LineState): number {
  const nl = s.text.indexOf('\n', s.cursor);
  return nl === -1 ? s.text.length : nl;
}

/** Ctrl-A: start of the current (visual) line. */
export function home(s: LineState): LineState {
  return { text: s.text, cursor: lineStart(s) };
}

/** Ctrl-E: end of the current (visual) line. */
export function end(s: LineState): LineState {
  return { text: s.text, cursor: lineEnd(s) };
}

/** Ctrl-U: deletes from the start of the current line to the cursor. */
export function killToStart(s: LineState): LineState {
  const from = lineStart(s);
  return { text: s.text.slice(0, from) + s.text.slice(s.cursor), cursor: from };
}

/** Ctrl-K: deletes from the cursor to the end of the current line. */
export function killToEnd(s: LineState): LineState {
  return { text: s.text.slice(0, s.cursor) + s.text.slice(lineEnd(s)), cursor: s.cursor };
}

function wordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return i;
}

/** Ctrl-W: deletes the word before the cursor (and the blanks after it). */
export function deleteWordBack(s: LineState): LineState {
  const from = wordStartBefore(s.text, s.cursor);
  return { text: s.text.slice(0, from) + s.text.slice(s.cursor), cursor: from };
}

/** Alt-B: cursor to the start of the previous word. */
export function wordLeft(s: LineState): LineState {
  return { text: s.text, cursor: wordStartBefore(s.text, s.cursor) };
}

/** Alt-F: cursor to the end of the next word. */
export function wordRight(s: LineState): LineState {
  return { text: s.text, cursor: wordEndAfter(s.text, s.cursor) };
}

/** Replaces text[from, to) with replacement and puts the cursor after it. */
export function replaceRange(s: LineState, from: number, to: number, replacement: string): LineState {
  return { text: s.text.slice(0, from) + replacement + s.text.slice(to), cursor: from + replacement.length };
}

/** True when Enter should continue the input on a new line (a trailing backslash). */
export function wantsContinuation(text: string): boolean {
  const m = /(\\+)$/.exec(text);
  return m !== null && m[1]!.length % 2 === 1;
}

/** Enter on a line ending in `\`: keeps the backslash (as bash shows it) and starts a new line. */
export function continueLine(s: LineState): LineState {
  const text = s.text + '\n';
  return { text, cursor: text.length };
}

/** What is submitted: backslash-newline continuations become one space; Ctrl-J newlines stay. */
export function submittedText(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)\\\n/g, '$1$2 ');
}

/** The longest common prefix of the candidates ('' for none). */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0]!;
  for (const c of candidates) {
    let i = 0;
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
