// Persistent, capped history in a temp home.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyPath, openHistory } from '../../src/shell/history.js';

const dirs: string[] = [];
const home = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nlsh-hist-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('history', () => {
  it('survives a reopen, oldest first', () => {
    const file = historyPath(home());
    const h = openHistory(file);
    h.add('ls');
    h.add('ps');
    expect(openHistory(file).entries()).toEqual(['ls', 'ps']);
  });

  it('skips blank lines and an immediate repeat', () => {
    const h = openHistory(historyPath(home()));
    h.add('ls');
    h.add('ls');
    h.add('   ');
    h.add('ps');
    h.add('ls');
    expect(h.entries()).toEqual(['ls', 'ps', 'ls']);
  });

  it('keeps at most max entries, in memory and after a reopen', () => {
    const file = historyPath(home());
    const h = openHistory(file, 3);
    for (let i = 0; i < 10; i++) h.add(`cmd ${i}`);
    expect(h.entries()).toEqual(['cmd 7', 'cmd 8', 'cmd 9']);
    expect(openHistory(file, 3).entries()).toEqual(['cmd 7', 'cmd 8', 'cmd 9']);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeLessThanOrEqual(6);
  });

  it('keeps multi-line inputs and backslashes intact', () => {
    const file = historyPath(home());
    openHistory(file).add('echo "a\\nb"\nls');
    expect(openHistory(file).entries()).toEqual(['echo "a\\nb"\nls']);
  });

  it('an unwritable history file fails with shell.history', () => {
    const d = home();
    const h = openHistory(join(d, 'nope', '\u0000bad'));
    expect(() => h.add('ls')).toThrow(expect.objectContaining({ code: 'shell.history' }));
  });
});
