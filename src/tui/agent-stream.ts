// Interleaves streamed agent output from several processes into readable text (tui layer):
// each line starts with `[pid] `, and a switch to another pid mid-line starts a new line.
// Used by the runner backend for output that arrives while a command (e.g. `wait p2`) runs.

/** Returns a function that turns (pid, chunk, done) into text to append; keeps line state between calls. */
export function createStreamPrefixer(): (pid: string, chunk: string, done: boolean) => string {
  let lastPid: string | null = null;
  let atLineStart = true;
  return (pid, chunk, done) => {
    let out = '';
    if (pid !== lastPid && !atLineStart) {
      out += '\n';
      atLineStart = true;
    }
    lastPid = pid;
    for (const ch of chunk) {
      if (atLineStart) out += `[${pid}] `;
      out += ch;
      atLineStart = ch === '\n';
    }
    if (done && !atLineStart) {
      out += '\n';
      atLineStart = true;
    }
    return out;
  };
}
