// The message feed of `top` (tui layer): newest last, sender -> receiver, type, payload
// excerpt. Shows the last lines that fit its pane; older messages scroll off the top. Like
// the process table, the lines are composed here at the pane's width and drawn by <Lines>.
import React from 'react';
import chalk, { type ChalkInstance } from 'chalk';
import type { FeedItem } from './top-sampler.js';
import { paneTitle } from './top-format.js';
import { cell, textWidth } from '../text-cells.js';
import { Lines } from '../Lines.js';

const TYPE_COLOURS: Record<FeedItem['type'], ChalkInstance> = {
  REQUEST: chalk.cyan,
  RESPONSE: chalk.green,
  NOTIFICATION: chalk.yellow,
  BROADCAST: chalk.magenta,
};

interface Props {
  feed: readonly FeedItem[];
  width: number;
  height: number; // lines for items
  focused: boolean;
}

export function FeedPane(p: Props): React.ReactElement {
  const shown = p.feed.slice(-Math.max(0, p.height));
  const route = Math.min(24, Math.floor(p.width / 4));
  const title = cell(`Messages ${p.feed.length}`, p.width).trimEnd();
  const lines = [
    paneTitle(title, p.focused),
    ...(shown.length === 0 ? [chalk.dim('  no messages yet')] : shown.map((m) => feedLine(m, p.width, route))),
  ];
  return <Lines lines={lines} width={p.width} />;
}

/** One message as a styled line no wider than `width`. */
export function feedLine(m: FeedItem, width: number, route: number): string {
  const event = m.event === 'sent' ? ' ' : ` ${m.event} `;
  const head = `${cell(new Date(m.at).toISOString().slice(11, 19), 8)} ${cell(`${m.from} → ${m.to}`, route)} `;
  const used = textWidth(head) + 5 + event.length;
  const excerpt = width > used ? cell(m.excerpt, width - used) : '';
  return `${head}${TYPE_COLOURS[m.type](cell(m.type.slice(0, 5), 5))}${m.event === 'sent' ? event : chalk.dim(event)}${excerpt.trimEnd()}`;
}
