// How the shell shows commands and their results (tui layer): the echoed prompt line, what
// was understood (`-> fs.cd {"path":"..."}`), streamed agent output, the formatted result,
// and errors in red with a hint. Finished entries scroll away inside Ink's <Static>. Text that
// comes from data (error messages naming files, background agent output) is shown with its
// control characters as visible escapes (shell/safe-text.ts), never sent raw to the terminal.
import React from 'react';
import { Box, Static, Text, useStdout } from 'ink';
import type { ReplError, ReplSyscall } from './repl-backend.js';
import { Lines } from './Lines.js';
import { printable, wrapLines } from './text-cells.js';
import { visible } from '../shell/safe-text.js';

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
  let args = visible(JSON.stringify(s.args));
  if (args.length > MAX_ARGS) args = `${args.slice(0, MAX_ARGS - 1)}…`;
  return `-> ${s.name} ${args}`;
}

/**
 * Agent output while it streams: the last `maxLines` lines, wrapped to the terminal here and
 * drawn by <Lines>, because the text changes with every token and Ink 6 would keep every
 * version of it (see Lines.tsx). Control characters from the model show as '?'.
 */
function LiveStream({ text, maxLines }: { text: string; maxLines: number }): React.ReactElement {
  const { stdout } = useStdout();
  const width = Math.max(20, stdout.columns || 80);
  // Only the tail is wrapped (a long answer is re-drawn on every token); lines above it are
  // counted as they were written.
  const source = text.split('\n');
  const wrapped = wrapLines(source.slice(-maxLines).join('\n'), width);
  const above = Math.max(0, source.length - maxLines) + Math.max(0, wrapped.length - maxLines);
  const shown = above > 0 ? [`… ${above} lines above`, ...wrapped.slice(-maxLines)] : wrapped;
  return <Lines lines={shown} width={width} />;
}

export function EntryView({ entry, liveLines }: { entry: Entry; liveLines?: number }): React.ReactElement {
  const streamed = (entry.streamed ?? '').replace(/\n+$/, '');
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
      {streamed !== '' && (liveLines !== undefined ? <LiveStream text={streamed} maxLines={liveLines} /> : <Text>{printable(streamed)}</Text>)}
      {text !== '' && <Text>{text}</Text>}
      {entry.error?.code === 'shell.cancelled' ? (
        <Text color="yellow">{entry.error.message}</Text>
      ) : entry.error && (
        <Box flexDirection="column">
          <Text color="red" bold>{`error: ${visible(entry.error.message)} (${visible(entry.error.code)})`}</Text>
          {entry.error.hint && <Text color="yellow">{`hint: ${visible(entry.error.hint)}`}</Text>}
        </Box>
      )}
      {entry.interrupted === 'command' && <Text color="yellow">^C cancelled</Text>}
      {entry.note !== undefined && <Text dimColor>{visible(entry.note)}</Text>}
    </Box>
  );
}

/** The scrolling history of past commands, written once each above the live area. */
export function OutputView({ entries }: { entries: readonly Entry[] }): React.ReactElement {
  return <Static items={[...entries]}>{(e) => <EntryView key={e.id} entry={e} />}</Static>;
}
