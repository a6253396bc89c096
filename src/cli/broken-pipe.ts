// Broken pipes (cli layer): `nlsh -c help | head -1` closes nlsh's stdout early. A Unix tool
// then dies quietly of SIGPIPE; node instead throws an unhandled EPIPE with a stack trace.
// This ends the process the way the tool would: no output, status 141 (128 + SIGPIPE), so no
// further command of a script runs after its reader went away. Called by main.ts only.
import type { Writable } from 'node:stream';

/** Exit status of a process killed by SIGPIPE, as the shell reports it. */
export const EXIT_BROKEN_PIPE = 141;

/** Calls onBroken (once) when writing to stream fails with EPIPE; other write errors are rethrown. */
export function onBrokenPipe(stream: Writable, onBroken: () => void): void {
  let seen = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    if (!seen) {
      seen = true;
      onBroken();
    }
  });
}
