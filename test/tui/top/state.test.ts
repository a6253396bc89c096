import { describe, expect, it } from 'vitest';
import { initialState, reduceKey, visibleRows, type KeyPress, type TopState } from '../../../src/tui/top/top-state.js';
import { TopSampler } from '../../../src/tui/top/top-sampler.js';
import { fakeSource, pcb } from './fixtures.js';

const rows = new TopSampler(fakeSource([pcb(1, { priority: 5 }), pcb(2, { priority: 0 }), pcb(3, { priority: 19, name: 'reviewer' })])).sample().processes;
const press = (s: TopState, k: KeyPress | string) => reduceKey(s, typeof k === 'string' ? { input: k } : k, rows);

describe('top keys', () => {
  it('arrows move the selection within the rows', () => {
    let s = initialState();
    [s] = press(s, { input: '', downArrow: true });
    [s] = press(s, { input: '', downArrow: true });
    [s] = press(s, { input: '', downArrow: true });
    expect(s.selected).toBe(2);
    [s] = press(s, { input: '', upArrow: true });
    expect(s.selected).toBe(1);
  });

  it('k asks for confirmation and only y kills', () => {
    let [s, a] = press(initialState(), 'k');
    expect(a.kind).toBe('none');
    expect(s.confirmKill).toBe('p1');
    [s, a] = press(s, 'n');
    expect(a.kind).toBe('none');
    expect(s.confirmKill).toBeNull();
    [s] = press(s, 'k');
    [, a] = press(s, 'y');
    expect(a).toEqual({ kind: 'syscall', name: 'proc.kill', args: { pid: 'p1' } });
  });

  it('s, r, + and - act on the selected process', () => {
    const s = { ...initialState(), selected: 0 };
    expect(press(s, 's')[1]).toEqual({ kind: 'syscall', name: 'proc.suspend', args: { pid: 'p1' } });
    expect(press(s, 'r')[1]).toEqual({ kind: 'syscall', name: 'proc.resume', args: { pid: 'p1' } });
    expect(press(s, '+')[1]).toEqual({ kind: 'syscall', name: 'proc.renice', args: { pid: 'p1', priority: 4 } });
    expect(press(s, '-')[1]).toEqual({ kind: 'syscall', name: 'proc.renice', args: { pid: 'p1', priority: 6 } });
  });

  it('+ at priority 0 and - at 19 say so instead of calling renice', () => {
    const top = { ...initialState(), sort: 'priority' as const };
    const [s1, a1] = press(top, '+');
    expect(a1.kind).toBe('none');
    expect(s1.status).toMatch(/highest priority/);
    const [s2, a2] = press({ ...top, selected: 2 }, '-');
    expect(a2.kind).toBe('none');
    expect(s2.status).toMatch(/lowest priority/);
  });

  it('/ edits a filter that narrows the rows; Esc clears it', () => {
    let [s] = press(initialState(), '/');
    for (const ch of 'review') [s] = press(s, ch);
    expect(s.filter).toBe('review');
    expect(visibleRows(rows, s).map((r) => r.pid)).toEqual(['p3']);
    [s] = press(s, { input: '', return: true });
    expect(s.editingFilter).toBe(false);
    expect(press(s, 'k')[0].confirmKill).toBe('p3');
    [s] = press(s, { input: '', escape: true });
    expect(s.filter).toBe('');
  });

  it('< and > change the sort column and i inverts it', () => {
    let [s] = press(initialState(), '>');
    expect(s.sort).toBe('name');
    [s] = press(s, '>');
    [s] = press(s, '>');
    expect(s.sort).toBe('priority');
    expect(visibleRows(rows, s).map((r) => r.pid)).toEqual(['p2', 'p1', 'p3']);
    [s] = press(s, 'i');
    expect(visibleRows(rows, s).map((r) => r.pid)).toEqual(['p3', 'p1', 'p2']);
    [s] = press(initialState(), '<');
    expect(s.sort).toBe('uptime');
  });

  it('tab cycles pane focus, p pauses, ? shows help, q quits', () => {
    let [s] = press(initialState(), { input: '', tab: true });
    expect(s.focus).toBe('messages');
    [s] = press(s, { input: '', tab: true, shift: true });
    expect(s.focus).toBe('processes');
    [s] = press(s, 'p');
    expect(s.paused).toBe(true);
    [s] = press(s, '?');
    expect(s.help).toBe(true);
    [s] = press(s, 'x');
    expect(s.help).toBe(false);
    expect(press(s, 'q')[1]).toEqual({ kind: 'quit' });
  });
});
