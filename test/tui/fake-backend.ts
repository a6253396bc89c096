// A scripted ReplBackend for the REPL's frame tests: a tiny command table over a fake
// directory tree, in-memory history, and hooks into running commands (confirm, choose,
// progress, streamed output, cancellation) so tests can drive each behaviour.
import type { ReplBackend, ReplCompletion, ReplOutcome, RunHooks } from '../../src/tui/repl-backend.js';

export interface FakeBackend extends ReplBackend {
  cwd: string;
  ran: string[];
  lines: string[];
  /** Emits background agent output to subscribers. */
  emitOutput(pid: string, chunk: string, done: boolean): void;
  /** Emits a notice (notice-feed.ts) to subscribers. */
  emitNotice(text: string): void;
  closed: boolean;
}

const DIRS = ['/knowledge/', '/kernel-notes/', '/agents/', '/apps/'];
const COMMANDS = ['cat', 'cd', 'kill', 'ls', 'mount', 'pwd', 'ps', 'spawn', 'wait', 'write'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

const cancelled = (input: string, name: string): ReplOutcome => ({
  input,
  ok: false,
  syscall: { name, args: {} },
  error: { code: 'sys.cancelled', message: 'cancelled' },
});

/** A fresh fake backend whose history starts with `history`. */
export function fakeBackend(history: string[] = []): FakeBackend {
  const listeners = new Set<Parameters<NonNullable<ReplBackend['subscribe']>>[0]>();
  const b: FakeBackend = {
    cwd: '/',
    ran: [],
    lines: [...history],
    closed: false,
    prompt: () => ({ user: 'ada', cwd: b.cwd }),
    history: {
      entries: () => [...b.lines],
      add: (line) => {
        b.lines.push(line);
      },
    },
    format(o) {
      if (typeof o.result === 'string') return o.result;
      return JSON.stringify(o.result);
    },
    async complete(line, cursor): Promise<ReplCompletion> {
      const from = line.lastIndexOf(' ', cursor - 1) + 1;
      const word = line.slice(from, cursor);
      const pool = from === 0 ? COMMANDS : DIRS;
      return { from, to: cursor, candidates: pool.filter((c) => c.startsWith(word)) };
    },
    async run(line, hooks: RunHooks): Promise<ReplOutcome> {
      b.ran.push(line);
      const [cmd, ...rest] = line.trim().split(/\s+/);
      const arg = rest.join(' ');
      switch (cmd) {
        case 'pwd':
          return { input: line, ok: true, syscall: { name: 'fs.pwd', args: {} }, result: b.cwd };
        case 'cd': {
          if (arg === '"close"') {
            const i = await hooks.choose('Which directory did you mean?', ['/knowledge/ml', '/knowledge/ai']);
            if (i === null) return cancelled(line, 'fs.cd');
            b.cwd = ['/knowledge/ml', '/knowledge/ai'][i]!;
            return { input: line, ok: true, syscall: { name: 'fs.cd', args: { path: b.cwd } }, result: b.cwd };
          }
          if (!DIRS.includes(arg.endsWith('/') ? arg : `${arg}/`)) {
            return {
              input: line,
              ok: false,
              syscall: { name: 'fs.cd', args: { path: arg } },
              error: { code: 'fs.notFound', message: `no such directory: ${arg}`, hint: 'try ls, or cd "a description"' },
            };
          }
          b.cwd = arg.replace(/\/$/, '') || '/';
          return { input: line, ok: true, syscall: { name: 'fs.cd', args: { path: arg } }, result: b.cwd };
        }
        case 'kill': {
          hooks.onUnderstood?.({ name: 'proc.kill', args: { pid: arg } });
          const yes = await hooks.confirm(`kill ${arg}?`);
          if (!yes) return { input: line, ok: false, syscall: { name: 'proc.kill', args: { pid: arg } }, error: { code: 'sys.declined', message: 'not confirmed' } };
          return { input: line, ok: true, syscall: { name: 'proc.kill', args: { pid: arg } }, result: `killed ${arg}` };
        }
        case 'wait':
          hooks.onUnderstood?.({ name: 'proc.wait', args: { pid: arg } });
          await waitForAbort(hooks.signal);
          return cancelled(line, 'proc.wait');
        case 'hang':
          // A command that ignores the abort signal entirely.
          await new Promise(() => undefined);
          return cancelled(line, 'hang');
        case 'zombie':
          // Ignores Ctrl-C, then keeps talking and asking after the shell has given up on it.
          await sleep(400);
          hooks.onOutput('late output');
          await hooks.confirm('late question?');
          return { input: line, ok: true, result: 'late result' };
        case 'mount':
          hooks.onUnderstood?.({ name: 'fs.mount', args: { host: arg } });
          hooks.onProgress({ task: 'mount', done: 5, total: 10, label: 'a.md' });
          await waitForAbort(hooks.signal);
          return cancelled(line, 'fs.mount');
        case 'spawn':
          hooks.onUnderstood?.({ name: 'proc.spawn', args: { description: arg } });
          hooks.onOutput('Thinking about ');
          await sleep(5);
          hooks.onOutput('the task…\nstep 2');
          await sleep(60);
          return { input: line, ok: true, syscall: { name: 'proc.spawn', args: { description: arg } }, result: 'p1' };
        case 'chatter': {
          // A long line (wider than the terminal) with an escape sequence in it, then more.
          hooks.onOutput(`${Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')} \u001b[2J cleared?`);
          await sleep(150);
          hooks.onOutput(`${Array.from({ length: 20 }, (_, i) => `\nline ${i}`).join('')}\nlast line`);
          await sleep(30);
          return { input: line, ok: true, result: 'chatted' };
        }
        case 'bye':
          return { input: line, ok: true, result: 'bye', exit: 3 };
        default:
          return {
            input: line,
            ok: false,
            error: { code: 'shell.unknownCommand', message: `I did not understand "${line}"`, hint: 'type help for the commands' },
          };
      }
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emitOutput(pid, chunk, done) {
      for (const l of listeners) l.onOutput?.(pid, chunk, done);
    },
    emitNotice(text) {
      for (const l of listeners) l.onNotice?.(text);
    },
    async close() {
      b.closed = true;
    },
  };
  return b;
}
