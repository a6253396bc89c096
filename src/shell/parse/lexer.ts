// The nlsh lexer (shell layer; callers: the parser's layers, splitScript): checks a line for
// hostile input, then cuts it into words, quoted strings and the redirection operators.
// Quoting follows sh where it does not fight English: "double quotes" take \" \\ \n \t
// escapes; 'single quotes' are literal but only open at the start of a word, so the
// apostrophes in "what's running?" stay letters; a backslash outside quotes escapes the next
// character; `#` at the start of a word begins a comment.
import { NlshError } from '../../base/errors.js';

/** Longest line the parser takes (64 KiB); longer input fails with shell.tooLong. */
export const MAX_LINE = 64 * 1024;

export interface Token {
  kind: 'word' | 'string' | 'op';
  /** The text with quotes and escapes resolved; for ops: '>' or '>>'. */
  value: string;
  /** 1-based column where the token starts. */
  col: number;
}

/** Returns nothing when line is acceptable input; fails with shell.tooLong or shell.badInput (naming the column). */
export function checkInput(line: string): void {
  if (line.length > MAX_LINE) {
    throw new NlshError('shell.tooLong', `line is too long (${line.length} characters, at most ${MAX_LINE})`, {
      hint: 'put long text in a file and mount it, or split the command',
      details: { length: line.length, max: MAX_LINE },
    });
  }
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0xfffd) throw badInput(i, 'invalid UTF-8 (a replacement character)');
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = line.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      throw badInput(i, 'a broken surrogate pair (invalid text encoding)');
    }
    if (c >= 0xdc00 && c <= 0xdfff) throw badInput(i, 'a broken surrogate pair (invalid text encoding)');
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || (c >= 0x80 && c < 0xa0)) {
      throw badInput(i, `a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')})`);
    }
  }
}

function badInput(index: number, what: string): NlshError {
  return new NlshError('shell.badInput', `input contains ${what} at column ${index + 1}`, {
    hint: 'type plain text; remove control characters and invalid bytes',
    details: { column: index + 1 },
  });
}

/** Fails with shell.syntax naming the column. */
export function syntaxError(message: string, col: number, hint?: string): NlshError {
  return new NlshError('shell.syntax', `${message} (column ${col})`, {
    hint: hint ?? 'close every quote you open; use \\" for a quote inside "double quotes"',
    details: { column: col },
  });
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t';
/** Characters before which a quote may open a string: start of word, or call punctuation. */
const OPENS_AFTER = new Set(['', ' ', '\t', '(', ',', '=', '>']);

/** Returns the tokens of one line (comment dropped); fails with shell.syntax on an unbalanced quote or a stray `;`. */
export function lex(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let cur: string | null = null; // the word being built, null when between words
  let curCol = 0;
  let curQuoted = false;
  const flush = (): void => {
    if (cur !== null) out.push({ kind: curQuoted ? 'string' : 'word', value: cur, col: curCol });
    cur = null;
    curQuoted = false;
  };
  const add = (text: string, col: number): void => {
    if (cur === null) { cur = ''; curCol = col; }
    cur += text;
  };
  while (i < line.length) {
    const c = line[i]!;
    const prev = i === 0 ? '' : line[i - 1]!;
    if (isSpace(c)) { flush(); i++; continue; }
    if (c === '#' && cur === null) break; // comment to end of line
    if (c === ';') throw syntaxError('unexpected ";": one command at a time here', i + 1, 'split a script into commands with splitScript (the runner does)');
    if (c === '>') {
      flush();
      const op = line[i + 1] === '>' ? '>>' : '>';
      out.push({ kind: 'op', value: op, col: i + 1 });
      i += op.length;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) { add(line[i + 1]!, i + 1); i += 2; } else { add('\\', i + 1); i++; }
      continue;
    }
    if (c === '"' || c === '\u201c') {
      const end = readDouble(line, i, c === '"' ? '"' : '\u201d');
      add(end.value, i + 1);
      curQuoted = true;
      i = end.next;
      continue;
    }
    if ((c === "'" || c === '\u2018') && cur === null && OPENS_AFTER.has(prev)) {
      const close = c === "'" ? "'" : '\u2019';
      const j = findSingleClose(line, i + 1, close);
      if (j < 0) throw syntaxError("unbalanced ' quote", i + 1);
      add(line.slice(i + 1, j), i + 1);
      curQuoted = true;
      i = j + 1;
      continue;
    }
    add(c, i + 1);
    i++;
  }
  flush();
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '\u201d': '\u201d' };

