// Hook (tui layer): agent output that arrives while no command runs (a spawned agent thinking
// in the background), gathered per pid into whole lines and shown as `[p3] ...` notes above
// the prompt; and notices (notice-feed.ts) as `nlsh: ...` notes, kept while a command runs
// and shown when it ends. Used by ShellApp; a no-op when the backend has no subscribe().
import { useEffect, useRef } from 'react';
import type { ReplBackend } from './repl-backend.js';

/** Calls onLine with `[pid] line` for each complete line of background output while active, and `nlsh: text` for notices. */
export function useBackgroundOutput(backend: ReplBackend, active: boolean, onLine: (note: string) => void): void {
  const activeRef = useRef(active);
  activeRef.current = active;
  const onLineRef = useRef(onLine);
  onLineRef.current = onLine;
  const heldRef = useRef<string[]>([]);
  useEffect(() => {
    if (!active || heldRef.current.length === 0) return;
    const held = heldRef.current;
    heldRef.current = [];
    for (const n of held) onLineRef.current(n);
  }, [active]);
  useEffect(() => {
    if (!backend.subscribe) return;
    const partial = new Map<string, string>();
    return backend.subscribe({
      onNotice(text) {
        const note = `nlsh: ${text}`;
        if (activeRef.current) onLineRef.current(note);
        else heldRef.current.push(note);
      },
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
