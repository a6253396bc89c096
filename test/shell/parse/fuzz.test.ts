// Fuzzing the parser with random and hostile input: control characters, unbalanced quotes,
// 1 MB lines, invalid UTF-8, lone surrogates, long word salads. It must never crash: every
// input either parses or fails with a shell.* NlshError that has a message.
import { beforeAll, describe, expect, it } from 'vitest';
import { NlshError } from '../../../src/base/errors.js';
import { createGloveEmbedder } from '../../../src/embed/glove.js';
import { mulberry32 } from '../../../src/embed/sif.js';
import { createParser, type Parser } from '../../../src/shell/parse/parser.js';
import { MAX_LINE } from '../../../src/shell/parse/lexer.js';
import { INTENTS } from '../../../src/shell/parse/intents.js';

let parser: Parser;
beforeAll(async () => {
  const glove = await createGloveEmbedder();
  parser = createParser({ embedder: async () => glove });
}, 120_000);

const rng = mulberry32;

const SHELL_CODES = new Set(['shell.syntax', 'shell.unknownCommand', 'shell.unsure', 'shell.tooLong', 'shell.badInput']);

/** Parses line; returns the error code or 'ok'; fails the test on anything but a shell.* NlshError. */
async function outcome(line: string): Promise<string> {
  try {
    const c = await parser.parse(line);
    expect(['syscall', 'builtin']).toContain(c.kind);
    return 'ok';
  } catch (err) {
    if (!(err instanceof NlshError)) throw new Error(`crash on ${JSON.stringify(line.slice(0, 80))}: ${String(err)}`);
    expect(SHELL_CODES.has(err.code), `${err.code} for ${JSON.stringify(line.slice(0, 80))}`).toBe(true);
    expect(err.message.length).toBeGreaterThan(0);
    return err.code;
  }
}

function syncOutcome(line: string): string {
  try {
    parser.parseSync(line);
    parser.splitScript(line);
    return 'ok';
  } catch (err) {
    if (!(err instanceof NlshError)) throw new Error(`crash on ${JSON.stringify(line.slice(0, 80))}: ${String(err)}`);
    return err.code;
  }
}

const WORDS = [
  ...new Set(INTENTS.flatMap((i) => i.examples.join(' ').split(' '))),
  'p3', '3', 'm1', '/apps', './docs', '>', '>>', '"', "'", '\\', '#', ';', '-r', '-n', '%', '50%', 'llm.spawn(', ')', ',', '=',
  'similar-to', 'meaning', 'into', 'from', 'to', 'with', 'priority', 'budget', 'as', 'at', '\u201c', '\u201d', '日本語', '🙂',
];

describe('random and hostile input', () => {
  it('random printable strings never crash', async () => {
    const r = rng(1);
    for (let n = 0; n < 400; n++) {
      const len = Math.floor(r() * 60);
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode(32 + Math.floor(r() * 95));
      await outcome(s);
      syncOutcome(s);
    }
  });

  it('random word salads from the language never crash', async () => {
    const r = rng(2);
    for (let n = 0; n < 600; n++) {
      const len = 1 + Math.floor(r() * 12);
      const s = Array.from({ length: len }, () => WORDS[Math.floor(r() * WORDS.length)]!).join(r() < 0.3 ? '' : ' ');
      await outcome(s);
      syncOutcome(s);
    }
  });

  it('control characters fail with shell.badInput naming the column', async () => {
    for (const c of ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\r', '\n']) {
      const line = `ls /apps${c}x`;
      expect(await outcome(line)).toBe('shell.badInput');
      await expect(parser.parse(line)).rejects.toThrow(/column 9/);
    }
  });

  it('invalid UTF-8 (decoded to replacement characters) and lone surrogates fail with shell.badInput', async () => {
    const invalid = new TextDecoder().decode(Buffer.from([0x6c, 0x73, 0x20, 0xff, 0xfe, 0xc3]));
    expect(await outcome(invalid)).toBe('shell.badInput');
    expect(await outcome('cat \ud800abc')).toBe('shell.badInput');
    expect(await outcome('cat abc\udc00')).toBe('shell.badInput');
    expect(await outcome('search "🙂 emoji are fine"')).toBe('ok');
  });

  it('unbalanced quotes fail with shell.syntax', async () => {
    for (const line of ['echo "abc > x', "kill 'p3", 'send p2 "hi', 'llm.spawn("abc)', '“curly']) {
      expect(await outcome(line)).toBe('shell.syntax');
    }
  });

  it('a 1 MB line fails fast with shell.tooLong', async () => {
    const line = `echo "${'a'.repeat(1 << 20)}" > x.md`;
    const t = Date.now();
    expect(await outcome(line)).toBe('shell.tooLong');
    expect(syncOutcome(line)).toBe('shell.tooLong');
    expect(parser.splitScript(line).length).toBe(1);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('lines just under the limit (long words, long sentences, many quotes) parse or fail without hanging', async () => {
    const r = rng(3);
    const sentence = Array.from({ length: 12_000 }, () => WORDS[Math.floor(r() * 40)]!).join(' ').slice(0, MAX_LINE - 10);
    const cases = [
      `spawn ${'x'.repeat(MAX_LINE - 10)}`,
      sentence,
      `please ${sentence}`,
      `send p2 ${'"a" '.repeat(10_000)}`,
      `${'('.repeat(30_000)}`,
      `llm.send(p2, "${'a,'.repeat(20_000)}")`,
      `ls ${'-'.repeat(MAX_LINE - 5)}`,
      `kill ${'the '.repeat(16_000)}`,
      `tell everyone ${'to '.repeat(16_000)}`,
    ];
    for (const line of cases) {
      const t = Date.now();
      await outcome(line);
      syncOutcome(line);
      expect(Date.now() - t, line.slice(0, 40)).toBeLessThan(3000);
    }
  }, 60_000);

  it('the empty line and a comment are syntax errors for parse and null for parseSync', async () => {
    expect(await outcome('   ')).toBe('shell.syntax');
    expect(await outcome('# just a comment')).toBe('shell.syntax');
    expect(parser.parseSync('')).toBeNull();
  });
});
