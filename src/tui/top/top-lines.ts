// The `top` screen as styled lines (tui layer, no React, no Ink): header, process table,
// memory tiers, metrics, message feed and key line for one snapshot, laid out for a
// width x height terminal (80x24 up). TopView.tsx draws these lines with Ink for the live
// view; top-once.ts prints them for `top --once` without loading Ink or React at all. Each
// line is at most `width` cells wide; panes side by side are joined here, cell-exact.
import chalk, { type ChalkInstance } from 'chalk';
import type { ProcState, TierStats } from '../../kernel/types.js';
import type { BuildProgress, FeedItem, Metric, ProcessRow, TopSnapshot } from './top-sampler.js';
import { visibleRows, type SortColumn, type TopState } from './top-state.js';
import { bar, compact, duration, paneTitle, sparkline } from './top-format.js';
import { cell, stripAnsi, textWidth } from '../text-cells.js';

export const HELP_LINES = [
  '↑/↓ PgUp/PgDn  select a process        tab / shift-tab  focus the next pane',
  'k  kill (asks y/n)    s  suspend       r  resume',
  '+  raise priority (toward 0)           -  lower priority (toward 19)',
  '/  filter by pid, name, state or type (Enter keeps it, Esc clears)',
  '<  >  sort by the previous / next column        i  invert the sort',
  'p  pause / resume refreshing           ?  this help           q  quit',
];

/** Line budget per pane: processes and the feed share what memory and metrics leave. */
export function planHeights(width: number, height: number, tierLines: number, metricLines: number): {
  side: boolean;
  procRows: number;
  feedRows: number;
} {
  const side = width >= 110;
  const lower = side ? 1 + Math.max(tierLines, metricLines) : 2 + tierLines + metricLines;
  const free = Math.max(4, height - 2 /* header, footer */ - lower - 2 /* proc title+header */ - 1 /* feed title */);
  const procRows = Math.max(3, Math.ceil(free * 0.6));
  return { side, procRows, feedRows: Math.max(1, free - procRows) };
}

/** The whole screen for one snapshot: the key help when state.help, else every pane. */
export function frameLines(snap: TopSnapshot, state: TopState, width: number, height: number, refreshMs: number): string[] {
  if (state.help) return [chalk.bold('nlsh top — keys'), ...HELP_LINES, chalk.dim('press any key to go back')];
  const rows = visibleRows(snap.processes, state);
  const metricLines = snap.metrics.length + snap.builds.length;
  const plan = planHeights(width, height, snap.tiers.length || 1, metricLines);
  const refresh = width >= 100 ? `  refresh ${refreshMs / 1000}s` : '';
  const header = `nlsh top — ${new Date(snap.at).toISOString().slice(11, 19)}  ${snap.counts.total} procs: ${countStates(snap)}${refresh}${state.paused ? '  [PAUSED]' : ''}`;
  // Side by side, the memory pane needs ~60 columns plus its bar; metrics take the rest.
  const memoryW = plan.side ? Math.min(84, width - 41) : width;
  const metricsW = plan.side ? width - memoryW - 1 : width;
  const memory = memoryLines(snap.tiers, memoryW, state.focus === 'memory');
  const metrics = metricsLines(snap.metrics, snap.builds, metricsW, state.focus === 'metrics');
  return [
    chalk.bold(cell(header, width).trimEnd()),
    ...processLines({
      rows,
      total: snap.counts.total,
      selected: Math.min(state.selected, Math.max(rows.length - 1, 0)),
      focused: state.focus === 'processes',
      width,
      height: plan.procRows,
      sort: state.sort,
      descending: state.descending,
      filter: state.filter,
    }),
    ...(plan.side ? beside(memory, memoryW, metrics) : [...memory, ...metrics]),
    ...feedLines(snap.feed, width, plan.feedRows, state.focus === 'messages'),
    footerLine(state, width),
  ];
}

/** Two panes in one block: each left line padded to leftW cells, a space, then the right line. */
function beside(left: readonly string[], leftW: number, right: readonly string[]): string[] {
  const n = Math.max(left.length, right.length);
  return Array.from({ length: n }, (_, i) => {
    const l = left[i] ?? '';
    const r = right[i] ?? '';
    return r ? `${l}${' '.repeat(Math.max(0, leftW - textWidth(stripAnsi(l))))} ${r}` : l;
  });
}

function footerLine(state: TopState, width: number): string {
  if (state.confirmKill) return chalk.red.bold(cell(`kill ${state.confirmKill}? (y/n)`, width).trimEnd());
  if (state.editingFilter) return cell(`filter: ${state.filter}█  (Enter keeps, Esc clears)`, width).trimEnd();
  const keys = 'q quit  ? help  k kill  s suspend  r resume  +/- priority  / filter  </> sort  tab pane  p pause';
  const status = state.status ? cell(state.status, Math.max(0, width - 2)).trimEnd() : '';
  const rest = Math.max(0, width - (status ? textWidth(status) + 2 : 0));
  return `${status ? chalk.yellow(`${status}  `) : ''}${chalk.dim(keys.slice(0, rest))}`;
}

