import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/base/emitter.js';
import type { KernelServices } from '../../src/kernel/services.js';
import type { KernelEvents, Session } from '../../src/kernel/types.js';
import { formatPlain } from '../../src/shell/format-plain.js';
import type { Outcome, RunHooks as ShellRunHooks } from '../../src/shell/runner.js';
import type { RunHooks } from '../../src/tui/repl-backend.js';
import { createRunnerBackend, type ReplKernel } from '../../src/tui/runner-backend.js';

function fakeKernel(): ReplKernel & { events: Emitter<KernelEvents>; sess: Session } {
  const events = new Emitter<KernelEvents>();
  const sess: Session = { creds: { principal: 'ada', role: 'user', permissions: [] }, cwd: '/' };
  return {
    events,
    sess,
    session: () => sess,
    services: { events } as unknown as KernelServices,
    dispatch: async () => undefined,
    listSyscalls: () => [],
  };
}

/** A runner that answers `cd "ml"` by going to the best of two close candidates. */
function fakeShell(k: ReturnType<typeof fakeKernel>) {
  const calls: { line: string; hooks?: ShellRunHooks }[] = [];
  return {
    calls,
    async run(line: string, hooks?: ShellRunHooks): Promise<Outcome> {
      calls.push({ line, ...(hooks ? { hooks } : {}) });
      if (line === 'cd "ml"') {
        k.sess.cwd = '/knowledge/ml';
        const candidates = [{ path: '/knowledge/ml', score: 0.61 }, { path: '/knowledge/ai', score: 0.6 }];
        return { input: line, ok: true, syscall: { name: 'fs.cd', args: { path: 'ml' } }, result: { cwd: k.sess.cwd, candidates } };
      }
      const m = /^cd (.+)$/.exec(line);
      if (m) {
        k.sess.cwd = m[1]!.replace(/^"|"$/g, '');
        return { input: line, ok: true, syscall: { name: 'fs.cd', args: { path: m[1] } }, result: { cwd: k.sess.cwd } };
      }
      if (line.startsWith('ask p2')) {
        await new Promise((r) => setTimeout(r, 5));
        if (line.endsWith('"stream"')) k.events.emit('agentOutput', { pid: 'p2', chunk: 'forty-two', done: true });
        return { input: line, ok: true, syscall: { name: 'ipc.ask', args: { to: 'p2' } }, result: { answer: 'forty-two', from: { pid: 'p2', name: 'coder-1' } } };
      }
      if (line === 'wait p2') {
        await new Promise((r) => setTimeout(r, 5));
        k.events.emit('agentOutput', { pid: 'p2', chunk: 'step one\nstep ', done: false });
        k.events.emit('agentOutput', { pid: 'p2', chunk: 'two', done: true });
        return { input: line, ok: true, syscall: { name: 'proc.wait', args: { pid: 'p2' } }, result: { pid: 'p2' } };
      }
      if (line === 'finish the thing') {
        const readings = [{ name: 'proc.kill', args: { pid: 'the thing' } }, { name: 'proc.wait', args: { pid: 'the thing' } }];
        return { input: line, ok: false, error: { code: 'shell.unsure', message: 'not sure', details: { readings } } };
      }
      if (line === 'grep meaning "first search"') {
        // a first search builds the vector index: VectorFS reports it as kernel progress of task vfs
        k.events.emit('progress', { task: 'vfs', done: 5000, total: 10000, label: 'rebuilding vector index' });
        k.events.emit('progress', { task: 'fs.mount', done: 1, total: 9 }); // another line's work: not this one's bar
        return { input: line, ok: true, syscall: { name: 'fs.grepMeaning', args: {} }, result: { hits: [] } };
      }
      if (line.startsWith('proc.')) return { input: line, ok: true, syscall: { name: line.split(' ')[0]!, args: {} }, result: {} };
      await hooks?.confirm?.('sure?');
      hooks?.onProgress?.({ task: 'fs.mount', done: 1, total: 2 });
      return { input: line, ok: true, syscall: { name: 'fs.pwd', args: {} }, result: { cwd: k.sess.cwd } };
    },
  };
}

function hooks(answer: number | null, log: string[] = []): RunHooks {
  return {
    signal: new AbortController().signal,
    confirm: async (q) => {
      log.push(`confirm ${q}`);
      return true;
    },
    choose: async (q, options) => {
      log.push(`choose ${options.join(' | ')}`);
      return answer;
    },
    onProgress: (p) => log.push(`progress ${p.done}/${p.total}`),
    onOutput: (chunk) => log.push(`out ${chunk}`),
  };
}

