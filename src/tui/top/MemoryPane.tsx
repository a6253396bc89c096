// The memory tiers of `top` (tui layer): L1, L2, L3, semantic RAM and disk, each with an
// occupancy bar and its hit, miss and swap counters.
import React from 'react';
import chalk from 'chalk';
import type { TierStats } from '../../kernel/types.js';
import { bar, compact, paneTitle } from './top-format.js';
import { cell } from '../text-cells.js';
import { Lines } from '../Lines.js';

const TIER_LABELS: Record<TierStats['tier'], string> = {
  L1: 'L1 context',
  L2: 'L2 pages',
  L3: 'L3 embed$',
  semanticRAM: 'sem. RAM',
  semanticDisk: 'sem. disk',
};

interface Props {
  tiers: readonly TierStats[];
  width: number;
  focused: boolean;
}

export function MemoryPane(p: Props): React.ReactElement {
  const barW = Math.max(4, Math.min(20, p.width - 60));
  const title = 'Memory tiers';
  const lines = [
    paneTitle(title, p.focused),
    ...(p.tiers.length === 0 ? [chalk.dim('  no tier counters')] : p.tiers.map((t) => tierLine(t, barW))),
  ];
  return <Lines lines={lines} width={p.width} />;
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
