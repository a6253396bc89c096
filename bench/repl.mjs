#!/usr/bin/env node
// Benchmark: interactive shell responsiveness — keystroke-to-frame latency (a key written to
// stdin until Ink has written the line containing it to stdout) and Enter-to-result latency
// for a command that answers at once, with the real Ink renderer (throttled to its default
// 30 fps, as in a terminal) over a fake TTY and an instant in-memory backend; then the heap a
// streamed agent answer leaves behind (3,000 tokens, each its own render).
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/repl.mjs [keys]
import { EventEmitter } from 'node:events';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

// As the CLI runs the REPL (src/cli/jobs.ts prepareInk): React's production build.
process.env.NODE_ENV ??= 'production';
const { default: React } = await import('react');
const { render } = await import('ink');
const { ShellApp } = await import('../dist/tui/ShellApp.js');

const KEYS = Number(process.argv[2] ?? 200);
const TOKENS = 3000;
let streamRuns = 0;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
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
  run: async (line, hooks) => {
    if (line === 'stream') {
      // Each answer's text is new (as a model's is): a warm-up answer must not pre-fill caches.
      const run = ++streamRuns;
      for (let i = 0; i < TOKENS; i++) {
        hooks.onOutput(`r${run}w${i}${i % 12 === 11 ? '\n' : ' '}`);
        await new Promise((r) => setImmediate(r));
      }
      return { input: line, ok: true, syscall: { name: 'proc.spawn', args: {} }, result: 'stream-done' };
    }
    return { input: line, ok: true, syscall: { name: 'fs.pwd', args: {} }, result: `result-${line.length}` };
  },
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

// The heap a streamed answer leaves: full GC before and after a 3,000-token answer (each token
// a React commit, so a layout), once to warm up and once measured.
async function streamOnce() {
  stdout.written = '';
  for (const ch of 'stream') stdin.send(ch);
  await new Promise((r) => setTimeout(r, 100));
  const done = new Promise((resolve) => {
    // Look at each write on its own: the whole transcript of 3,000 renders is too long to rescan.
    const check = () => {
      const w = stdout.written;
      stdout.written = '';
      if (w.includes('stream-done')) {
        stdout.off('wrote', check);
        resolve();
      }
    };
    stdout.on('wrote', check);
  });
  stdin.send('\r');
  await done;
  await new Promise((r) => setTimeout(r, 100));
}
await streamOnce();
stdout.written = '';
gc();
const heap0 = process.memoryUsage().heapUsed;
await streamOnce();
stdout.written = '';
gc();
const kept = process.memoryUsage().heapUsed - heap0;
const answerBytes = Array.from({ length: TOKENS }, (_, i) => `r2w${i} `).join('').length;
app.unmount();
console.log(`keystroke -> frame: median ${median(keyTimes).toFixed(2)} ms, p90 ${p90(keyTimes).toFixed(2)} ms over ${keyTimes.length} keys`);
console.log(`Enter -> result on screen (instant command): median ${median(enterTimes).toFixed(2)} ms, p90 ${p90(enterTimes).toFixed(2)} ms over ${enterTimes.length} commands`);
console.log(`heap kept after a streamed answer of ${TOKENS} tokens (${(answerBytes / 1024).toFixed(0)} KB of text): ${(kept / 1024).toFixed(0)} KB (${(kept / answerBytes).toFixed(1)} bytes per byte of answer)`);
process.exit(0);
