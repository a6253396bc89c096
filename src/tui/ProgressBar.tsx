// A one-line progress bar (tui layer) for long work (mount, build): `[#####-----] 42% label (21/50)`.
// Used by ShellApp while a command reports progress.
import React from 'react';
import { Text } from 'ink';
import { visible } from '../shell/safe-text.js';

export interface ProgressBarProps {
  done: number;
  total: number;
  label?: string;
  /** Width of the bar itself in cells; default 30. */
  width?: number;
}

/** The bar as plain text; total <= 0 shows an indeterminate count. */
export function progressText(done: number, total: number, width = 30, label?: string): string {
  const tail = label ? ` ${visible(label)}` : '';
  if (!(total > 0)) return `[${'?'.repeat(width)}] ${done}${tail}`;
  const frac = Math.max(0, Math.min(1, done / total));
  const filled = Math.round(frac * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%${tail} (${done}/${total})`;
}

export function ProgressBar({ done, total, label, width = 30 }: ProgressBarProps): React.ReactElement {
  return <Text color="cyan">{progressText(done, total, width, label)}</Text>;
}
