// `nlsh top` in a real terminal (tmux), with a workload: a piped nlsh owns the home and
// spawns processes and sends messages over time while top, in another process, watches it
// read-only; then top run on a free home owns the kernel and kills a process with `k`, `y`.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockHolder } from '../../src/kernel/home-lock.js';
import { HAS_TMUX, tmux, waitFor } from '../helpers/tmux.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'nlsh');
if (!HAS_TMUX) console.warn('top-tmux: tmux is not installed; skipping (apt-get install tmux)');

const sessions: string[] = [];
const children: ChildProcess[] = [];
const homes: string[] = [];
let seq = 0;


function startTop(home: string, width = 100, height = 30): string {
  const name = `nlsh-top-${process.pid}-${++seq}`;
  // CI=true: nlsh must draw live in a terminal even when a CI variable is set (Ink alone would not).
  const cmd = `CI=true node ${JSON.stringify(BIN)} --home ${JSON.stringify(home)} --embedder hash top -d 0.2; echo "[top exited $?]"; sleep 600`;
  tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), 'sh', '-c', cmd);
  sessions.push(name);
  return name;
}

const newHome = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'nlsh-top-'));
  homes.push(h);
  return h;
};

describe.skipIf(!HAS_TMUX)('nlsh top in a real terminal (tmux)', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);

  afterEach(async () => {
    for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const h of homes.splice(0)) {
      const end = Date.now() + 10_000;
      while (lockHolder(h) !== null && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      rmSync(h, { recursive: true, force: true });
    }
  });

  it('watches a home another nlsh owns: processes and messages appear as the workload makes them', async () => {
    const home = newHome();
    const workload = spawn(process.execPath, [BIN, '--home', home, '--embedder', 'hash', '-y', '-'], { stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(workload);
    const line = (l: string): void => void workload.stdin!.write(`${l}\n`);
    line('spawn "a code reviewer" --name reviewer');
    line('spawn "a software architect" --name architect priority high');
    const end = Date.now() + 20_000;
    while (lockHolder(home) === null && Date.now() < end) await new Promise((r) => setTimeout(r, 50));

    const s = startTop(home);
    let text = await waitFor(s, /architect/);
    expect(text).toMatch(/Processes 2/);
    expect(text).toMatch(/p2\s+architect\s+\S+\s+RUNNING\s+5/);

    line('send reviewer "please review the login handler"');
    text = await waitFor(s, /please review the login handler/);
    expect(text).toMatch(/Messages 1/);
    line('spawn "a test writer" --name tester');
    line('broadcast "standup in five minutes"');
    text = await waitFor(s, /standup in five minutes/);
    expect(text).toMatch(/tester/);
    expect(text).toMatch(/Processes 3/);

    // Watching only: an action is refused with a clear status, and q leaves.
    tmux('send-keys', '-t', s, 'k');
    await waitFor(s, /kill p1\? \(y\/n\)/);
    tmux('send-keys', '-t', s, 'y');
    await waitFor(s, /watching only: this home belongs to nlsh pid \d+/);
    tmux('send-keys', '-t', s, 'q');
    await waitFor(s, /\[top exited 0\]/);
  });

  it('on a free home it owns the kernel: k then y kills the selected process, at 80x24', async () => {
    const home = newHome();
    execFileSync(process.execPath, [BIN, '--home', home, '--embedder', 'hash', '-c', 'spawn "a code reviewer" --name reviewer; spawn "a planner" --name planner']);
    const s = startTop(home, 80, 24);
    await waitFor(s, /planner/);
    // Under load a key can reach top before its rows or its input handler are ready (the Down
    // then selects nothing): any answer but y cancels, so select and ask again until p2 is named.
    for (let attempt = 0; ; attempt++) {
      tmux('send-keys', '-t', s, 'Down');
      tmux('send-keys', '-t', s, 'k');
      const asked = await waitFor(s, /kill p\d+\? \(y\/n\)/);
      if (/kill p2\? \(y\/n\)/.test(asked)) break;
      expect(attempt).toBeLessThan(4);
      tmux('send-keys', '-t', s, 'n');
      await waitFor(s, /kill cancelled/);
    }
    tmux('send-keys', '-t', s, 'y');
    // A terminated process leaves the table, as in top(1).
    const text = await waitFor(s, /kill p2: done/);
    expect(text).toMatch(/Processes 1/);
    expect(text).not.toMatch(/planner/);
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    tmux('send-keys', '-t', s, 'q');
    await waitFor(s, /\[top exited 0\]/);
    const ps = execFileSync(process.execPath, [BIN, '--home', home, '--embedder', 'hash', '--json', '-c', 'ps -a'], { encoding: 'utf8' });
    expect(JSON.parse(ps).result.processes.find((p: { pid: string }) => p.pid === 'p2').state).toBe('TERMINATED');
  });
});
