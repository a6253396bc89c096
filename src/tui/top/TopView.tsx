// The whole `top` screen for one snapshot (tui layer): the lines of top-lines.ts (header,
// process table, memory tiers, metrics, message feed, key line, or the key help) drawn as one
// Ink node. A pure function of its props: the live app re-renders it; `top --once` prints
// the same lines without Ink (top-once.ts).
import React from 'react';
import type { TopSnapshot } from './top-sampler.js';
import type { TopState } from './top-state.js';
import { frameLines } from './top-lines.js';
import { Lines } from '../Lines.js';

export { HELP_LINES, planHeights } from './top-lines.js';

interface Props {
  snap: TopSnapshot;
  state: TopState;
  width: number;
  height: number;
  refreshMs: number;
}

export function TopView({ snap, state, width, height, refreshMs }: Props): React.ReactElement {
  return <Lines lines={frameLines(snap, state, width, height, refreshMs)} width={width} />;
}