function countStates(snap: TopSnapshot): string {
  const c = snap.counts.byState;
  return (['RUNNING', 'THINKING', 'BLOCKED', 'SUSPENDED'] as const)
    .filter((s) => c[s])
    .map((s) => `${c[s]} ${s.toLowerCase()}`)
    .join(', ') || 'none running';
}

// ---------------------------------------------------------------- processes

export const STATE_COLOURS: Record<ProcState, ChalkInstance> = {
  RUNNING: chalk.green,
  THINKING: chalk.cyan,
  BLOCKED: chalk.red,
  SUSPENDED: chalk.yellow,
  TERMINATED: chalk.gray,
};

export interface ProcessPaneProps {
  rows: readonly ProcessRow[]; // already sorted and filtered
  total: number;
  selected: number;
  focused: boolean;
  width: number;
  /** Lines available for process rows (excluding the title and column header). */
  height: number;
  sort: SortColumn;
  descending: boolean;
  filter: string;
}

interface Layout {
  name: number;
  type: boolean;
  uptime: boolean;
  tokBar: number;
  ctxBar: number;
}

/** Column widths for a terminal `width` columns wide (80 and up). */
export function layoutFor(width: number): Layout {
  const wide = width >= 100;
  const tokBar = width >= 120 ? 12 : 8;
  const ctxBar = width >= 120 ? 10 : 6;
  // pid 5, state 10, pri 3, tokens bar+10, ctx bar+5, cpu 7, separators
  let fixed = 5 + 10 + 3 + (tokBar + 10) + (ctxBar + 5) + 7 + 7;
  if (wide) fixed += 10 + 1 + 7 + 1;
  return { name: Math.max(6, width - fixed - 2), type: wide, uptime: wide, tokBar, ctxBar };
}

/** The process table: title, column header, and only the rows that fit, scrolled so the selection stays visible. */
export function processLines(p: ProcessPaneProps): string[] {
  const l = layoutFor(p.width);
  const start = Math.max(0, Math.min(p.selected - Math.floor(p.height / 2), p.rows.length - p.height));
  const shown = p.rows.slice(start, start + p.height);
  const arrow = p.descending ? '▼' : '▲';
  const h = (label: string, col: SortColumn, w: number, align: 'left' | 'right' = 'left'): string =>
    cell(p.sort === col ? `${label}${arrow}` : label, w, align);
  const header = [
    h('PID', 'pid', 5),
    h('NAME', 'name', l.name),
    ...(l.type ? [cell('TYPE', 10)] : []),
    h('STATE', 'state', 10),
    h('PRI', 'priority', 3, 'right'),
    h('TOKENS', 'tokens', l.tokBar + 10),
    h('CONTEXT', 'context', l.ctxBar + 5),
    h('CPU', 'cpu', 7, 'right'),
    ...(l.uptime ? [h('UPTIME', 'uptime', 7, 'right')] : []),
  ].join(' ');
  const title = `Processes ${p.rows.length === p.total ? p.total : `${p.rows.length}/${p.total}`}${p.filter ? `  filter: ${p.filter}` : ''}`;
  return [
    paneTitle(cell(title, p.width).trimEnd(), p.focused),
    chalk.inverse(cell(header, p.width)),
    ...(shown.length === 0
      ? [chalk.dim(p.total === 0 ? '  no processes — spawn one with: spawn "a helpful agent"' : '  no process matches the filter')]
      : shown.map((r, i) => rowLine(r, l, start + i === p.selected))),
  ];
}

/** One process as a styled line of exactly the table's width. */
export function rowLine(row: ProcessRow, l: Layout, selected: boolean): string {
  const tokFrac = row.tokensAllocated > 0 ? row.tokensConsumed / row.tokensAllocated : 0;
  const ctxFrac = row.contextMax > 0 ? row.contextUsed / row.contextMax : 0;
  const tokColour = tokFrac > 0.9 ? chalk.red : tokFrac > 0.7 ? chalk.yellow : chalk.green;
  const ctxColour = ctxFrac > 0.9 ? chalk.red : chalk.blue;
  const line =
    `${cell(row.pid, 5)} ${cell(row.name, l.name)} ${l.type ? `${cell(row.type, 10)} ` : ''}` +
    `${STATE_COLOURS[row.state](cell(row.state, 10))} ${cell(String(row.priority), 3, 'right')} ` +
    `${tokColour(bar(tokFrac, l.tokBar))} ${cell(`${compact(row.tokensConsumed)}/${compact(row.tokensAllocated)}`, 9)} ` +
    `${ctxColour(bar(ctxFrac, l.ctxBar))} ${cell(`${Math.round(ctxFrac * 100)}%`, 4, 'right')} ` +
    `${cell(duration(row.cpuTimeMs), 7, 'right')}${l.uptime ? ` ${cell(duration(row.uptimeMs), 7, 'right')}` : ''}`;
  return selected ? chalk.inverse(line) : line;
}

