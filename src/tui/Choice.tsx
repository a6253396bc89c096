// Pick one of several options (tui layer), e.g. two close candidates of `cd "..."`: up/down
// or a digit to select, Enter to take it, Escape or Ctrl-C for none. Shown by ShellApp.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { toKeyEvents } from './key-events.js';

export interface ChoiceProps {
  question: string;
  options: readonly string[];
  onChoose(index: number | null): void;
}

export function Choice({ question, options, onChoose }: ChoiceProps): React.ReactElement {
  const [sel, setSelState] = useState(0);
  // Keys may arrive faster than renders; the ref always holds the current selection.
  const selRef = useRef(0);
  const setSel = (i: number): void => {
    selRef.current = i;
    setSelState(i);
  };
  useInput((input, key) => {
    for (const ev of toKeyEvents(input, key)) {
      if (ev.kind === 'up') setSel(Math.max(0, selRef.current - 1));
      else if (ev.kind === 'down') setSel(Math.min(options.length - 1, selRef.current + 1));
      else if (ev.kind === 'return') return onChoose(selRef.current);
      else if (ev.kind === 'escape' || (ev.kind === 'ctrl' && (ev.letter === 'c' || ev.letter === 'd'))) return onChoose(null);
      else if (ev.kind === 'text' && /^[1-9]$/.test(ev.text) && Number(ev.text) <= options.length) return onChoose(Number(ev.text) - 1);
    }
  });
  return (
    <Box flexDirection="column">
      <Text color="yellow" bold>
        {question}
      </Text>
      {options.map((o, i) => (
        <Text key={i} color={i === sel ? 'cyan' : undefined}>
          {`${i === sel ? '>' : ' '} ${i + 1}) ${o}`}
        </Text>
      ))}
      <Text dimColor>up/down or 1-{options.length}, Enter to choose, Esc for none</Text>
    </Box>
  );
}
