// The metrics of `top` (tui layer): token throughput, inference latency, context switches/s
// and memory utilisation, each with its current value and a sparkline of recent samples.
import React from 'react';
import chalk from 'chalk';
import type { BuildProgress, Metric } from './top-sampler.js';
import { bar, compact, paneTitle, sparkline } from './top-format.js';
import { cell } from '../text-cells.js';
import { Lines } from '../Lines.js';

interface Props {
  metrics: readonly Metric[];
  builds: readonly BuildProgress[];
  width: number;
  focused: boolean;
}

export function MetricsPane(p: Props): React.ReactElement {
  const sparkW = Math.max(8, p.width - 32);
  const buildBarW = Math.max(6, sparkW - 12);
  const title = 'Metrics';
  // Composed here as styled lines, like the process rows, and drawn by <Lines>.
  const lines = [
    paneTitle(title, p.focused),
    ...p.metrics.map(
      (m) =>
        `${cell(m.label, 19)} ${cell(`${compact(m.value)}${m.unit === '%' ? '%' : ` ${m.unit}`}`, 10, 'right')} ` +
        chalk.cyan(sparkline(m.history, sparkW)),
    ),
    ...p.builds.map((b) => {
      const frac = b.total > 0 ? b.done / b.total : 0;
      const line = `${cell(b.task, 19)} ${chalk.magenta(bar(frac, buildBarW))} ${cell(`${b.done}/${b.total}`, 11)}`;
      const labelW = p.width - (19 + 1 + buildBarW + 1 + 11) - 1;
      return b.label && labelW > 0 ? `${line} ${cell(b.label, labelW).trimEnd()}` : line.trimEnd();
    }),
  ];
  return <Lines lines={lines} width={p.width} />;
}