// ---------------------------------------------------------------- memory and metrics

const TIER_LABELS: Record<TierStats['tier'], string> = {
  L1: 'L1 context',
  L2: 'L2 pages',
  L3: 'L3 embed$',
  semanticRAM: 'sem. RAM',
  semanticDisk: 'sem. disk',
};

/** The memory tiers: L1, L2, L3, semantic RAM and disk, each with an occupancy bar and its hit, miss and swap counters. */
export function memoryLines(tiers: readonly TierStats[], width: number, focused: boolean): string[] {
  const barW = Math.max(4, Math.min(20, width - 60));
  return [paneTitle('Memory tiers', focused), ...(tiers.length === 0 ? [chalk.dim('  no tier counters')] : tiers.map((t) => tierLine(t, barW)))];
}

/** One tier as a styled line, 60 + barW cells wide. */
function tierLine(t: TierStats, barW: number): string {
  const frac = t.capacity > 0 ? t.used / t.capacity : 0;
  return (
    `${cell(TIER_LABELS[t.tier], 10)} ${(frac > 0.9 ? chalk.red : chalk.green)(bar(frac, barW))} ` +
    `${cell(`${compact(t.used)}${t.capacity > 0 ? `/${compact(t.capacity)}` : ''} ${t.unit}`, 17)} ` +
    (t.countersUnknown
      ? chalk.dim('counters kept by the owning nlsh')
      : `hit ${cell(compact(t.hits), 5, 'right')} miss ${cell(compact(t.misses), 5, 'right')} swap ${cell(compact(t.swaps), 4, 'right')}`)
  );
}

/** The metrics, each with its current value and a sparkline of recent samples, then build progress bars. */
export function metricsLines(metrics: readonly Metric[], builds: readonly BuildProgress[], width: number, focused: boolean): string[] {
  const sparkW = Math.max(8, width - 32);
  const buildBarW = Math.max(6, sparkW - 12);
  return [
    paneTitle('Metrics', focused),
    ...metrics.map(
      (m) =>
        `${cell(m.label, 19)} ${cell(`${compact(m.value)}${m.unit === '%' ? '%' : ` ${m.unit}`}`, 10, 'right')} ` +
        chalk.cyan(sparkline(m.history, sparkW)),
    ),
    ...builds.map((b) => {
      const frac = b.total > 0 ? b.done / b.total : 0;
      const line = `${cell(b.task, 19)} ${chalk.magenta(bar(frac, buildBarW))} ${cell(`${b.done}/${b.total}`, 11)}`;
      const labelW = width - (19 + 1 + buildBarW + 1 + 11) - 1;
      return b.label && labelW > 0 ? `${line} ${cell(b.label, labelW).trimEnd()}` : line.trimEnd();
    }),
  ];
}

// ---------------------------------------------------------------- messages

const TYPE_COLOURS: Record<FeedItem['type'], ChalkInstance> = {
  REQUEST: chalk.cyan,
  RESPONSE: chalk.green,
  NOTIFICATION: chalk.yellow,
  BROADCAST: chalk.magenta,
};

/** The message feed, newest last: the last items that fit `height` lines. */
export function feedLines(feed: readonly FeedItem[], width: number, height: number, focused: boolean): string[] {
  const shown = feed.slice(-Math.max(0, height));
  const route = Math.min(24, Math.floor(width / 4));
  const title = cell(`Messages ${feed.length}`, width).trimEnd();
  return [paneTitle(title, focused), ...(shown.length === 0 ? [chalk.dim('  no messages yet')] : shown.map((m) => feedLine(m, width, route)))];
}

/** One message as a styled line no wider than `width`. */
export function feedLine(m: FeedItem, width: number, route: number): string {
  const event = m.event === 'sent' ? ' ' : ` ${m.event} `;
  const head = `${cell(new Date(m.at).toISOString().slice(11, 19), 8)} ${cell(`${m.from} → ${m.to}`, route)} `;
  const used = textWidth(head) + 5 + event.length;
  const excerpt = width > used ? cell(m.excerpt, width - used) : '';
  return `${head}${TYPE_COLOURS[m.type](cell(m.type.slice(0, 5), 5))}${m.event === 'sent' ? event : chalk.dim(event)}${excerpt.trimEnd()}`;
}
