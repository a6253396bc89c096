// The one mode decision and the colour decision.
import { describe, expect, it } from 'vitest';
import { colorLevel, decideMode } from '../../src/cli/mode.js';

describe('mode decision', () => {
  it('the REPL only when stdin and stdout are both terminals', () => {
    expect(decideMode({ stdinIsTTY: true, stdoutIsTTY: true })).toEqual({ kind: 'tui' });
    expect(decideMode({ stdinIsTTY: false, stdoutIsTTY: true })).toEqual({ kind: 'stdin' });
    expect(decideMode({ stdinIsTTY: true, stdoutIsTTY: false })).toEqual({ kind: 'stdin' });
  });

  it('--json in a terminal reads lines and answers in JSON instead of starting the REPL', () => {
    expect(decideMode({ stdinIsTTY: true, stdoutIsTTY: true, json: true })).toEqual({ kind: 'stdin' });
  });

  it('-c beats a script, a script beats the terminal test, and - means stdin', () => {
    expect(decideMode({ command: 'ls', script: 'a.nl', stdinIsTTY: true, stdoutIsTTY: true })).toEqual({ kind: 'command', text: 'ls' });
    expect(decideMode({ script: 'a.nl', stdinIsTTY: true, stdoutIsTTY: true })).toEqual({ kind: 'script', file: 'a.nl' });
    expect(decideMode({ script: '-', stdinIsTTY: true, stdoutIsTTY: true })).toEqual({ kind: 'stdin' });
  });
});

describe('colour', () => {
  it('on for a terminal, off for a pipe', () => {
    expect(colorLevel({ isTTY: true, env: {} })).toBe(1);
    expect(colorLevel({ isTTY: false, env: {} })).toBe(0);
  });

  it('NO_COLOR turns it off unless empty; FORCE_COLOR turns it on with its level; --no-color wins', () => {
    expect(colorLevel({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(0);
    expect(colorLevel({ isTTY: true, env: { NO_COLOR: '' } })).toBe(1);
    expect(colorLevel({ isTTY: false, env: { FORCE_COLOR: '3' } })).toBe(3);
    expect(colorLevel({ isTTY: false, env: { FORCE_COLOR: '' } })).toBe(1);
    expect(colorLevel({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(0);
    expect(colorLevel({ noColor: true, isTTY: true, env: { FORCE_COLOR: '1' } })).toBe(0);
  });
});
