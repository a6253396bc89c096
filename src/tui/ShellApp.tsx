// The interactive shell view (tui layer): past commands in <Static>, then either the prompt or
// the running command (what was understood, streamed output, a progress bar, a confirm or
// choice dialog). Ctrl-C aborts the running command, never the shell; Ctrl-D on an empty
// line or `exit` leaves. Rendered by repl.tsx; tests render it with a fake ReplBackend.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text, useInput, useStdin, useStdout } from 'ink';
import { Choice } from './Choice.js';
import { Confirm } from './Confirm.js';
import { toKeyEvents, type KeyEvent } from './key-events.js';
import { EntryView, OutputView, type Entry } from './OutputView.js';
import { ProgressBar } from './ProgressBar.js';
import { PromptInput } from './PromptInput.js';
import type { ReplBackend, ReplOutcome, ReplProgress, RunHooks } from './repl-backend.js';
import { useBackgroundOutput } from './use-background-output.js';

/** Why the shell view ended. */
export type ShellLeave = { kind: 'exit'; code: number } | { kind: 'fullscreen'; view: 'top' };

export interface ShellAppProps {
  backend: ReplBackend;
  onLeave(reason: ShellLeave): void;
  /** A dim first line, e.g. the version and `help` hint. */
  welcome?: string;
  /** How long a cancelled command may take to stop before the prompt comes back anyway (ms). */
  cancelGraceMs?: number;
  /** Lines of streamed output kept visible while a command runs. */
  liveLines?: number;
  /**
   * Ctrl-Z at the prompt: stop the process as a shell's job control does and resolve when it is
   * continued (fg); default suspendProcess. Tests pass a fake: the real one stops the process.
   */
  suspend?: (io: SuspendIo) => Promise<void>;
}

/** What suspending needs from the terminal. */
export interface SuspendIo {
  setRawMode(on: boolean): void;
  write(text: string): void;
}

/**
 * Suspends the REPL like any Unix job: cooked mode and a visible cursor for the parent shell,
 * SIGTSTP to ourselves (the default action stops the process), and on SIGCONT (fg) raw mode
 * again. Where there is no job control (Windows) it says so and does nothing.
 */
export function suspendProcess(io: SuspendIo): Promise<void> {
  if (process.platform === 'win32') return Promise.reject(new Error('Ctrl-Z: there is no job control on Windows; the shell stays'));
  return new Promise((resolve) => {
    io.setRawMode(false);
    io.write('\u001b[?25h\n');
    process.once('SIGCONT', () => {
      io.setRawMode(true);
      resolve();
    });
    process.kill(process.pid, 'SIGTSTP');
  });
}

type Dialog =
  | { kind: 'confirm'; question: string; resolve(yes: boolean): void }
  | { kind: 'choose'; question: string; options: string[]; resolve(i: number | null): void };

interface Running {
  entry: Entry;
  progress?: ReplProgress;
  cancelling: boolean;
}

const EXIT_RE = /^\s*(?:exit|quit|logout)(?:\s+(\d+))?\s*$/;
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

/** `user@nlsh:/cwd$ `. */
export function promptString(p: { user: string; cwd: string }): string {
  return `${p.user}@nlsh:${p.cwd}$ `;
}

function isCancelled(o: ReplOutcome, signal: AbortSignal): boolean {
  return signal.aborted && (!o.ok || o.error !== undefined);
}

