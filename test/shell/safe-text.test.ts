// Hostile text reaching the terminal: every plain renderer shows control characters (ESC, BEL,
// C1 CSI, bidi overrides) as visible escapes, so a file name, a file's contents or a model's
// reply cannot retitle the window, write the clipboard (OSC 52) or move the cursor; --json
// keeps the data exact.
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/shell/format-json.js';
import { formatPlain, formatResult, understoodLine } from '../../src/shell/format-plain.js';
import { visible, visibleLines } from '../../src/shell/safe-text.js';

const TITLE = '\u001b]0;pwned\u0007';
const CLIP = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const CSI = '\u009b2J';
const RLO = '\u202e';
const HOSTILE = `a${TITLE}b${CLIP}c${CSI}d${RLO}e`;
// Anything a terminal would obey: C0 but newline, DEL, C1, bidi controls.
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const ok = (name: string, result: unknown) => ({ input: name, ok: true, syscall: { name, args: {} }, result });

describe('visible escapes', () => {
  it('shows ESC as \\e, BEL as \\x07, the one-byte CSI as \\x9b and a bidi override as \\u202e', () => {
    expect(visible(HOSTILE)).toBe('a\\e]0;pwned\\x07b\\e]52;c;ZWNobyBwd25lZA==\\x07c\\x9b2Jd\\u202ee');
  });

  it('one-line fields show newlines as \\n; multi-line text keeps newlines and tabs', () => {
    expect(visible('two\nlines\r')).toBe('two\\nlines\\r');
    expect(visibleLines('one\n\ttwo\u001b[2J')).toBe('one\n\ttwo\\e[2J');
  });
});

describe('every plain renderer neutralises hostile data', () => {
  const cases: [string, unknown][] = [
    ['fs.grep', { hits: [{ path: `/m/${HOSTILE}`, line: 1, text: HOSTILE }] }],
    ['fs.grepMeaning', { hits: [{ path: '/m/a.md', line: 2, score: 0.5, text: HOSTILE, context: [{ line: 1, text: HOSTILE }] }] }],
    ['fs.search', { hits: [{ path: `/m/${HOSTILE}`, line: 1, score: 0.5, text: HOSTILE }] }],
    ['fs.tree', { lines: ['/m', `└── ${HOSTILE}`] }],
    ['fs.find', { entries: [{ name: HOSTILE, path: `/m/${HOSTILE}`, kind: 'file', score: 0.4 }] }],
    ['fs.ls', { cwd: '/', entries: [{ name: HOSTILE, path: `/${HOSTILE}`, kind: 'dir', description: HOSTILE }] }],
    ['fs.cat', { content: `line one\n${HOSTILE}\n` }],
    ['ipc.receive', { messages: [{ id: 'm1', from: 'p2', messageType: 'RESPONSE', priority: 5, payload: { ok: true, text: HOSTILE } }] }],
    ['proc.ps', { processes: [{ pid: 'p1', name: HOSTILE, state: 'READY', priority: 5, tokenBudget: { allocated: 1, remaining: 1 }, cpuTime: 0, description: HOSTILE }] }],
    ['fs.mount', { root: '/m', files: 0, unchanged: 0, removed: 0, skipped: [{ path: HOSTILE, reason: 'x' }], chunks: 0, embedded: 0, ms: 1 }],
    ['some.unknownShape', { [HOSTILE]: HOSTILE, nested: { deeper: HOSTILE } }],
  ];
  for (const [name, result] of cases) {
    it(`${name} shows the escape sequences as text`, () => {
      const text = formatResult(name, result);
      expect(text).not.toMatch(OBEYED);
      if (name !== 'fs.mount') expect(text).toContain('\\e]0;pwned\\x07');
    });
  }

  it('an error message and hint naming a hostile file are escaped too, and so is the understood line', () => {
    const r = formatPlain({ input: 'x', ok: false, error: { code: 'fs.notFound', message: `/${HOSTILE}: no such file`, hint: HOSTILE } });
    expect(r.err).not.toMatch(OBEYED);
    expect(understoodLine({ input: 'x', ok: true, syscall: { name: 'fs.cat', args: { path: `/a${CSI}` } } })).not.toMatch(OBEYED);
  });

  it('--json keeps the data exact: parsing it gives back the very bytes', () => {
    const line = formatJson(ok('fs.cat', { content: HOSTILE }));
    expect(line).not.toContain('\u001b');
    expect((JSON.parse(line) as { result: { content: string } }).result.content).toBe(HOSTILE);
  });
});
