// What the interactive shell needs from the layers below (tui layer). The Ink REPL renders
// against this small interface only, so it is tested with a fake backend; runner-backend.ts
// adapts the shell runner (src/shell/runner.ts) to it. Called by ShellApp and repl.tsx.

/** A call the shell understood, shown as `-> name {args}` before it runs. */
export interface ReplSyscall {
  name: string;
  args: Record<string, unknown>;
}

/** The error object of the JSON contract. */
export interface ReplError {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/** The structured result of one line (the runner's Outcome). */
export interface ReplOutcome {
  input: string;
  ok: boolean;
  syscall?: ReplSyscall;
  result?: unknown;
  error?: ReplError;
  /** The shell should leave (the `exit` built-in); the code to leave with. */
  exit?: number;
  /** The shell should clear the screen (the `clear` built-in). */
  clear?: boolean;
  /** The shell should hand the terminal to another full-screen view (the `top` built-in). */
  fullscreen?: 'top';
}

/** Progress of long work (mount, build), shown as a bar. */
export interface ReplProgress {
  task: string;
  done: number;
  total: number;
  label?: string;
}

/** What the REPL lends to a running command. */
export interface RunHooks {
  /** Aborted when the user presses Ctrl-C. */
  signal: AbortSignal;
  /** Asks a yes/no question (destructive calls); resolves false on Ctrl-C or "n". */
  confirm(question: string): Promise<boolean>;
  /** Asks the user to pick one of several options (e.g. two close `cd` candidates); null = none. */
  choose(question: string, options: string[]): Promise<number | null>;
  /** Long work reports its progress here. */
  onProgress(p: ReplProgress): void;
  /** Streamed output (an agent's tokens) as it arrives; shown live, kept after the command. */
  onOutput(chunk: string): void;
  /** The understood call, as soon as it is known (before confirmation or the run). */
  onUnderstood?(syscall: ReplSyscall): void;
}

/** Tab completion: replace text[from, to) with one of the candidates. */
export interface ReplCompletion {
  from: number;
  to: number;
  candidates: string[];
}

/** Persistent, capped line history (oldest first). */
export interface ReplHistory {
  entries(): string[];
  add(line: string): void;
}

/** The shell as the REPL sees it. */
export interface ReplBackend {
  /** The user and current VectorFS directory, for the prompt. */
  prompt(): { user: string; cwd: string };
  /** Runs one (possibly multi-line) input; resolves with its outcome, never rejects for expected failures. */
  run(line: string, hooks: RunHooks): Promise<ReplOutcome>;
  /** Completion candidates for the word at the cursor (commands, VectorFS paths, pids, names). */
  complete(line: string, cursor: number): Promise<ReplCompletion>;
  /** Plain text for an outcome's result or error (tables as aligned text); no ANSI. */
  format(outcome: ReplOutcome): string;
  history: ReplHistory;
  /** Subscribes to streamed output that happens outside a command (agents), and to notices (notice-feed.ts). */
  subscribe?(listener: { onOutput?(pid: string, chunk: string, done: boolean): void; onNotice?(text: string): void }): () => void;
  /** Flushes and closes (called once when the shell leaves). */
  close?(): Promise<void>;
}
