// Yes/no question before a destructive call (tui layer): `kill p3? [y/N]`. y answers yes;
// n, Enter, Escape or Ctrl-C answer no. Shown by ShellApp when the runner asks to confirm.
import React from 'react';
import { Text, useInput } from 'ink';
import { toKeyEvents } from './key-events.js';

export interface ConfirmProps {
  question: string;
  onAnswer(yes: boolean): void;
}

export function Confirm({ question, onAnswer }: ConfirmProps): React.ReactElement {
  useInput((input, key) => {
    for (const ev of toKeyEvents(input, key)) {
      if (ev.kind === 'text' && /^y/i.test(ev.text)) return onAnswer(true);
      if (ev.kind === 'text' && /^n/i.test(ev.text)) return onAnswer(false);
      if (ev.kind === 'return' || ev.kind === 'escape' || (ev.kind === 'ctrl' && (ev.letter === 'c' || ev.letter === 'd'))) {
        return onAnswer(false);
      }
    }
  });
  return (
    <Text>
      <Text color="yellow" bold>
        {question}
      </Text>
      <Text dimColor> [y/N] </Text>
    </Text>
  );
}
