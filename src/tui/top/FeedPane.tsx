// The message feed of `top` (tui layer): newest last, sender -> receiver, type, payload
// excerpt. Shows the last lines that fit its pane; older messages scroll off the top.
import React from 'react';
import { Box, Text } from 'ink';
import type { FeedItem } from './top-sampler.js';
import { cell } from './top-format.js';

const TYPE_COLOURS: Record<FeedItem['type'], string> = {
  REQUEST: 'cyan',
  RESPONSE: 'green',
  NOTIFICATION: 'yellow',
  BROADCAST: 'magenta',
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
  return (
    <Box flexDirection="column" width={p.width}>
      <Text bold color={p.focused ? 'cyan' : undefined} wrap="truncate">
        Messages {p.feed.length}
      </Text>
      {shown.length === 0 ? (
        <Text dimColor>  no messages yet</Text>
      ) : (
        shown.map((m) => (
          <Text key={`${m.id}:${m.event}`} wrap="truncate">
            {cell(new Date(m.at).toISOString().slice(11, 19), 8)} {cell(`${m.from} → ${m.to}`, route)}{' '}
            <Text color={TYPE_COLOURS[m.type]}>{cell(m.type.slice(0, 5), 5)}</Text>
            {m.event === 'sent' ? ' ' : <Text dimColor>{` ${m.event} `}</Text>}
            {m.excerpt}
          </Text>
        ))
      )}
    </Box>
  );
}
