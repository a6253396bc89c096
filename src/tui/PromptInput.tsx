// The prompt line editor (tui layer): shows the prompt and the line with its cursor, feeds keys
// to the prompt-state reducer, runs Tab completion through the backend and lists candidates,
// and shows Ctrl-R reverse search. Used by ShellApp while no command is running.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { toKeyEvents, type KeyEvent } from './key-events.js';
import { applyCompletion, initialPrompt, reducePrompt, type PromptState } from './prompt-state.js';
import type { ReplCompletion } from './repl-backend.js';

export interface PromptInputProps {
  /** The prompt text, e.g. `ada@nlsh:/knowledge$ `. */
  prompt: string;
  history: readonly string[];
  complete(line: string, cursor: number): Promise<ReplCompletion>;
  /**
   * text is what runs (continuations joined); raw is the input as typed, for the echo; rest are
   * the keys that came after Enter in the same chunk. Returns true when a command started (the
   * prompt goes away and the caller keeps `rest` as type-ahead), false to go on editing.
   */
  onSubmit(text: string, raw: string, rest: KeyEvent[]): boolean;
  /** Keys typed while the previous command ran, replayed when the prompt appears. */
  takeTypeahead?(): KeyEvent[];
  /** Changes each time a command ends, so type-ahead is replayed even if the prompt stayed mounted. */
  resumeToken?: number;
  /** Ctrl-D on an empty line. */
  onExit(): void;
  /** Ctrl-C while editing: the line is dropped. */
  onInterrupt(text: string): void;
  /** Ctrl-L. */
  onClear?(): void;
  /** Ctrl-Z: suspend the shell (job control), the line kept for when it comes back. */
  onSuspend?(): void;
  isActive?: boolean;
}

const MAX_CANDIDATES = 60;

/** How a candidate is listed: a path shows only its last part (`/knowledge/ml/` -> `ml/`), as bash does. */
export function candidateLabel(c: string): string {
  const trimmed = c.endsWith('/') ? c.slice(0, -1) : c;
  const cut = trimmed.lastIndexOf('/');
  return cut < 0 || trimmed === '' ? c : c.slice(cut + 1);
}

/** The text with an inverse block at the cursor; multi-line text continues with `> `. */
function EditedLines({ prompt, text, cursor }: { prompt: string; text: string; cursor: number }): React.ReactElement {
  const lines = text.split('\n');
  let offset = 0;
  return (
    <Box flexDirection="column">
      {lines.map((ln, i) => {
        const start = offset;
        offset += ln.length + 1;
        const here = cursor >= start && cursor <= start + ln.length;
        const col = cursor - start;
        return (
          <Text key={i}>
            <Text color="green" bold={i === 0}>{i === 0 ? prompt : '> '}</Text>
            {here ? (
              <>
                {ln.slice(0, col)}
                <Text inverse>{ln[col] ?? ' '}</Text>
                {ln.slice(col + 1)}
              </>
            ) : (
              ln
            )}
          </Text>
        );
      })}
    </Box>
  );
}

export function PromptInput(props: PromptInputProps): React.ReactElement {
  const { prompt, history, complete, onSubmit, onExit, onInterrupt, onClear, onSuspend, takeTypeahead, resumeToken, isActive = true } = props;
  const [state, setState] = useState<PromptState>(initialPrompt);
  // The reducer must see the newest state even for several keys in one chunk.
  const ref = useRef(state);
  const commit = (next: PromptState): void => {
    ref.current = next;
    setState(next);
  };

  const feed = useCallback(
    (events: readonly KeyEvent[]) => {
      for (let i = 0; i < events.length; i++) {
        const step = reducePrompt(ref.current, events[i]!, history);
        commit(step.state);
        const eff = step.effect;
        if (!eff) continue;
        if (eff.kind === 'submit') {
          if (onSubmit(eff.text, eff.raw, events.slice(i + 1))) return;
        } else if (eff.kind === 'exit') return onExit();
        else if (eff.kind === 'interrupt') onInterrupt(eff.text);
        else if (eff.kind === 'clear') onClear?.();
        else if (eff.kind === 'suspend') onSuspend?.();
        else if (eff.kind === 'complete') {
          complete(eff.text, eff.cursor).then(
            (c) => commit(applyCompletion(ref.current, eff.text, eff.cursor, c)),
            () => commit({ ...ref.current, candidates: [] }),
          );
        }
      }
    },
    [history, complete, onSubmit, onExit, onInterrupt, onClear, onSuspend],
  );
  useInput((input, key) => feed(toKeyEvents(input, key)), { isActive });
  // Replay type-ahead when the prompt appears (or comes back after a command).
  useEffect(() => {
    const pending = takeTypeahead?.() ?? [];
    if (pending.length > 0) feed(pending);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resumeToken]);

  const { search, candidates } = state;
  if (search) {
    const match = search.match >= 0 ? history[search.match]! : '';
    return (
      <Text>
        <Text color={search.match < 0 && search.query ? 'red' : 'cyan'}>
          {search.match < 0 && search.query ? '(failed reverse-i-search)' : '(reverse-i-search)'}
        </Text>
        {`\`${search.query}': `}
        {match}
      </Text>
    );
  }
  const shown = candidates.slice(0, MAX_CANDIDATES);
  return (
    <Box flexDirection="column">
      <EditedLines prompt={prompt} text={state.line.text} cursor={state.line.cursor} />
      {shown.length > 0 && (
        <Box flexWrap="wrap" columnGap={2}>
          {shown.map((c) => (
            <Text key={c} color="cyan">
              {candidateLabel(c)}
            </Text>
          ))}
          {candidates.length > shown.length && <Text dimColor>{`… ${candidates.length - shown.length} more`}</Text>}
        </Box>
      )}
    </Box>
  );
}
