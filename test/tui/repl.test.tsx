import React from 'react';
import chalk from 'chalk';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { runBackendRepl } from '../../src/tui/repl.js';
import { ShellApp } from '../../src/tui/ShellApp.js';
import { fakeBackend } from './fake-backend.js';

afterEach(() => cleanup());

/** A terminal for the real Ink renderer: a TTY-like stdout that keeps what was written, and a stdin we type into. */
class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  written = '';
  write(s: string): boolean {
    this.written += s;
    return true;
  }
}
class FakeStdin extends EventEmitter {
  isTTY = true;
  raw: boolean[] = [];
  private buf: string[] = [];
  setEncoding(): void {}
  setRawMode(on: boolean): void {
    this.raw.push(on);
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): string | null {
    return this.buf.shift() ?? null;
  }
  type(s: string): void {
    this.buf.push(s);
    this.emit('readable');
  }
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
async function until(test: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await tick(10);
  }
}

function terminal() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  return { stdout, stdin, io: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream } };
}

describe('runBackendRepl', () => {
  it('resolves with 0 on Ctrl-D, closes the backend and leaves raw mode', async () => {
    const t = terminal();
    const b = fakeBackend();
    const done = runBackendRepl(b, { ...t.io, color: false });
    await until(() => t.stdout.written.includes('ada@nlsh:/$'), 'the prompt');
    expect(t.stdin.raw[0]).toBe(true);
    await tick(50);
    t.stdin.type('\u0004');
    expect(await done).toBe(0);
    expect(b.closed).toBe(true);
    expect(t.stdin.raw.at(-1)).toBe(false);
  });

  it('resolves with the code of `exit 4`', async () => {
    const t = terminal();
    const done = runBackendRepl(fakeBackend(), { ...t.io, color: false });
    await until(() => t.stdout.written.includes('ada@nlsh:/$'), 'the prompt');
    await tick(50);
    t.stdin.type('exit 4\r');
    expect(await done).toBe(4);
  });

  it('hands the terminal to top and comes back to a prompt afterwards', async () => {
    const t = terminal();
    const b = fakeBackend();
    const run = b.run;
    b.run = async (line, hooks) => (line === 'top' ? { input: line, ok: true, fullscreen: 'top' } : run(line, hooks));
    let tops = 0;
    let after = 0;
    const done = runBackendRepl(b, {
      ...t.io,
      color: false,
      runTop: async () => {
        tops++;
        after = t.stdout.written.length;
      },
    });
    await until(() => t.stdout.written.includes('ada@nlsh:/$'), 'the prompt');
    await tick(50);
    t.stdin.type('top\r');
    await until(() => tops === 1, 'top to run');
    await until(() => t.stdout.written.slice(after).includes('ada@nlsh:/$'), 'a prompt after top');
    await tick(50);
    t.stdin.type('\u0004');
    expect(await done).toBe(0);
  });
});

describe('colours', () => {
  it('shows errors in red and hints in yellow when colour is on', async () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const { lastFrame, stdin } = render(<ShellApp backend={fakeBackend()} onLeave={() => undefined} />);
      await tick(30);
      stdin.write('cd /nowhere\r');
      await until(() => (lastFrame() ?? '').includes('hint:'), 'the error');
      const f = lastFrame()!;
      expect(f).toMatch(/\u001b\[31m[^\n]*error: no such directory: \/nowhere \(fs\.notFound\)/);
      expect(f).toMatch(/\u001b\[33m[^\n]*hint: try ls/);
    } finally {
      chalk.level = level;
    }
  });
});
