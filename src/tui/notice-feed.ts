// Notices for the interactive shell (tui layer): things the kernel or the agents layer says
// outside any command ("the model has no tool support", an index repair). Under Ink they must
// not be written to stderr: a line written past Ink shifts the screen under its frame, which
// it then redraws in the wrong place. The CLI sends them here; the REPL shows them as notes
// above the prompt (ShellApp, use-background-output.ts). Notices from before the REPL listens
// (the kernel boots while the prompt is already drawn) are kept, up to a cap, and handed over
// when it does.

/** A sink for notices and a feed the REPL subscribes to. */
export interface NoticeFeed {
  /** Records one notice; shown at once if someone listens, else kept for the first listener. */
  notice(text: string): void;
  /** Listens; notices kept so far are delivered first. Returns the unsubscribe function. */
  subscribe(on: (text: string) => void): () => void;
}

/** Returns a feed that keeps at most `keep` notices (the latest) while nobody listens. */
export function createNoticeFeed(keep = 50): NoticeFeed {
  let kept: string[] = [];
  let listener: ((text: string) => void) | null = null;
  return {
    notice(text) {
      if (listener) return listener(text);
      kept.push(text);
      if (kept.length > keep) kept = kept.slice(-keep);
    },
    subscribe(on) {
      listener = on;
      const old = kept;
      kept = [];
      for (const t of old) on(t);
      return () => {
        if (listener === on) listener = null;
      };
    },
  };
}
