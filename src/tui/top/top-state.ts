// The interactive state of `top` (tui layer): selection, sort, filter, pane focus, pause,
// help and confirmation, as a pure reducer over key presses. The live app feeds it keys and
// carries out the actions it returns; tests drive it directly.
import type { ProcessRow } from './top-sampler.js';

export const SORT_COLUMNS = ['pid', 'name', 'state', 'priority', 'tokens', 'context', 'cpu', 'uptime'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const PANES = ['processes', 'messages', 'memory', 'metrics'] as const;
export type Pane = (typeof PANES)[number];

export interface TopState {
  selected: number; // index into the visible (sorted, filtered) rows
  sort: SortColumn;
  descending: boolean;
  filter: string;
  editingFilter: boolean;
  focus: Pane;
  paused: boolean;
  help: boolean;
  /** A kill waiting for y/n. */
  confirmKill: string | null;
  status: string;
}

/** What the app must do after a key: nothing, quit, or a syscall on the selected process. */
export type TopAction =
  | { kind: 'none' }
  | { kind: 'quit' }
  | { kind: 'syscall'; name: 'proc.kill' | 'proc.suspend' | 'proc.resume'; args: { pid: string } }
  | { kind: 'syscall'; name: 'proc.renice'; args: { pid: string; priority: number } };

export interface KeyPress {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

export function initialState(): TopState {
  return {
    selected: 0,
    sort: 'pid',
    descending: false,
    filter: '',
    editingFilter: false,
    focus: 'processes',
    paused: false,
    help: false,
    confirmKill: null,
    status: '',
  };
}

const NONE: TopAction = { kind: 'none' };

/** The rows as shown: filtered by name/pid/state/type substring, then sorted. */
export function visibleRows(rows: readonly ProcessRow[], s: Pick<TopState, 'sort' | 'descending' | 'filter'>): ProcessRow[] {
  const f = s.filter.toLowerCase();
  const out = f
    ? rows.filter((r) => `${r.pid} ${r.name} ${r.state} ${r.type}`.toLowerCase().includes(f))
    : rows.slice();
  const key = sortKey(s.sort);
  out.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (s.descending ? -c : c) || pidNumber(a.pid) - pidNumber(b.pid);
  });
  return out;
}

function pidNumber(pid: string): number {
  const n = Number(pid.replace(/^p/, ''));
  return Number.isFinite(n) ? n : 0;
}

function sortKey(col: SortColumn): (r: ProcessRow) => number | string {
  switch (col) {
    case 'pid': return (r) => pidNumber(r.pid);
    case 'name': return (r) => r.name;
    case 'state': return (r) => r.state;
    case 'priority': return (r) => r.priority;
    case 'tokens': return (r) => r.tokensConsumed;
    case 'context': return (r) => (r.contextMax ? r.contextUsed / r.contextMax : 0);
    case 'cpu': return (r) => r.cpuTimeMs;
    case 'uptime': return (r) => r.uptimeMs;
  }
}

/** Applies one key press; returns the next state and the action to carry out. */
export function reduceKey(s: TopState, key: KeyPress, rows: readonly ProcessRow[], pageSize = 10): [TopState, TopAction] {
  const visible = visibleRows(rows, s);
  const current = visible[Math.min(s.selected, visible.length - 1)];

  if (s.confirmKill) {
    if (key.input === 'y' || key.input === 'Y') {
      return [{ ...s, confirmKill: null, status: `killing ${s.confirmKill}` }, { kind: 'syscall', name: 'proc.kill', args: { pid: s.confirmKill } }];
    }
    return [{ ...s, confirmKill: null, status: 'kill cancelled' }, NONE];
  }
  if (s.editingFilter) {
    if (key.return || key.escape) return [{ ...s, editingFilter: false, ...(key.escape ? { filter: '' } : {}), selected: 0 }, NONE];
    if (key.backspace || key.delete) return [{ ...s, filter: s.filter.slice(0, -1), selected: 0 }, NONE];
    if (key.input && !key.ctrl && isPrintable(key.input)) return [{ ...s, filter: s.filter + key.input, selected: 0 }, NONE];
    return [s, NONE];
  }
  if (s.help) {
    if (key.input === 'q' && !key.ctrl) return [s, { kind: 'quit' }];
    return [{ ...s, help: false }, NONE];
  }

  const clampSel = (i: number): number => Math.max(0, Math.min(i, Math.max(visible.length - 1, 0)));
  if (key.upArrow) return [{ ...s, selected: clampSel(s.selected - 1) }, NONE];
  if (key.downArrow) return [{ ...s, selected: clampSel(s.selected + 1) }, NONE];
  if (key.pageUp) return [{ ...s, selected: clampSel(s.selected - pageSize) }, NONE];
  if (key.pageDown) return [{ ...s, selected: clampSel(s.selected + pageSize) }, NONE];
  if (key.tab) {
    const i = PANES.indexOf(s.focus);
    const next = PANES[(i + (key.shift ? PANES.length - 1 : 1)) % PANES.length]!;
    return [{ ...s, focus: next }, NONE];
  }
  if (key.escape) return [{ ...s, filter: '', status: '' }, NONE];
  if (key.ctrl && key.input === 'c') return [s, { kind: 'quit' }];

  switch (key.input) {
    case 'q':
      return [s, { kind: 'quit' }];
    case '?':
    case 'h':
      return [{ ...s, help: true }, NONE];
    case 'p':
      return [{ ...s, paused: !s.paused, status: s.paused ? 'resumed' : 'paused' }, NONE];
    case '/':
      return [{ ...s, editingFilter: true }, NONE];
    case '<':
    case '>': {
      const i = SORT_COLUMNS.indexOf(s.sort);
      const n = SORT_COLUMNS.length;
      const sort = SORT_COLUMNS[(i + (key.input === '>' ? 1 : n - 1)) % n]!;
      return [{ ...s, sort, selected: 0 }, NONE];
    }
    case 'i':
      return [{ ...s, descending: !s.descending, selected: 0 }, NONE];
  }
  if (!current) return [s, NONE];
  switch (key.input) {
    case 'k':
      return [{ ...s, confirmKill: current.pid }, NONE];
    case 's':
      return [{ ...s, status: `suspending ${current.pid}` }, { kind: 'syscall', name: 'proc.suspend', args: { pid: current.pid } }];
    case 'r':
      return [{ ...s, status: `resuming ${current.pid}` }, { kind: 'syscall', name: 'proc.resume', args: { pid: current.pid } }];
    case '+':
    case '=':
      if (current.priority <= 0) return [{ ...s, status: `${current.pid} is already at the highest priority (0)` }, NONE];
      return [s, { kind: 'syscall', name: 'proc.renice', args: { pid: current.pid, priority: current.priority - 1 } }];
    case '-':
    case '_':
      if (current.priority >= 19) return [{ ...s, status: `${current.pid} is already at the lowest priority (19)` }, NONE];
      return [s, { kind: 'syscall', name: 'proc.renice', args: { pid: current.pid, priority: current.priority + 1 } }];
  }
  return [s, NONE];
}

function isPrintable(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f]/.test(s);
}
