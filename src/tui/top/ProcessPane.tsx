// The process table of `top` (tui layer): pid, name, type, state (coloured), priority,
// tokens and context with bars, CPU time, uptime. Renders only the rows that fit, scrolled
// so the selection stays visible, so 1,000 processes cost no more than 20. The pane is
// composed here as styled lines no wider than the terminal and drawn by <Lines>: one Ink
// node instead of five per row, and nothing for Ink to measure or cut.
import React from 'react';
import chalk, { type ChalkInstance } from 'chalk';
import type { ProcState } from '../../kernel/types.js';
import type { ProcessRow } from './top-sampler.js';
import type { SortColumn } from './top-state.js';
import { bar, compact, duration, paneTitle } from './top-format.js';
import { cell } from '../text-cells.js';
import { Lines } from '../Lines.js';

export const STATE_COLOURS: Record<ProcState, ChalkInstance> = {
  RUNNING: chalk.green,
  THINKING: chalk.cyan,
  BLOCKED: chalk.red,
  SUSPENDED: chalk.yellow,
  TERMINATED: chalk.gray,
};

interface Props {
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

export function ProcessPane(p: Props): React.ReactElement {
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
  const lines = [
    paneTitle(cell(title, p.width).trimEnd(), p.focused),
    chalk.inverse(cell(header, p.width)),
    ...(shown.length === 0
      ? [chalk.dim(p.total === 0 ? '  no processes — spawn one with: spawn "a helpful agent"' : '  no process matches the filter')]
      : shown.map((r, i) => rowLine(r, l, start + i === p.selected))),
  ];
  return <Lines lines={lines} width={p.width} />;
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
