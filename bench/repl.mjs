#!/usr/bin/env node
// Benchmark: interactive shell responsiveness — keystroke-to-frame latency (a key written to
// stdin until Ink has written the line containing it to stdout) and Enter-to-result latency
// for a command that answers at once, with the real Ink renderer (throttled to its default
// 30 fps, as in a terminal) over a fake TTY and an instant in-memory backend.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/repl.mjs [keys]
import React from 'react';
import { render } from 'ink';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { ShellApp } from '../dist/tui/ShellApp.js';

const KEYS = Number(process.argv[2] ?? 200);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.9)]; };

class FakeStdout extends EventEmitter {
  columns = 120; rows = 40; isTTY = true; written = '';
  write(s) { this.written += s; this.emit('wrote'); return true; }
}
class FakeStdin extends EventEmitter {
  isTTY = true; buf = [];
  setEncoding() {} setRawMode() {} resume() {} pause() {} ref() {} unref() {}
  read() { return this.buf.shift() ?? null; }
  send(s) { this.buf.push(s); this.emit('readable'); }
}

const lines = [];
const backend = {
  prompt: () => ({ user: 'bench', cwd: '/' }),
  history: { entries: () => [...lines], add: (l) => lines.push(l) },
  format: (o) => String(o.result),
  complete: async () => ({ from: 0, to: 0, candidates: [] }),
  run: async (line) => ({ input: line, ok: true, syscall: { name: 'fs.pwd', args: {} }, result: `result-${line.length}` }),
};

const stdout = new FakeStdout();
const stdin = new FakeStdin();
const app = render(React.createElement(ShellApp, { backend, onLeave: () => undefined }), { stdout, stdin, exitOnCtrlC: false, patchConsole: false });

/** Resolves with ms from now until stdout has been written with something matching `test`. */
function until(test) {
  const t0 = performance.now();
  const from = stdout.written.length;
  return new Promise((resolve) => {
    const check = () => {
      if (test(stdout.written.slice(from))) {
        stdout.off('wrote', check);
        resolve(performance.now() - t0);
      }
    };
    stdout.on('wrote', check);
  });
}

await new Promise((r) => setTimeout(r, 200));
console.log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);

const keyTimes = [];
const enterTimes = [];
for (let i = 0; i < KEYS; i++) {
  const word = `cmd${i}x`;
  for (const ch of word) {
    const done = until((w) => w.includes(ch));
    stdin.send(ch);
    keyTimes.push(await done);
    // space the keys like a fast typist (~15 keys/s) so each one is its own frame
    await new Promise((r) => setTimeout(r, 60));
  }
  const shown = until((w) => w.includes(`result-${word.length}`));
  stdin.send('\r');
  enterTimes.push(await shown);
  await new Promise((r) => setTimeout(r, 60));
}
app.unmount();
console.log(`keystroke -> frame: median ${median(keyTimes).toFixed(2)} ms, p90 ${p90(keyTimes).toFixed(2)} ms over ${keyTimes.length} keys`);
console.log(`Enter -> result on screen (instant command): median ${median(enterTimes).toFixed(2)} ms, p90 ${p90(enterTimes).toFixed(2)} ms over ${enterTimes.length} commands`);
process.exit(0);
