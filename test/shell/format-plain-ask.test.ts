// The plain rendering of ipc.ask: the answer as text, its lines kept, escape sequences from the
// model shown instead of obeyed; nothing when the REPL already streamed it.
import { describe, expect, it } from 'vitest';
import { formatPlain } from '../../src/shell/format-plain.js';
import type { Outcome } from '../../src/shell/runner.js';

const ask = (result: Record<string, unknown>): Outcome => ({ input: 'ask p1 "q"', ok: true, syscall: { name: 'ipc.ask', args: {} }, result });

describe('formatPlain for ask', () => {
  it('prints the answer with its lines, and a model escape sequence as visible text', () => {
    const r = formatPlain(ask({ answer: 'line one\nline two \u001b]52;c;aGk=\u0007\n', from: { pid: 'p1', name: 'coder-1' } }));
    expect(r.out).toBe('line one\nline two \\e]52;c;aGk=\\x07');
  });

  it('prints nothing of a streamed answer but says when the agent is now blocked', () => {
    expect(formatPlain(ask({ answer: 'x', streamed: true })).out).toBe('');
    expect(formatPlain(ask({ answer: 'x', blocked: 'budget exhausted' })).out).toBe('x\n(the agent is now blocked: budget exhausted)');
  });
});
