// The whole `top` screen for one snapshot (tui layer): header, process table, memory tiers,
// metrics, message feed and a key line, laid out for a width x height terminal (80x24 up).
// A pure function of its props: the live app re-renders it, `top --once` renders it once.
import React from 'react';
import { Box, Text } from 'ink';
import chalk from 'chalk';
import type { TopSnapshot } from './top-sampler.js';
import { visibleRows, type TopState } from './top-state.js';
import { ProcessPane } from './ProcessPane.js';
import { FeedPane } from './FeedPane.js';
import { MemoryPane } from './MemoryPane.js';
import { MetricsPane } from './MetricsPane.js';
import { Lines } from '../Lines.js';
import { cell, textWidth } from '../text-cells.js';

interface Props {
  snap: TopSnapshot;
  state: TopState;
  width: number;
  height: number;
  refreshMs: number;
}

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

export function TopView({ snap, state, width, height, refreshMs }: Props): React.ReactElement {
  const rows = visibleRows(snap.processes, state);
  const counts = countStates(snap);
  const metricLines = snap.metrics.length + snap.builds.length;
  const plan = planHeights(width, height, snap.tiers.length || 1, metricLines);
  const refresh = width >= 100 ? `  refresh ${refreshMs / 1000}s` : '';
  const header = `nlsh top — ${new Date(snap.at).toISOString().slice(11, 19)}  ${snap.counts.total} procs: ${counts}${refresh}${state.paused ? '  [PAUSED]' : ''}`;
  // Side by side, the memory pane needs ~60 columns plus its bar; metrics take the rest.
  const memoryW = plan.side ? Math.min(84, width - 41) : width;
  const metricsW = plan.side ? width - memoryW - 1 : width;

  if (state.help) {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>nlsh top — keys</Text>
        {HELP_LINES.map((l) => (
          <Text key={l}>{l}</Text>
        ))}
        <Text dimColor>press any key to go back</Text>
      </Box>
    );
  }

  const memory = <MemoryPane tiers={snap.tiers} width={memoryW} focused={state.focus === 'memory'} />;
  const metrics = (
    <MetricsPane metrics={snap.metrics} builds={snap.builds} width={metricsW} focused={state.focus === 'metrics'} />
  );
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={[chalk.bold(cell(header, width).trimEnd())]} width={width} />
      <ProcessPane
        rows={rows}
        total={snap.counts.total}
        selected={Math.min(state.selected, Math.max(rows.length - 1, 0))}
        focused={state.focus === 'processes'}
        width={width}
        height={plan.procRows}
        sort={state.sort}
        descending={state.descending}
        filter={state.filter}
      />
      {plan.side ? (
        <Box flexDirection="row">
          {memory}
          <Text> </Text>
          {metrics}
        </Box>
      ) : (
        <>
          {memory}
          {metrics}
        </>
      )}
      <FeedPane feed={snap.feed} width={width} height={plan.feedRows} focused={state.focus === 'messages'} />
      <Footer state={state} width={width} />
    </Box>
  );
}

function Footer({ state, width }: { state: TopState; width: number }): React.ReactElement {
  let line: string;
  if (state.confirmKill) line = chalk.red.bold(cell(`kill ${state.confirmKill}? (y/n)`, width).trimEnd());
  else if (state.editingFilter) line = cell(`filter: ${state.filter}█  (Enter keeps, Esc clears)`, width).trimEnd();
  else {
    const keys = 'q quit  ? help  k kill  s suspend  r resume  +/- priority  / filter  </> sort  tab pane  p pause';
    const status = state.status ? cell(state.status, Math.max(0, width - 2)).trimEnd() : '';
    const rest = Math.max(0, width - (status ? textWidth(status) + 2 : 0));
    line = `${status ? chalk.yellow(`${status}  `) : ''}${chalk.dim(keys.slice(0, rest))}`;
  }
  return <Lines lines={[line]} width={width} />;
}

function countStates(snap: TopSnapshot): string {
  const c = snap.counts.byState;
  return (['RUNNING', 'THINKING', 'BLOCKED', 'SUSPENDED'] as const)
    .filter((s) => c[s])
    .map((s) => `${c[s]} ${s.toLowerCase()}`)
    .join(', ') || 'none running';
}
