import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ShellApp, type ShellLeave } from '../../src/tui/ShellApp.js';
import { fakeBackend, type FakeBackend } from './fake-backend.js';

afterEach(() => cleanup());

const KEY = { up: '\u001b[A', down: '\u001b[B', left: '\u001b[D', enter: '\r', tab: '\t', ctrlC: '\u0003', ctrlD: '\u0004', ctrlR: '\u0012', ctrlJ: '\n', ctrlA: '\u0001', ctrlK: '\u000b', esc: '\u001b' };
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function until(frame: () => string | undefined, test: RegExp | ((f: string) => boolean), ms = 2000): Promise<string> {
  const ok = typeof test === 'function' ? test : (f: string) => test.test(f);
  const end = Date.now() + ms;
  for (;;) {
    const f = frame() ?? '';
    if (ok(f)) return f;
    if (Date.now() > end) throw new Error(`frame never matched ${String(test)}:\n${f}`);
    await tick(10);
  }
}

/** The live (last) line of the frame: where the prompt is. */
const lastLine = (f: string) => f.trimEnd().split('\n').at(-1) ?? '';

function shell(backend: FakeBackend = fakeBackend(), grace = 1000) {
  const left: ShellLeave[] = [];
  const inst = render(<ShellApp backend={backend} onLeave={(r) => left.push(r)} cancelGraceMs={grace} welcome="nlsh test" />);
  const type = async (...keys: string[]) => {
    // Let a freshly shown component attach its key listener before typing.
    await tick(15);
    for (const k of keys) {
      inst.stdin.write(k);
      await tick(15);
    }
  };
  return { backend, left, type, ...inst };
}

