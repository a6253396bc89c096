// How the shell shows commands and their results (tui layer): the echoed prompt line, what
// was understood (`-> fs.cd {"path":"..."}`), streamed agent output, the formatted result,
// and errors in red with a hint. Finished entries scroll away inside Ink's <Static>.
import React from 'react';
import { Box, Static, Text } from 'ink';
import type { ReplError, ReplSyscall } from './repl-backend.js';

/** One finished (or running) command, or a line of background output. */
export interface Entry {
  id: number;
  /** The prompt that was shown, e.g. `ada@nlsh:/$ `; absent for background lines. */
  prompt?: string;
  input?: string;
  understood?: ReplSyscall;
  streamed?: string;
  /** The formatted result (plain text). */
  text?: string;
  error?: ReplError;
  /** `^C`: the line was dropped or the command was cancelled. */
  interrupted?: 'line' | 'command';
  /** A dim note, e.g. `[p3] ...` background agent output or the welcome line. */
  note?: string;
}

const MAX_ARGS = 160;

/** `-> name {args}`, the args as JSON cut to a readable length. */
export function understoodText(s: ReplSyscall): string {
  let args = JSON.stringify(s.args);
  if (args.length > MAX_ARGS) args = `${args.slice(0, MAX_ARGS - 1)}…`;
  return `-> ${s.name} ${args}`;
}

export function EntryView({ entry, liveLines }: { entry: Entry; liveLines?: number }): React.ReactElement {
  let streamed = entry.streamed ?? '';
  if (liveLines !== undefined && streamed) {
    const lines = streamed.split('\n');
    if (lines.length > liveLines) streamed = `… ${lines.length - liveLines} lines above\n${lines.slice(-liveLines).join('\n')}`;
  }
  const text = entry.text?.replace(/\n+$/, '') ?? '';
  return (
    <Box flexDirection="column">
      {entry.input !== undefined && (
        <Text>
          <Text color="green" bold>
            {entry.prompt ?? ''}
          </Text>
          {entry.input.split('\n').join('\n> ')}
          {entry.interrupted === 'line' ? <Text dimColor>^C</Text> : null}
        </Text>
      )}
      {entry.understood && <Text color="cyan" dimColor>{understoodText(entry.understood)}</Text>}
      {streamed !== '' && <Text>{streamed.replace(/\n+$/, '')}</Text>}
      {text !== '' && <Text>{text}</Text>}
      {entry.error?.code === 'shell.cancelled' ? (
        <Text color="yellow">{entry.error.message}</Text>
      ) : entry.error && (
        <Box flexDirection="column">
          <Text color="red" bold>{`error: ${entry.error.message} (${entry.error.code})`}</Text>
          {entry.error.hint && <Text color="yellow">{`hint: ${entry.error.hint}`}</Text>}
        </Box>
      )}
      {entry.interrupted === 'command' && <Text color="yellow">^C cancelled</Text>}
      {entry.note !== undefined && <Text dimColor>{entry.note}</Text>}
    </Box>
  );
}

/** The scrolling history of past commands, written once each above the live area. */
export function OutputView({ entries }: { entries: readonly Entry[] }): React.ReactElement {
  return <Static items={[...entries]}>{(e) => <EntryView key={e.id} entry={e} />}</Static>;
}