function readDouble(line: string, open: number, close: string): { value: string; next: number } {
  let v = '';
  for (let i = open + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === close) return { value: v, next: i + 1 };
    if (c === '\\' && i + 1 < line.length) {
      const n = line[i + 1]!;
      v += ESCAPES[n] ?? `\\${n}`;
      i++;
      continue;
    }
    v += c;
  }
  throw syntaxError('unbalanced " quote', open + 1);
}

// A single-quoted string closes at a quote that ends a word (followed by space, end or
// punctuation), so "'the users' files'" does not close early at an inner apostrophe+letter.
function findSingleClose(line: string, from: number, close: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] !== close) continue;
    const next = line[i + 1];
    if (next === undefined || /[\s,.;:!?)>]/.test(next)) return i;
  }
  return -1;
}

/** Returns the script's commands with their 1-based line numbers: split on `;` and newlines outside quotes, `#` comments and blank commands dropped, a trailing `\` joining the next line; never fails (unbalanced quotes are left for the parser to report). */
export function splitScript(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let buf = '';
  let bufLine = 1;
  let line = 1;
  let quote: string | null = null;
  let comment = false;
  let blank = true; // buf holds only spaces so far (tracked, since trimming per character is quadratic)
  let noCloseAfter = -1; // a single quote opened at or after this index finds no close on its line
  const push = (): void => {
    const t = buf.trim();
    if (t !== '') out.push({ line: bufLine, text: t });
    buf = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\n') {
      comment = false;
      noCloseAfter = -1;
      if (quote === null && buf.endsWith('\\') && !buf.endsWith('\\\\')) {
        buf = `${buf.slice(0, -1)} `;
        line++;
        continue;
      }
      if (quote !== null) quote = null; // a quote never spans lines: the parser reports it
      push();
      line++;
      bufLine = line;
      continue;
    }
    if (comment) continue;
    if (blank) {
      bufLine = line;
      if (c !== ' ' && c !== '\t') blank = false;
    }
    if (quote !== null) {
      buf += c;
      if (c === '\\' && quote !== "'" && i + 1 < text.length && text[i + 1] !== '\n') { buf += text[++i]!; continue; }
      if (c === quote) quote = null;
      continue;
    }
    if (c === '\\' && i + 1 < text.length && text[i + 1] !== '\n') { buf += c + text[++i]!; continue; }
    const prev = buf.length === 0 ? '' : buf[buf.length - 1]!;
    if (c === '"') quote = '"';
    else if (c === '\u201c') quote = '\u201d';
    else if ((c === "'" || c === '\u2018') && OPENS_AFTER.has(/\s/.test(prev) ? ' ' : prev)) {
      // only a quote that will close on this line opens a string (apostrophes stay letters)
      if (noCloseAfter < 0 || i < noCloseAfter) {
        const eol = text.indexOf('\n', i);
        const rest = text.slice(i, eol < 0 ? undefined : eol);
        if (findSingleClose(rest, 1, c === "'" ? "'" : '\u2019') > 0) quote = c === "'" ? "'" : '\u2019';
        else noCloseAfter = i;
      }
    } else if (c === '#' && (prev === '' || /\s/.test(prev))) { comment = true; continue; }
    else if (c === ';') { push(); bufLine = line; continue; }
    buf += c;
  }
  push();
  return out;
}
