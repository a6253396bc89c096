// The memory tiers of `top` (tui layer): L1, L2, L3, semantic RAM and disk, each with an
// occupancy bar and its hit, miss and swap counters.
import React from 'react';
import { Box, Text } from 'ink';
import type { TierStats } from '../../kernel/types.js';
import { bar, cell, compact } from './top-format.js';

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
  return (
    <Box flexDirection="column" width={p.width}>
      <Text bold color={p.focused ? 'cyan' : undefined}>Memory tiers</Text>
      {p.tiers.length === 0 ? (
        <Text dimColor>  no tier counters</Text>
      ) : (
        p.tiers.map((t) => {
          const frac = t.capacity > 0 ? t.used / t.capacity : 0;
          return (
            <Text key={t.tier} wrap="truncate">
              {cell(TIER_LABELS[t.tier], 10)} <Text color={frac > 0.9 ? 'red' : 'green'}>{bar(frac, barW)}</Text>{' '}
              {cell(`${compact(t.used)}/${compact(t.capacity)} ${t.unit}`, 17)} hit {cell(compact(t.hits), 5, 'right')} miss{' '}
              {cell(compact(t.misses), 5, 'right')} swap {cell(compact(t.swaps), 4, 'right')}
            </Text>
          );
        })
      )}
    </Box>
  );
}