function backend() {
  const k = fakeKernel();
  const shell = fakeShell(k);
  const lines: string[] = [];
  const b = createRunnerBackend({
    shell,
    kernel: async () => k,
    user: 'ada',
    history: { entries: () => lines, add: (l) => void lines.push(l) },
    complete: (line, cursor) => ({ from: 0, to: cursor, candidates: [line] }),
    format: (o) => JSON.stringify(o.result),
  });
  return { k, shell, b };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('the runner backend', () => {
  it('shows the kernel session cwd in the prompt once the kernel is up', async () => {
    const { b, k } = backend();
    await settle();
    k.sess.cwd = '/apps';
    expect(b.prompt()).toEqual({ user: 'ada', cwd: '/apps' });
  });

  it('passes the signal, confirm and progress through to the runner', async () => {
    const { b, shell } = backend();
    const log: string[] = [];
    const o = await b.run('pwd', hooks(null, log));
    expect(o.ok).toBe(true);
    expect(log).toEqual(['confirm sure?', 'progress 1/2']);
    expect(shell.calls[0]!.hooks!.signal).toBeInstanceOf(AbortSignal);
  });

  it('shows the vector index being built by a first search as the line\'s progress, and stops listening after it', async () => {
    const { b, k } = backend();
    await settle();
    const log: string[] = [];
    await b.run('grep meaning "first search"', hooks(null, log));
    expect(log).toEqual(['progress 5000/10000']);
    k.events.emit('progress', { task: 'vfs', done: 10000, total: 10000 });
    expect(log).toEqual(['progress 5000/10000']);
  });

  it('asks which of two close cd candidates was meant and moves to the chosen one', async () => {
    const { b, k, shell } = backend();
    await settle();
    const log: string[] = [];
    const o = await b.run('cd "ml"', hooks(1, log));
    expect(log).toEqual(['choose /knowledge/ml  (0.61) | /knowledge/ai  (0.6)']);
    expect(shell.calls.map((c) => c.line)).toEqual(['cd "ml"', 'cd /knowledge/ai']);
    expect(k.sess.cwd).toBe('/knowledge/ai');
    expect(o.input).toBe('cd "ml"');
  });

  it('offers the readings of an unsure line; the one picked runs in its call form, none picked keeps the refusal', async () => {
    const { b, shell } = backend();
    const log: string[] = [];
    const o = await b.run('finish the thing', hooks(1, log));
    expect(log).toEqual(['choose proc.kill {"pid":"the thing"} | proc.wait {"pid":"the thing"}']);
    expect(shell.calls.map((c) => c.line)).toEqual(['finish the thing', 'proc.wait {"pid":"the thing"}']);
    expect(o).toMatchObject({ ok: true, input: 'finish the thing' });
    const n = backend();
    const refused = await n.b.run('finish the thing', hooks(null));
    expect(refused.error?.code).toBe('shell.unsure');
    expect(n.shell.calls).toHaveLength(1);
  });

  it('keeps the best candidate when it is chosen, and goes back when none is', async () => {
    const a = backend();
    await settle();
    await a.b.run('cd "ml"', hooks(0));
    expect(a.k.sess.cwd).toBe('/knowledge/ml');
    expect(a.shell.calls).toHaveLength(1);
    const n = backend();
    await settle();
    n.k.sess.cwd = '/apps';
    await n.b.run('cd "ml"', hooks(null));
    expect(n.k.sess.cwd).toBe('/apps');
  });

  it('prints an ask answer once: streamed as it came, not again as the result', async () => {
    const { b } = backend();
    await settle();
    const log: string[] = [];
    const streamed = await b.run('ask p2 "stream"', hooks(null, log));
    expect(log).toEqual(['out [p2] forty-two\n']);
    expect(formatPlain(streamed as Outcome).out).toBe('');
    const quiet = await b.run('ask p2 "quiet"', hooks(null));
    expect(formatPlain(quiet as Outcome).out).toBe('forty-two');
  });

  it('forwards agent output events to subscribers until they unsubscribe', async () => {
    const { b, k } = backend();
    const got: string[] = [];
    const off = b.subscribe!({ onOutput: (pid, chunk, done) => got.push(`${pid}:${chunk}:${done}`) });
    await settle();
    k.events.emit('agentOutput', { pid: 'p2', chunk: 'hi', done: false });
    off();
    k.events.emit('agentOutput', { pid: 'p2', chunk: 'later', done: true });
    expect(got).toEqual(['p2:hi:false']);
  });

  it('keeps its history in <home>/history when none is given, and fails without a home', () => {
    const home = mkdtempSync(join(tmpdir(), 'nlsh-repl-'));
    try {
      const k = fakeKernel();
      const b = createRunnerBackend({ shell: fakeShell(k), kernel: async () => k, home });
      b.history.add('ls /knowledge');
      expect(readFileSync(join(home, 'history'), 'utf8')).toBe('ls /knowledge\n');
      const again = createRunnerBackend({ shell: fakeShell(k), kernel: async () => k, home });
      expect(again.history.entries()).toEqual(['ls /knowledge']);
      expect(() => createRunnerBackend({ shell: fakeShell(k), kernel: async () => k })).toThrow(/home directory/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('streams agent output that arrives while a line runs, with the pid at each line start, and stops after', async () => {
    const { b, k } = backend();
    await settle();
    const log: string[] = [];
    await b.run('wait p2', hooks(null, log));
    k.events.emit('agentOutput', { pid: 'p2', chunk: 'late', done: true });
    expect(log).toEqual(['out [p2] step one\n[p2] step ', 'out two\n']);
  });
});
