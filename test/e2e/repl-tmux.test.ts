// The interactive shell in a real terminal: the built binary runs inside tmux; keys go in with
// send-keys and the screen comes back with capture-pane. Needs tmux and a build (dist/).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { lockHolder } from '../../src/kernel/home-lock.js';
import { HAS_TMUX, keys, screen, tmux, typeText, waitFor } from '../helpers/tmux.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
if (!HAS_TMUX) console.warn('repl-tmux: tmux is not installed; skipping the real-terminal tests (apt-get install tmux)');

const sessions: string[] = [];
let home = '';
let seq = 0;

/** Starts nlsh in a fresh 120x40 tmux session; the pane stays to show how nlsh exited. */
function start(): string {
  const name = `nlsh-e2e-${process.pid}-${++seq}`;
  const cmd = `node ${JSON.stringify(join(ROOT, 'bin', 'nlsh'))} --home ${JSON.stringify(home)} --embedder hash; echo "[nlsh exited $?]"; sleep 600`;
  tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', 'sh', '-c', cmd);
  sessions.push(name);
  return name;
}

/** The last non-empty line on the screen (the prompt line while idle). */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1)?.trimEnd() ?? '';
const PROMPT = /@nlsh:\/\S*\$/;

describe.skipIf(!HAS_TMUX)('the interactive shell in a real terminal (tmux)', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    }
    home = mkdtempSync(join(tmpdir(), 'nlsh-tmux-'));
  }, 180_000);

  afterEach(async () => {
    for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
    // The tests share one home, and a home has one writer at a time: wait for the killed nlsh to go.
    const end = Date.now() + 10_000;
    while (lockHolder(home) !== null && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('runs pwd and shows / with what it understood', async () => {
    const s = start();
    await waitFor(s, PROMPT);
    typeText(s, 'pwd');
    keys(s, 'Enter');
    const text = await waitFor(s, /-> fs\.pwd \{\}\n\/\s*\n[\s\S]*@nlsh:\/\$/);
    expect(text).toMatch(/@nlsh:\/\$ pwd/);
  });

  it('Ctrl-L clears the screen and draws the prompt again at once', async () => {
    const s = start();
    await waitFor(s, PROMPT);
    typeText(s, 'pwd');
    keys(s, 'Enter');
    await waitFor(s, /-> fs\.pwd \{\}/);
    keys(s, 'C-l');
    const end = Date.now() + 20_000;
    let text = screen(s);
    while ((/fs\.pwd/.test(text) || !PROMPT.test(text)) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      text = screen(s);
    }
    expect(text).not.toMatch(/fs\.pwd/);
    expect(lastLine(text)).toMatch(PROMPT);
  });

  it('Ctrl-Z leaves the parent shell a cooked terminal, and fg brings back a prompt that runs commands', async () => {
    // job control needs an interactive shell in the pane, not sh -c
    const s = `nlsh-e2e-${process.pid}-${++seq}`;
    tmux('new-session', '-d', '-s', s, '-x', '120', '-y', '40', 'bash', '--norc', '--noprofile', '-i');
    sessions.push(s);
    await waitFor(s, /[#$] ?$/m); // bash's prompt (# as root): typeahead sent before it may be dropped
    typeText(s, `node ${JSON.stringify(join(ROOT, 'bin', 'nlsh'))} --home ${JSON.stringify(home)} --embedder hash`);
    keys(s, 'Enter');
    await waitFor(s, PROMPT);
    keys(s, 'C-z');
    await waitFor(s, /Stopped/);
    typeText(s, "stty -a | grep -o -- '-\\?icanon' | head -1");
    keys(s, 'Enter');
    // cooked: the parent shell's terminal reads lines (icanon), not raw keys (-icanon)
    expect(await waitFor(s, /^-?icanon$/m)).toMatch(/^icanon$/m);
    typeText(s, 'fg');
    keys(s, 'Enter');
    // the redrawn prompt at the top of a cleared screen, not the old one still shown above
    // "Stopped": keys typed before nlsh is running again reach a cooked terminal
    await waitFor(s, /^\S+@nlsh:\/\S*\$/);
    typeText(s, 'pwd');
    keys(s, 'Enter');
    // raw again: Enter submits the line (a cooked terminal would send a newline and continue it)
    await waitFor(s, /-> fs\.pwd \{\}\n\/\s*\n/);
  });

  it('remembers history across restarts: Up after a restart brings back the last command', async () => {
    const first = start();
    await waitFor(first, PROMPT);
    typeText(first, 'ls /knowledge');
    keys(first, 'Enter');
    await waitFor(first, /-> fs\.ls/);
    await waitFor(first, /\n\S+@nlsh:\/\$\s*$/);
    keys(first, 'C-d');
    await waitFor(first, /\[nlsh exited 0\]/);
    const second = start();
    await waitFor(second, PROMPT);
    keys(second, 'Up');
    const text = await waitFor(second, /@nlsh:\/\$ ls \/knowledge\s*$/);
    expect(lastLine(text)).toMatch(/@nlsh:\/\$ ls \/knowledge$/);
  });

  it('completes a command word and a VectorFS path with Tab', async () => {
    const s = start();
    await waitFor(s, PROMPT);
    typeText(s, 'mkdi');
    keys(s, 'Tab');
    await waitFor(s, /@nlsh:\/\$ mkdir\s*$/);
    keys(s, 'C-u');
    typeText(s, 'cd /kno');
    keys(s, 'Tab');
    const text = await waitFor(s, /@nlsh:\/\$ cd \/knowledge\/\s*$/);
    expect(lastLine(text)).toMatch(/cd \/knowledge\/$/);
    keys(s, 'Enter');
    await waitFor(s, /@nlsh:\/knowledge\$\s*$/);
  });

  it('Ctrl-C cancels a running wait and the shell survives', async () => {
    const s = start();
    await waitFor(s, PROMPT);
    typeText(s, 'spawn "a process that never ends"');
    keys(s, 'Enter');
    const spawned = await waitFor(s, /-> proc\.spawn[\s\S]*\n\S+@nlsh:\/\$\s*$/);
    const pid = /\b(p\d+)\b/.exec(spawned.slice(spawned.indexOf('-> proc.spawn')))?.[1] ?? 'p1';
    typeText(s, `wait ${pid}`);
    keys(s, 'Enter');
    await waitFor(s, /running… \(Ctrl-C cancels\)/);
    keys(s, 'C-c');
    await waitFor(s, /\^C cancelled[\s\S]*\n\S+@nlsh:\/\$\s*$/);
    typeText(s, 'pwd');
    keys(s, 'Enter');
    await waitFor(s, /-> fs\.pwd/);
    expect(screen(s)).not.toMatch(/nlsh exited/);
  });

  it('asks which directory was meant when cd "..." finds two equally close ones', async () => {
    const s = start();
    await waitFor(s, PROMPT);
    // The hash embedder gives equal names and descriptions equal vectors: a tie.
    for (const dir of ['/apps/one/notes', '/apps/two/notes']) {
      typeText(s, `mkdir -p ${dir} "kitchen recipes"`);
      keys(s, 'Enter');
      await waitFor(s, new RegExp(`created ${dir}[\\s\\S]*@nlsh:/\\$\\s*$`));
    }
    typeText(s, 'cd "notes kitchen recipes"');
    keys(s, 'Enter');
    await waitFor(s, /which did you mean\?\n> 1\) \/apps\/one\/notes.*\n  2\) \/apps\/two\/notes/);
    keys(s, '2');
    await waitFor(s, /@nlsh:\/apps\/two\/notes\$\s*$/);
  });

  it('Ctrl-D on an empty line leaves the shell with exit code 0', async () => {
    const s = start();
    await waitFor(s, PROMPT);
    keys(s, 'C-d');
    await waitFor(s, /\[nlsh exited 0\]/);
  });
});
