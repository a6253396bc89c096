import { describe, expect, it } from 'vitest';
import * as ed from '../../src/tui/line-editor.js';
import { applyCompletion, initialPrompt, reducePrompt, searchBack, type PromptState } from '../../src/tui/prompt-state.js';
import type { KeyEvent } from '../../src/tui/key-events.js';
import { toKeyEvents } from '../../src/tui/key-events.js';
import type { Key } from 'ink';

const at = (text: string, cursor: number): ed.LineState => ({ text, cursor });

function press(state: PromptState, history: string[], ...events: KeyEvent[]) {
  let s = state;
  const effects = [];
  for (const e of events) {
    const step = reducePrompt(s, e, history);
    s = step.state;
    if (step.effect) effects.push(step.effect);
  }
  return { s, effects };
}
const text = (t: string): KeyEvent => ({ kind: 'text', text: t });
const ctrl = (letter: string): KeyEvent => ({ kind: 'ctrl', letter });

describe('line editing', () => {
  it('Ctrl-W deletes the word before the cursor and the blanks after it', () => {
    expect(ed.deleteWordBack(at('ls /knowledge  ', 15))).toEqual(at('ls ', 3));
  });

  it('Ctrl-U and Ctrl-K cut to the start and the end of the current line only', () => {
    expect(ed.killToStart(at('ab\ncdef', 5))).toEqual(at('ab\nef', 3));
    expect(ed.killToEnd(at('ab\ncdef', 1))).toEqual(at('a\ncdef', 1));
  });

  it('Ctrl-A and Ctrl-E move within the current line of a multi-line input', () => {
    expect(ed.home(at('ab\ncdef', 5)).cursor).toBe(3);
    expect(ed.end(at('ab\ncdef', 1)).cursor).toBe(2);
  });

  it('Alt-B and Alt-F move by words', () => {
    expect(ed.wordLeft(at('cd /apps/web', 12)).cursor).toBe(3);
    expect(ed.wordRight(at('cd /apps/web', 0)).cursor).toBe(2);
  });

  it('a trailing backslash continues the line; an escaped one does not', () => {
    expect(ed.wantsContinuation('cd \\')).toBe(true);
    expect(ed.wantsContinuation('echo a\\\\')).toBe(false);
    expect(ed.submittedText('write /a \\\n"text"\nsecond')).toBe('write /a  "text"\nsecond');
  });

  it('the common prefix of candidates is what every one starts with', () => {
    expect(ed.commonPrefix(['/knowledge/', '/kernel/'])).toBe('/k');
    expect(ed.commonPrefix([])).toBe('');
  });
});

describe('the prompt state', () => {
  it('Enter submits the line and resets the prompt', () => {
    const { s, effects } = press(initialPrompt(), [], text('ps'), { kind: 'return' });
    expect(effects).toEqual([{ kind: 'submit', text: 'ps', raw: 'ps' }]);
    expect(s.line.text).toBe('');
  });

  it('Ctrl-D exits only on an empty line', () => {
    expect(press(initialPrompt(), [], ctrl('d')).effects).toEqual([{ kind: 'exit' }]);
    expect(press(initialPrompt(), [], text('x'), ctrl('d')).effects).toEqual([]);
  });

  it('Ctrl-C drops the line with an interrupt effect, never an exit', () => {
    const { s, effects } = press(initialPrompt(), [], text('half'), ctrl('c'));
    expect(effects).toEqual([{ kind: 'interrupt', text: 'half' }]);
    expect(s.line.text).toBe('');
  });

  it('Tab asks for completion at the cursor', () => {
    const { effects } = press(initialPrompt(), [], text('cd /kno'), { kind: 'left' }, { kind: 'tab' });
    expect(effects).toEqual([{ kind: 'complete', text: 'cd /kno', cursor: 6 }]);
  });

  it('Ctrl-R searches backwards and Ctrl-R again finds an older match', () => {
    const h = ['cd /a', 'ls', 'cd /b'];
    const { s } = press(initialPrompt(), h, ctrl('r'), text('c'), text('d'));
    expect(s.search).toEqual({ query: 'cd', match: 2 });
    const older = press(s, h, ctrl('r')).s;
    expect(older.search).toEqual({ query: 'cd', match: 0 });
    const edited = press(older, h, { kind: 'right' }).s;
    expect(edited.search).toBeNull();
    expect(edited.line).toEqual({ text: 'cd /a', cursor: 5 });
    expect(searchBack(h, 'zz', 3)).toBe(-1);
  });

  it('a completion with one candidate replaces the word and adds a space after a non-directory', () => {
    const s = press(initialPrompt(), [], text('mou')).s;
    expect(applyCompletion(s, 'mou', 3, { from: 0, to: 3, candidates: ['mount'] }).line).toEqual({ text: 'mount ', cursor: 6 });
    const p = press(initialPrompt(), [], text('cd /kno')).s;
    expect(applyCompletion(p, 'cd /kno', 7, { from: 3, to: 7, candidates: ['/knowledge/'] }).line.text).toBe('cd /knowledge/');
  });

  it('a completion for a line that changed meanwhile is ignored', () => {
    const s = press(initialPrompt(), [], text('mou'), text('x')).s;
    expect(applyCompletion(s, 'mou', 3, { from: 0, to: 3, candidates: ['mount'] })).toBe(s);
  });
});

describe('key events', () => {
  const none: Key = {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false,
  };

  it('a chunk of keys is split into text and control keys', () => {
    expect(toKeyEvents('pwd\rls\t\u0003', none)).toEqual([
      { kind: 'text', text: 'pwd' }, { kind: 'return' }, { kind: 'text', text: 'ls' }, { kind: 'tab' }, { kind: 'ctrl', letter: 'c' },
    ]);
  });

  it('DEL (what Backspace sends) edits backwards', () => {
    expect(toKeyEvents('', { ...none, delete: true })).toEqual([{ kind: 'backspace' }]);
  });
});
