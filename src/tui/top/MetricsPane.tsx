// The metrics of `top` (tui layer): token throughput, inference latency, context switches/s
// and memory utilisation, each with its current value and a sparkline of recent samples.
import React from 'react';
import { Box, Text } from 'ink';
import type { BuildProgress, Metric } from './top-sampler.js';
import { bar, cell, compact, sparkline } from './top-format.js';

interface Props {
  metrics: readonly Metric[];
  builds: readonly BuildProgress[];
  width: number;
  focused: boolean;
}

export function MetricsPane(p: Props): React.ReactElement {
  const sparkW = Math.max(8, p.width - 32);
  return (
    <Box flexDirection="column" width={p.width}>
      <Text bold color={p.focused ? 'cyan' : undefined}>Metrics</Text>
      {p.metrics.map((m) => (
        <Text key={m.name} wrap="truncate">
          {cell(m.label, 19)} {cell(`${compact(m.value)}${m.unit === '%' ? '%' : ` ${m.unit}`}`, 10, 'right')}{' '}
          <Text color="cyan">{sparkline(m.history, sparkW)}</Text>
        </Text>
      ))}
      {p.builds.map((b) => {
        const frac = b.total > 0 ? b.done / b.total : 0;
        return (
          <Text key={b.task} wrap="truncate">
            {cell(b.task, 19)} <Text color="magenta">{bar(frac, Math.max(6, sparkW - 12))}</Text> {cell(`${b.done}/${b.total}`, 11)}
            {b.label ? ` ${b.label}` : ''}
          </Text>
        );
      })}
    </Box>
  );
}
