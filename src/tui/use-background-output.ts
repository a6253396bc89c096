// Hook (tui layer): agent output that arrives while no command runs (a spawned agent thinking
// in the background), gathered per pid into whole lines and shown as `[p3] ...` notes above
// the prompt. Used by ShellApp; a no-op when the backend has no subscribe().
import { useEffect, useRef } from 'react';
import type { ReplBackend } from './repl-backend.js';

/** Calls onLine with `[pid] line` for each complete line of background output while active. */
export function useBackgroundOutput(backend: ReplBackend, active: boolean, onLine: (note: string) => void): void {
  const activeRef = useRef(active);
  activeRef.current = active;
  const onLineRef = useRef(onLine);
  onLineRef.current = onLine;
  useEffect(() => {
    if (!backend.subscribe) return;
    const partial = new Map<string, string>();
    return backend.subscribe({
      onOutput(pid, chunk, done) {
        // While a command runs, it streams its own output; background notes would interleave.
        if (!activeRef.current) return;
        const text = (partial.get(pid) ?? '') + chunk;
        const lines = text.split('\n');
        const rest = done ? '' : lines.pop()!;
        for (const ln of lines) if (ln !== '' || !done) onLineRef.current(`[${pid}] ${ln}`);
        if (rest) partial.set(pid, rest);
        else partial.delete(pid);
      },
    });
  }, [backend]);
}