export function ShellApp({ backend, onLeave, welcome, cancelGraceMs = 1000, liveLines = 15, suspend = suspendProcess }: ShellAppProps): React.ReactElement {
  const { stdout, write: writeAbove } = useStdout();
  const { stdin } = useStdin();
  const nextId = useRef(1);
  const [entries, setEntries] = useState<Entry[]>(() => (welcome ? [{ id: 0, note: welcome }] : []));
  const [generation, setGeneration] = useState(0);
  const [promptInfo, setPromptInfo] = useState(() => backend.prompt());
  const [history, setHistory] = useState(() => backend.history.entries());
  const [running, setRunning] = useState<Running | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [leaving, setLeaving] = useState<ShellLeave | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const typeahead = useRef<KeyEvent[]>([]);
  const [resumeToken, setResumeToken] = useState(0);
  const forceRef = useRef<(() => void) | null>(null);

  const push = useCallback((e: Omit<Entry, 'id'>) => {
    setEntries((es) => [...es, { ...e, id: nextId.current++ }]);
  }, []);
  const patchRunning = (f: (r: Running) => Running): void => setRunning((r) => (r ? f(r) : r));

  useBackgroundOutput(backend, running === null, (note) => push({ note }));

  // through Ink's writer, which redraws the current frame after the clear (a frame equal to the
  // last one is never written again, so writing to the stream would leave a blank screen)
  const clearScreen = useCallback(() => {
    writeAbove(CLEAR_SCREEN);
    setEntries([]);
    setGeneration((g) => g + 1);
  }, [writeAbove]);

  // Ctrl-Z: suspend; on fg the screen is redrawn with the prompt (Ink's frame was left behind).
  // The terminal's mode is set on the stream itself: Ink's setRawMode counts its users and leaves
  // the terminal raw while its input hooks hold it, so the parent shell would get a raw terminal
  // and, after fg, a cooked one (Enter arrives as a newline, not a submit).
  const onSuspend = useCallback(() => {
    const setTerminalRaw = (on: boolean): void => {
      if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(on);
    };
    suspend({ setRawMode: setTerminalRaw, write: (t) => stdout.write(t) }).then(
      () => clearScreen(),
      (err: unknown) => push({ note: err instanceof Error ? err.message : String(err) }),
    );
  }, [suspend, stdin, stdout, clearScreen, push]);

  const finish = useCallback(
    (base: Entry, outcome: ReplOutcome | 'forced', signal: AbortSignal) => {
      setRunning(null);
      setResumeToken((t) => t + 1);
      setDialog(null);
      abortRef.current = null;
      forceRef.current = null;
      setPromptInfo(backend.prompt());
      if (outcome === 'forced' || isCancelled(outcome, signal)) {
        const understood = outcome === 'forced' ? base.understood : outcome.syscall ?? base.understood;
        push({ ...base, ...(understood ? { understood } : {}), interrupted: 'command' });
        return;
      }
      const entry: Omit<Entry, 'id'> = { ...base };
      if (outcome.syscall) entry.understood = outcome.syscall;
      if (outcome.error) entry.error = outcome.error;
      else {
        try {
          entry.text = backend.format(outcome);
        } catch (err) {
          entry.error = { code: 'sys.internal', message: `cannot show the result: ${err instanceof Error ? err.message : String(err)}` };
        }
      }
      push(entry);
      if (outcome.clear) clearScreen();
      if (outcome.exit !== undefined) setLeaving({ kind: 'exit', code: outcome.exit });
      else if (outcome.fullscreen) setLeaving({ kind: 'fullscreen', view: outcome.fullscreen });
    },
    [backend, push, clearScreen],
  );

  const submit = useCallback(
    (text: string, raw: string = text, rest: KeyEvent[] = []): boolean => {
      const prompt = promptString(backend.prompt());
      if (text.trim() === '') {
        push({ prompt, input: raw });
        return false;
      }
      try {
        backend.history.add(text);
        setHistory(backend.history.entries());
      } catch (err) {
        push({ note: `history not saved: ${err instanceof Error ? err.message : String(err)}` });
      }
      const exit = EXIT_RE.exec(text);
      if (exit) {
        push({ prompt, input: raw });
        setLeaving({ kind: 'exit', code: exit[1] ? Number(exit[1]) : 0 });
        return true;
      }
      typeahead.current = [...rest];
      const ac = new AbortController();
      abortRef.current = ac;
      const live: Entry = { id: -1, prompt, input: raw };
      setRunning({ entry: live, cancelling: false });
      // A command given up on (forced back to the prompt) may still call its hooks; they must
      // not touch the next command's view, and its questions are answered "no".
      const current = (): boolean => abortRef.current === ac;
      const hooks: RunHooks = {
        signal: ac.signal,
        confirm: (question) =>
          current() ? new Promise<boolean>((resolve) => setDialog({ kind: 'confirm', question, resolve })) : Promise.resolve(false),
        choose: (question, options) =>
          current() ? new Promise<number | null>((resolve) => setDialog({ kind: 'choose', question, options, resolve })) : Promise.resolve(null),
        onProgress: (p) => {
          if (current()) patchRunning((r) => ({ ...r, progress: p }));
        },
        onOutput: (chunk) => {
          if (!current()) return;
          live.streamed = (live.streamed ?? '') + chunk;
          patchRunning((r) => ({ ...r, entry: { ...r.entry, streamed: live.streamed! } }));
        },
        onUnderstood: (s) => {
          if (!current()) return;
          live.understood = s;
          patchRunning((r) => ({ ...r, entry: { ...r.entry, understood: s } }));
        },
      };
      const forced = new Promise<'forced'>((resolve) => {
        forceRef.current = () => resolve('forced');
      });
      const ran = backend.run(text, hooks).catch(
        (err: unknown): ReplOutcome => ({
          input: text,
          ok: false,
          error: { code: 'sys.internal', message: err instanceof Error ? err.message : String(err) },
        }),
      );
      void Promise.race([ran, forced]).then((o) => finish({ ...live, id: 0 }, o, ac.signal));
      return true;
    },
    [backend, push, finish],
  );

  // Ctrl-C while a command runs (and no dialog is asking): abort it; the prompt comes back when
  // it stops, or after a grace period if it does not. A second Ctrl-C does not wait.
  // Other keys typed meanwhile are kept and replayed at the next prompt, as a shell does.
  useInput(
    (input, key) => {
      for (const ev of toKeyEvents(input, key)) {
        const ac = abortRef.current;
        if (!ac) return;
        if (ev.kind !== 'ctrl' || ev.letter !== 'c') {
          typeahead.current.push(ev);
          continue;
        }
        typeahead.current = [];
        if (ac.signal.aborted) return forceRef.current?.();
        ac.abort();
        patchRunning((r) => ({ ...r, cancelling: true }));
        const force = forceRef.current;
        setTimeout(() => force?.(), cancelGraceMs).unref?.();
      }
    },
    { isActive: running !== null && dialog === null },
  );
  // Holds raw mode for the app's whole life: without it, Ink would leave raw mode for an instant
  // whenever the prompt gives way to a running command, and keys typed then would be cooked.
  useInput(() => undefined);

  // The "running…" hint only for commands that take a moment, so quick ones do not flicker.
  const busy = running !== null;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!busy) return;
    const t = setTimeout(() => setSlow(true), 150);
    return () => {
      clearTimeout(t);
      setSlow(false);
    };
  }, [busy]);

  // Leave only after the last entry has been committed, so it is on the screen.
  useEffect(() => {
    if (leaving) onLeave(leaving);
  }, [leaving, onLeave]);

  const answer = (f: () => void): void => {
    setDialog(null);
    f();
  };

  return (
    <Box flexDirection="column">
      <OutputView key={generation} entries={entries} />
      {leaving ? null : running ? (
        <Box flexDirection="column">
          <EntryView entry={running.entry} liveLines={liveLines} />
          {running.progress && <ProgressBar done={running.progress.done} total={running.progress.total} label={running.progress.label} />}
          {dialog?.kind === 'confirm' && <Confirm question={dialog.question} onAnswer={(yes) => answer(() => dialog.resolve(yes))} />}
          {dialog?.kind === 'choose' && (
            <Choice question={dialog.question} options={dialog.options} onChoose={(i) => answer(() => dialog.resolve(i))} />
          )}
          {!dialog && (running.cancelling || slow) && <Text dimColor>{running.cancelling ? 'cancelling…' : 'running… (Ctrl-C cancels)'}</Text>}
        </Box>
      ) : (
        <PromptInput
          prompt={promptString(promptInfo)}
          history={history}
          complete={(line, cursor) => backend.complete(line, cursor)}
          onSubmit={submit}
          onExit={() => setLeaving({ kind: 'exit', code: 0 })}
          onInterrupt={(text) => push({ prompt: promptString(promptInfo), input: text, interrupted: 'line' })}
          onClear={clearScreen}
          onSuspend={onSuspend}
          takeTypeahead={() => typeahead.current.splice(0)}
          resumeToken={resumeToken}
        />
      )}
    </Box>
  );
}
