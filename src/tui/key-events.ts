// Turns Ink's (input, key) pairs into a list of editor key events (tui layer). A terminal may
// deliver several keys in one chunk (a paste, or tmux send-keys "pwd" Enter); Ink hands such a
// chunk over as one string, so it is split here, keeping control characters as keys.
import type { Key } from 'ink';

export type KeyEvent =
  | { kind: 'text'; text: string }
  | { kind: 'return' }
  | { kind: 'newline' }
  | { kind: 'tab' }
  | { kind: 'backspace' }
  | { kind: 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageUp' | 'pageDown' | 'escape' }
  | { kind: 'ctrl'; letter: string }
  | { kind: 'meta'; letter: string };

function splitChunk(chunk: string): KeyEvent[] {
  const out: KeyEvent[] = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  for (const ch of chunk) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) {
      text += ch;
      continue;
    }
    flush();
    if (ch === '\r') out.push({ kind: 'return' });
    else if (ch === '\n') out.push({ kind: 'newline' });
    else if (ch === '\t') out.push({ kind: 'tab' });
    else if (ch === '\x7f' || ch === '\b') out.push({ kind: 'backspace' });
    else if (code >= 1 && code <= 26) out.push({ kind: 'ctrl', letter: String.fromCharCode(code + 96) });
  }
  flush();
  return out;
}

/** The editor events for one Ink input callback (empty when the key means nothing to us). */
export function toKeyEvents(input: string, key: Key): KeyEvent[] {
  if (key.return) return [{ kind: 'return' }];
  if (key.tab) return [{ kind: 'tab' }];
  // Ink reports the usual Backspace (DEL, 0x7f) as `delete`; both edit backwards.
  if (key.backspace || key.delete) return [{ kind: 'backspace' }];
  if (key.upArrow) return [{ kind: 'up' }];
  if (key.downArrow) return [{ kind: 'down' }];
  if (key.leftArrow) return [key.ctrl || key.meta ? { kind: 'meta', letter: 'b' } : { kind: 'left' }];
  if (key.rightArrow) return [key.ctrl || key.meta ? { kind: 'meta', letter: 'f' } : { kind: 'right' }];
  if (key.home) return [{ kind: 'home' }];
  if (key.end) return [{ kind: 'end' }];
  if (key.pageUp) return [{ kind: 'pageUp' }];
  if (key.pageDown) return [{ kind: 'pageDown' }];
  if (key.escape && input === '') return [{ kind: 'escape' }];
  if (key.ctrl && input.length === 1) return [{ kind: 'ctrl', letter: input.toLowerCase() }];
  if (key.meta && input.length === 1) return [{ kind: 'meta', letter: input.toLowerCase() }];
  if (input === '') return [];
  return splitChunk(input);
}