describe('the interactive shell', () => {
  it('shows the user and the current directory in the prompt', async () => {
    const { lastFrame } = shell();
    const f = await until(lastFrame, /ada@nlsh:\/\$/);
    expect(f).toContain('nlsh test');
  });

  it('runs a line, shows what it understood and the result, then a prompt with the new cwd', async () => {
    const { lastFrame, type, backend } = shell();
    await until(lastFrame, /\$/);
    await type('cd /knowledge', KEY.enter);
    const f = await until(lastFrame, /ada@nlsh:\/knowledge\$\s*$/m);
    expect(f).toContain('ada@nlsh:/$ cd /knowledge');
    expect(f).toContain('-> fs.cd {"path":"/knowledge"}');
    expect(backend.ran).toEqual(['cd /knowledge']);
  });

  it('shows an error in words with its code and a hint', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('cd /nowhere', KEY.enter);
    const f = await until(lastFrame, /hint:/);
    expect(f).toContain('error: no such directory: /nowhere (fs.notFound)');
    expect(f).toContain('hint: try ls, or cd "a description"');
  });

  it('handles a whole chunk of keys at once (a paste or tmux send-keys)', async () => {
    const { lastFrame, type, backend } = shell();
    await until(lastFrame, /\$/);
    await type('pwd\rcd /apps\r');
    await until(lastFrame, /ada@nlsh:\/apps\$\s*$/m);
    expect(backend.ran).toEqual(['pwd', 'cd /apps']);
  });

  it('keeps keys typed while a command runs and replays them at the next prompt', async () => {
    const { lastFrame, type, backend } = shell();
    await until(lastFrame, /\$/);
    await type('spawn a coder', KEY.enter);
    await type('cd /ap');
    await until(lastFrame, /p1[\s\S]*ada@nlsh:\/\$ cd \/ap/);
    await type('ps', KEY.enter);
    await until(lastFrame, /ada@nlsh:\/apps\$/);
    expect(backend.ran).toEqual(['spawn a coder', 'cd /apps']);
  });

  it('recalls history with up and down, restoring the draft below the newest', async () => {
    const { lastFrame, type } = shell(fakeBackend(['ls /agents', 'ps']));
    await until(lastFrame, /\$/);
    await type('dra', KEY.up);
    expect(lastLine(await until(lastFrame, /\$ ps/))).toBe('ada@nlsh:/$ ps');
    await type(KEY.up);
    expect(lastLine(await until(lastFrame, /\$ ls \/agents/))).toBe('ada@nlsh:/$ ls /agents');
    await type(KEY.up);
    expect(lastLine(lastFrame()!)).toBe('ada@nlsh:/$ ls /agents');
    await type(KEY.down, KEY.down);
    expect(lastLine(await until(lastFrame, (f) => lastLine(f).endsWith('dra')))).toBe('ada@nlsh:/$ dra');
  });

  it('adds each command to the history so Up brings it back', async () => {
    const { lastFrame, type, backend } = shell();
    await until(lastFrame, /\$/);
    await type('pwd', KEY.enter);
    await until(lastFrame, /fs\.pwd/);
    await type(KEY.up);
    expect(lastLine(await until(lastFrame, (f) => lastLine(f) === 'ada@nlsh:/$ pwd'))).toBe('ada@nlsh:/$ pwd');
    expect(backend.lines).toEqual(['pwd']);
  });

  it('finds an older command with Ctrl-R and runs it with Enter', async () => {
    const { lastFrame, type, backend } = shell(fakeBackend(['cd /apps', 'pwd', 'ls /agents']));
    await until(lastFrame, /\$/);
    await type(KEY.ctrlR, 'cd');
    await until(lastFrame, /\(reverse-i-search\)`cd': cd \/apps/);
    await type('x');
    await until(lastFrame, /failed reverse-i-search/);
    await type('\u007f', KEY.enter);
    await until(lastFrame, /ada@nlsh:\/apps\$\s*$/m);
    expect(backend.ran).toEqual(['cd /apps']);
  });

  it('Escape leaves the reverse search with the line as it was', async () => {
    const { lastFrame, type } = shell(fakeBackend(['cd /apps']));
    await until(lastFrame, /\$/);
    await type('pw', KEY.ctrlR, 'apps');
    await until(lastFrame, /reverse-i-search/);
    await type(KEY.esc);
    await tick(80);
    expect(lastLine(await until(lastFrame, (f) => !f.includes('reverse-i-search')))).toBe('ada@nlsh:/$ pw');
  });

  it('completes a command word with Tab', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('mou', KEY.tab);
    expect(lastLine(await until(lastFrame, /mount/))).toBe('ada@nlsh:/$ mount');
  });

  it('completes a path to its one candidate, and lists several candidates after the common prefix', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('cd /kno', KEY.tab);
    await until(lastFrame, /cd \/knowledge\//);
    await type(KEY.ctrlA, KEY.ctrlK, 'ls /k', KEY.tab);
    const f = await until(lastFrame, /kernel-notes/);
    expect(f).toMatch(/^knowledge\/\s+kernel-notes\/$/m);
    expect(f).toContain('ada@nlsh:/$ ls /k');
  });

  it('continues a line ending in a backslash and joins it with a space', async () => {
    const { lastFrame, type, backend } = shell();
    await until(lastFrame, /\$/);
    await type('cd \\', KEY.enter);
    await until(lastFrame, /^>\s*$/m);
    await type('/apps', KEY.enter);
    const f = await until(lastFrame, /ada@nlsh:\/apps\$/);
    expect(f).toContain('ada@nlsh:/$ cd \\\n> /apps');
    expect(backend.ran).toEqual(['cd  /apps']);
  });

  it('keeps a Ctrl-J newline inside the submitted input', async () => {
    const { lastFrame, type, backend } = shell();
    await until(lastFrame, /\$/);
    await type('write /a', KEY.ctrlJ, 'second line');
    await until(lastFrame, /^> second line/m);
    await type(KEY.enter);
    await until(lastFrame, /shell\.unknownCommand/);
    expect(backend.ran).toEqual(['write /a\nsecond line']);
  });

  it('Ctrl-C cancels a running command and the shell stays', async () => {
    const { lastFrame, type, left, backend } = shell();
    await until(lastFrame, /\$/);
    await type('wait p1', KEY.enter);
    await until(lastFrame, /running… \(Ctrl-C cancels\)/);
    expect(lastFrame()).toContain('-> proc.wait {"pid":"p1"}');
    await type(KEY.ctrlC);
    const f = await until(lastFrame, /\^C cancelled[\s\S]*ada@nlsh:\/\$/);
    expect(f).not.toContain('sys.cancelled');
    expect(left).toEqual([]);
    await type('pwd', KEY.enter);
    await until(lastFrame, /fs\.pwd/);
    expect(backend.ran).toEqual(['wait p1', 'pwd']);
  });

  it('brings the prompt back after a grace period when a command ignores Ctrl-C', async () => {
    const { lastFrame, type, left } = shell(fakeBackend(), 100);
    await until(lastFrame, /\$/);
    await type('hang', KEY.enter);
    await until(lastFrame, /running…/);
    await type(KEY.ctrlC);
    await until(lastFrame, /cancelling…/);
    await until(lastFrame, /\^C cancelled[\s\S]*ada@nlsh:\/\$\s*$/);
    expect(left).toEqual([]);
  });

  it('a command given up on cannot write into, or ask questions during, the next one', async () => {
    const { lastFrame, type } = shell(fakeBackend(), 50);
    await until(lastFrame, /\$/);
    await type('zombie', KEY.enter, KEY.ctrlC);
    await until(lastFrame, /\^C cancelled[\s\S]*ada@nlsh:\/\$\s*$/);
    await type('wait p1', KEY.enter);
    await until(lastFrame, /running…/);
    await tick(500);
    const f = lastFrame()!;
    expect(f).not.toContain('late output');
    expect(f).not.toContain('late question?');
    expect(f).not.toContain('late result');
    await type(KEY.ctrlC);
    await until(lastFrame, /proc\.wait[\s\S]*\^C cancelled/);
  });

  it('Ctrl-Z suspends with cooked mode and a visible cursor, and fg brings back the prompt with the line kept', async () => {
    const calls: string[] = [];
    let cont: () => void = () => {};
    const left: ShellLeave[] = [];
    const inst = render(<ShellApp backend={fakeBackend()} onLeave={(r) => left.push(r)} welcome="nlsh test" suspend={async (io) => {
      io.setRawMode(false);
      calls.push('stopped');
      await new Promise<void>((r) => { cont = r; });
      io.setRawMode(true);
      calls.push('continued');
    }} />);
    await until(inst.lastFrame, /\$/);
    await tick(15);
    inst.stdin.write('half');
    await tick(15);
    inst.stdin.write('\u001a');
    await tick(15);
    expect(calls).toEqual(['stopped']);
    cont();
    await tick(15);
    expect(calls).toEqual(['stopped', 'continued']);
    const f = await until(inst.lastFrame, /ada@nlsh:\/\$ half/);
    expect(lastLine(f)).toBe('ada@nlsh:/$ half');
    expect(left).toEqual([]);
  });

  it('Ctrl-Z where there is no job control says so and the shell stays', async () => {
    const inst = render(<ShellApp backend={fakeBackend()} onLeave={() => {}} suspend={() => Promise.reject(new Error('Ctrl-Z: there is no job control on Windows; the shell stays'))} />);
    await until(inst.lastFrame, /\$/);
    await tick(15);
    inst.stdin.write('\u001a');
    const f = await until(inst.lastFrame, /no job control/);
    expect(lastLine(f)).toBe('ada@nlsh:/$');
  });

  it('Ctrl-C on the prompt drops the line and never leaves', async () => {
    const { lastFrame, type, left } = shell();
    await until(lastFrame, /\$/);
    await type('half typed', KEY.ctrlC);
    const f = await until(lastFrame, /half typed\^C/);
    expect(lastLine(f)).toBe('ada@nlsh:/$');
    expect(left).toEqual([]);
  });

  it('Ctrl-D on an empty line leaves with code 0, but deletes a character on a non-empty line', async () => {
    const { lastFrame, type, left } = shell();
    await until(lastFrame, /\$/);
    await type('pwdx', KEY.left, KEY.ctrlD);
    expect(lastLine(await until(lastFrame, (f) => lastLine(f) === 'ada@nlsh:/$ pwd'))).toBe('ada@nlsh:/$ pwd');
    expect(left).toEqual([]);
    await type(KEY.ctrlA, KEY.ctrlK, KEY.ctrlD);
    await until(() => String(left.length), /1/);
    expect(left).toEqual([{ kind: 'exit', code: 0 }]);
  });

  it('`exit` leaves, and a backend outcome may ask to leave with a code', async () => {
    const a = shell();
    await until(a.lastFrame, /\$/);
    await a.type('exit', KEY.enter);
    await until(() => String(a.left.length), /1/);
    expect(a.left).toEqual([{ kind: 'exit', code: 0 }]);
    expect(a.backend.ran).toEqual([]);
    const b = shell();
    await until(b.lastFrame, /\$/);
    await b.type('bye', KEY.enter);
    await until(() => String(b.left.length), /1/);
    expect(b.left).toEqual([{ kind: 'exit', code: 3 }]);
  });

  it('asks before a destructive call and carries it out on y', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('kill p3', KEY.enter);
    const f = await until(lastFrame, /kill p3\? \[y\/N\]/);
    expect(f).toContain('-> proc.kill {"pid":"p3"}');
    await type('y');
    await until(lastFrame, /killed p3/);
  });

  it('does not carry out a destructive call on n', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('kill p3', KEY.enter);
    await until(lastFrame, /\[y\/N\]/);
    await type('n');
    const f = await until(lastFrame, /not confirmed/);
    expect(f).not.toContain('killed p3');
  });

  it('asks which of two close directories was meant', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('cd "close"', KEY.enter);
    const f = await until(lastFrame, /Which directory did you mean\?/);
    expect(f).toMatch(/> 1\) \/knowledge\/ml/);
    expect(f).toMatch(/  2\) \/knowledge\/ai/);
    await type(KEY.down, KEY.enter);
    await until(lastFrame, /ada@nlsh:\/knowledge\/ai\$/);
  });

  it('shows a progress bar for long work', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('mount ./docs', KEY.enter);
    const f = await until(lastFrame, /\[#+-+\]/);
    expect(f).toContain('[###############---------------]  50% a.md (5/10)');
    await type(KEY.ctrlC);
    await until(lastFrame, /\^C cancelled/);
  });

  it('streams agent output while the command runs and keeps it afterwards', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('spawn a coder', KEY.enter);
    await until(lastFrame, /Thinking about the task…\nstep 2/);
    const f = await until(lastFrame, /p1[\s\S]*\$\s*$/);
    expect(f).toMatch(/Thinking about the task…\nstep 2\np1/);
  });

  it('wraps streamed output to the terminal and shows escape sequences from a model as ?', async () => {
    const { lastFrame, type } = shell();
    await until(lastFrame, /\$/);
    await type('chatter', KEY.enter);
    const live = await until(lastFrame, /cleared\?/);
    expect(live).toContain('?[2J cleared?');
    expect(live).not.toContain('\u001b[2J');
    for (const l of live.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
    expect(live).toMatch(/word0 word1 .*\n.*word\d+ /);
    // Only the last 15 lines stay on screen while it streams, with a count of those above.
    const tail = await until(lastFrame, /last line/);
    expect(tail).toMatch(/… \d+ lines above\n/);
    expect(tail).not.toContain('line 3\n');
    expect(tail).toContain('line 19\nlast line');
    const done = await until(lastFrame, /chatted/);
    expect(done).toContain('?[2J cleared?');
    expect(done).not.toContain('\u001b[2J');
  });

  it('shows background agent output as lines above the prompt', async () => {
    const { lastFrame, backend } = shell();
    await until(lastFrame, /\$/);
    backend.emitOutput('p2', 'hello ', false);
    backend.emitOutput('p2', 'world\nsecond', false);
    await until(lastFrame, /\[p2\] hello world/);
    expect(lastFrame()).not.toContain('[p2] second');
    backend.emitOutput('p2', ' part', true);
    await until(lastFrame, /\[p2\] second part/);
  });

  it('shows notices as nlsh: lines above the prompt; one said while a command runs waits for its end', async () => {
    const { lastFrame, backend, type } = shell();
    await until(lastFrame, /\$/);
    backend.emitNotice('p1 uses a model without tool support');
    await until(lastFrame, /nlsh: p1 uses a model without tool support\n/);
    await type('wait p1', KEY.enter);
    await until(lastFrame, /proc\.wait/);
    backend.emitNotice('the index was repaired');
    await new Promise((r) => setTimeout(r, 100));
    expect(lastFrame()).not.toContain('the index was repaired');
    await type(KEY.ctrlC);
    await until(lastFrame, /nlsh: the index was repaired/);
  });
});
