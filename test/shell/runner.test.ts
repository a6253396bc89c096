// The shell runner over a fake kernel and a fake parser: outcomes, dry runs, the confirmation
// policy for destructive calls, abort, built-ins, and scripts (stop at failure, keep going).
import { describe, expect, it } from 'vitest';
import { NlshError } from '../../src/base/errors.js';
import type { SyscallDef } from '../../src/kernel/syscall.js';
import type { Session } from '../../src/kernel/types.js';
import { createShell, isDestructive, type ShellKernel, type ShellParser } from '../../src/shell/runner.js';
import { runScript, splitScript } from '../../src/shell/script.js';
import type { Command } from '../../src/shell/types.js';

interface Call { name: string; args: unknown }

function fakeKernel(handlers: Record<string, (args: Record<string, unknown>, signal?: AbortSignal) => unknown> = {}) {
  const calls: Call[] = [];
  const session: Session = { creds: { principal: 'alice', role: 'user', permissions: [] }, cwd: '/' };
  let boots = 0;
  const defs = ['fs.pwd', 'fs.rm', 'fs.mv', 'proc.kill', 'ipc.broadcast', 'mem.free', 'proc.ps', 'fs.mount']
    .map((name) => ({ name, summary: `${name} summary`, destructive: ['fs.rm', 'fs.mv', 'proc.kill', 'ipc.broadcast', 'mem.free'].includes(name) })) as unknown as SyscallDef[];
  const kernel: ShellKernel = {
    async dispatch(name, args, _s, opts) {
      calls.push({ name, args });
      const h = handlers[name];
      if (!h) throw new NlshError('sys.unknownSyscall', `no syscall ${name}`);
      return h(args as Record<string, unknown>, opts?.signal);
    },
    session: () => session,
    listSyscalls: () => defs,
  };
  return { kernel, calls, boot: async () => { boots++; return kernel; }, boots: () => boots };
}

// A tiny parser: "name {json}" -> syscall, "!builtin" -> builtin, "??" -> not understood.
const parser: ShellParser = {
  async parse(line): Promise<Command> {
    if (line === '??') throw new NlshError('shell.notUnderstood', `I did not understand '${line}'`, { hint: 'try help' });
    if (line.startsWith('!')) return { kind: 'builtin', input: line, builtin: line.slice(1) as 'help', args: {}, layer: 1, confidence: 1 };
    const [name, ...rest] = line.split(' ');
    const layer = line.includes('please') ? 2 : 1;
    return { kind: 'syscall', input: line, syscall: name as 'fs.pwd', args: rest.length && rest[0]!.startsWith('{') ? JSON.parse(rest.join(' ')) : {}, layer, confidence: 1 };
  },
};

describe('shell runner', () => {
  it('plain output asks a listing for one page unless the line names a limit; without pageSize (--json) it asks for all', async () => {
    const f = fakeKernel({ 'proc.ps': (a) => ({ processes: [], total: 0, asked: a }) });
    const paged = createShell({ kernel: f.boot, parser, pageSize: 1000 });
    expect((await paged.run('proc.ps {}')).syscall).toEqual({ name: 'proc.ps', args: {} }); // shown as understood
    await paged.run('proc.ps {"limit":0}');
    await createShell({ kernel: f.boot, parser }).run('proc.ps {}');
    await paged.run('fs.pwd'); // not a listing: untouched (and unknown to this fake)
    expect(f.calls).toEqual([
      { name: 'proc.ps', args: { limit: 1000 } },
      { name: 'proc.ps', args: { limit: 0 } },
      { name: 'proc.ps', args: {} },
      { name: 'fs.pwd', args: {} },
    ]);
  });

  it('a successful line carries input, syscall and result', async () => {
    const f = fakeKernel({ 'fs.pwd': () => ({ cwd: '/' }) });
    const shell = createShell({ kernel: f.boot, parser });
    const o = await shell.run('fs.pwd');
    expect(o).toMatchObject({ input: 'fs.pwd', ok: true, syscall: { name: 'fs.pwd', args: {} }, result: { cwd: '/' } });
  });

  it('a failed dispatch becomes an error outcome with the code, message and hint', async () => {
    const f = fakeKernel({ 'fs.pwd': () => { throw new NlshError('fs.notFound', 'no such file', { hint: 'ls shows files' }); } });
    const o = await createShell({ kernel: f.boot, parser }).run('fs.pwd');
    expect(o.ok).toBe(false);
    expect(o.error).toEqual({ code: 'fs.notFound', message: 'no such file', hint: 'ls shows files' });
    expect(o.exitCode).toBe(1);
  });

  it('a line the parser does not understand fails without booting the kernel', async () => {
    const f = fakeKernel();
    const o = await createShell({ kernel: f.boot, parser }).run('??');
    expect(o.error?.code).toBe('shell.notUnderstood');
    expect(f.boots()).toBe(0);
  });

  it('a dry run shows the syscall and carries out nothing, without booting the kernel', async () => {
    const f = fakeKernel({ 'proc.kill': () => ({}) });
    const o = await createShell({ kernel: f.boot, parser, dryRun: true }).run('proc.kill {"pid":"p3"}');
    expect(o).toMatchObject({ ok: true, dryRun: true, syscall: { name: 'proc.kill', args: { pid: 'p3' } } });
    expect(f.calls).toEqual([]);
    expect(f.boots()).toBe(0);
  });

  it('the kernel is booted once for many lines', async () => {
    const f = fakeKernel({ 'fs.pwd': () => ({ cwd: '/' }) });
    const shell = createShell({ kernel: f.boot, parser });
    await shell.run('fs.pwd');
    await shell.run('fs.pwd');
    expect(f.boots()).toBe(1);
  });

  it('a destructive call in a script without -y fails with shell.needsConfirmation and hint -y, and is not carried out', async () => {
    const f = fakeKernel({ 'fs.rm': () => ({ removed: 1 }) });
    const o = await createShell({ kernel: f.boot, parser }).run('fs.rm {"path":"/x"}');
    expect(o.error?.code).toBe('shell.needsConfirmation');
    expect(o.error?.hint).toMatch(/-y/);
    expect(f.calls).toEqual([]);
  });

  it('destructive is what the descriptors say: kill, rm, mv, merge, broadcast and free, nothing else', async () => {
    const { KERNEL_SYSCALLS } = await import('../../src/kernel/syscall-list.js');
    const defs = [...KERNEL_SYSCALLS] as unknown as SyscallDef[];
    expect(defs.filter((d) => isDestructive(d.name, defs)).map((d) => d.name).sort()).toEqual(['fs.mv', 'fs.rm', 'ipc.broadcast', 'mem.free', 'proc.kill', 'proc.merge']);
    expect(isDestructive('fs.ls', defs)).toBe(false);
    expect(isDestructive('proc.kill', [{ name: 'proc.kill' }] as unknown as SyscallDef[])).toBe(false);
  });

  it('with -y a destructive call runs without asking', async () => {
    const f = fakeKernel({ 'ipc.broadcast': () => ({ delivered: 2, ids: ['m1', 'm2'] }) });
    let asked = false;
    const o = await createShell({ kernel: f.boot, parser, yes: true }).run('ipc.broadcast {"message":"hi"}', { confirm: async () => (asked = true) });
    expect(o.ok).toBe(true);
    expect(asked).toBe(false);
  });

  it('the interactive shell asks first; a "no" cancels with shell.cancelled and a "yes" carries it out', async () => {
    const f = fakeKernel({ 'proc.kill': () => ({ process: { pid: 'p3' } }) });
    const shell = createShell({ kernel: f.boot, parser, interactive: true });
    const questions: string[] = [];
    const no = await shell.run('proc.kill {"pid":"p3"}', { confirm: async (q) => { questions.push(q); return false; } });
    expect(no.error?.code).toBe('shell.cancelled');
    expect(f.calls).toEqual([]);
    expect(questions[0]).toBe('kill {"pid":"p3"}?'); // no resolver here: the arguments themselves are named
    const yes = await shell.run('proc.kill {"pid":"p3"}', { confirm: async () => true });
    expect(yes.ok).toBe(true);
    expect(f.calls.map((c) => c.name)).toEqual(['proc.kill']);
  });

  it('reports what it understood before it asks or runs', async () => {
    const f = fakeKernel({ 'fs.pwd': () => ({ cwd: '/' }) });
    const seen: string[] = [];
    await createShell({ kernel: f.boot, parser }).run('fs.pwd', { onUnderstood: (s) => seen.push(s.name) });
    expect(seen).toEqual(['fs.pwd']);
  });

  it('an aborted run ends with exit code 130', async () => {
    const ac = new AbortController();
    const f = fakeKernel({
      'fs.mount': (_a, signal) => new Promise((_res, rej) => signal?.addEventListener('abort', () => rej(new Error('aborted')))),
    });
    const p = createShell({ kernel: f.boot, parser }).run('fs.mount', { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    const o = await p;
    expect(o.ok).toBe(false);
    expect(o.exitCode).toBe(130);
    expect(o.error?.code).toBe('shell.interrupted');
  });

  it('progress from the kernel reaches the hook with the syscall as task', async () => {
    const kernel: ShellKernel = {
      dispatch: async (_n, _a, _s, opts) => { opts?.onProgress?.(1, 2, 'a.md'); return {}; },
      session: () => ({ creds: { principal: 'a', role: 'user', permissions: [] }, cwd: '/' }),
      listSyscalls: () => [],
    };
    const seen: unknown[] = [];
    await createShell({ kernel: async () => kernel, parser }).run('fs.mount', { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([{ task: 'fs.mount', done: 1, total: 2, label: 'a.md' }]);
  });

  it('help answers without booting the kernel; exit, clear and top are signalled in the outcome', async () => {
    const f = fakeKernel();
    const shell = createShell({ kernel: f.boot, parser });
    const help = await shell.run('!help');
    expect(help.ok).toBe(true);
    expect((help.result as { text: string }).text).toContain('grep meaning');
    expect(f.boots()).toBe(0);
    expect((await shell.run('!exit')).exit).toBe(0);
    expect((await shell.run('!clear')).clear).toBe(true);
    expect((await shell.run('!top')).fullscreen).toBe('top');
  });

  it('history without a history store fails with shell.unsupported', async () => {
    const o = await createShell({ kernel: fakeKernel().boot, parser }).run('!history');
    expect(o.error?.code).toBe('shell.unsupported');
    const withH = await createShell({ kernel: fakeKernel().boot, parser, builtins: { history: () => ['ls', 'ps'] } }).run('!history');
    expect(withH.result).toEqual({ entries: ['ls', 'ps'] });
  });
});

describe('scripts', () => {
  it('split into commands by lines and semicolons, skipping comments and blank lines, keeping quotes whole', () => {
    const lines = splitScript('# tour\nls; pwd\n\necho "a; b # not a comment" > /x  # comment\ncd \\\n /knowledge\n');
    expect(lines).toEqual([
      { line: 2, text: 'ls' },
      { line: 2, text: 'pwd' },
      { line: 4, text: 'echo "a; b # not a comment" > /x' },
      { line: 5, text: 'cd   /knowledge' },
    ]);
  });

  it('stop at the first failed command with exit code 1', async () => {
    const f = fakeKernel({ 'fs.pwd': () => ({ cwd: '/' }) });
    const shell = createShell({ kernel: f.boot, parser });
    const seen: string[] = [];
    const code = await runScript(shell, splitScript('fs.pwd\n??\nfs.pwd'), { onOutcome: (o) => { seen.push(o.input); } });
    expect(code).toBe(1);
    expect(seen).toEqual(['fs.pwd', '??']);
  });

  it('with keepGoing run every command and still end with exit code 1', async () => {
    const f = fakeKernel({ 'fs.pwd': () => ({ cwd: '/' }) });
    const seen: string[] = [];
    const code = await runScript(createShell({ kernel: f.boot, parser }), splitScript('??\nfs.pwd'), { keepGoing: true, onOutcome: (o) => { seen.push(o.input); } });
    expect(code).toBe(1);
    expect(seen).toEqual(['??', 'fs.pwd']);
  });

  it('end at an exit built-in with its code', async () => {
    const f = fakeKernel({ 'fs.pwd': () => ({ cwd: '/' }) });
    const seen: string[] = [];
    const code = await runScript(createShell({ kernel: f.boot, parser }), splitScript('!exit\nfs.pwd'), { onOutcome: (o) => { seen.push(o.input); } });
    expect(code).toBe(0);
    expect(seen).toEqual(['!exit']);
  });
});

describe('help', () => {
  it("help for an agent lists only the commands its permissions allow, and its grants", async () => {
    const { renderHelp } = await import('../../src/shell/help.js');
    const { mayCall, effectiveGrants } = await import('../../src/kernel/security.js');
    const creds = { principal: 'p4', role: 'agent' as const, permissions: ['sys.audit'] };
    const text = renderHelp(null, undefined, { who: 'p4 (coder, agent)', may: (n) => mayCall(creds, n), grants: effectiveGrants(creds) });
    expect(text).toMatch(/^p4 \(coder, agent\) may use these commands/);
    expect(text).toContain('fs.write:/agents/p4/**');
    for (const usage of ['kill PROC', 'cat PATH', 'send PROC', 'audit [-n N]']) expect(text).toContain(usage);
    for (const usage of ['renice PROC', 'mount HOSTDIR', 'grant PROC', 'history [-n N]']) expect(text).not.toContain(usage);
  });

  it("help <command> shows the descriptor's usage, summary and examples, and the grammar's other names", async () => {
    const { renderHelp } = await import('../../src/shell/help.js');
    const defs = [{ name: 'proc.suspend', summary: 'pause it for now', usage: 'suspend PROC', examples: ['suspend p3'] }] as unknown as SyscallDef[];
    const text = renderHelp(defs, 'suspend');
    expect(text).toContain('suspend PROC');
    expect(text).toContain('suspend p3');
    expect(text).toContain('pause it for now');
    expect(text).toContain('also: pause');
    expect(text).toContain('examples:');
  });

  it('help names every group, and an unknown topic says so before the overview', async () => {
    const { renderHelp } = await import('../../src/shell/help.js');
    const all = renderHelp(null);
    for (const g of ['Files (VectorFS)', 'Search by meaning', 'Processes (agents)', 'Messages', 'Memory', 'System', 'Shell']) expect(all).toContain(g);
    expect(renderHelp(null, 'frobnicate')).toMatch(/^no command called 'frobnicate'/);
  });
});

describe('dry runs with a resolver', () => {
  it('attach what the references resolve to, and fail when resolving fails', async () => {
    const f = fakeKernel();
    const shell = createShell({
      kernel: f.boot, parser, dryRun: true,
      resolve: async (s) => {
        if (s.args.pid === 'p9') throw new NlshError('proc.notFound', 'no process p9');
        return { pid: `${String(s.args.pid)} coder` };
      },
    });
    expect(await shell.run('proc.kill {"pid":"p1"}')).toMatchObject({ ok: true, dryRun: true, resolved: { pid: 'p1 coder' } });
    expect(await shell.run('proc.kill {"pid":"p9"}')).toMatchObject({ ok: false, error: { code: 'proc.notFound' } });
    expect(f.calls).toEqual([]);
  });
});

// A parser that answers every line with one fixed reading (layer, confidence) — what layer 2 or
// the model (layer 3) made of some English sentence.
function fixed(syscall: string, args: Record<string, unknown>, layer: 1 | 2 | 3, confidence: number): ShellParser {
  return { parse: async (line) => ({ kind: 'syscall', input: line, syscall: syscall as 'fs.pwd', args, layer, confidence }) };
}

describe('never acting on a guess (issue 12)', () => {
  it('an unconfident English reading of a destructive call is refused with the reading as a suggestion, and nothing runs', async () => {
    const f = fakeKernel({ 'proc.kill': () => ({}) });
    const shell = createShell({ kernel: f.boot, parser: fixed('proc.kill', { pid: 'p3' }, 2, 0.7), yes: true });
    const o = await shell.run('maybe finish the thing off');
    expect(o).toMatchObject({ ok: false, error: { code: 'shell.unsure', details: { suggestions: ['proc.kill {"pid":"p3"}'] } } });
    expect(f.calls).toEqual([]);
  });

  it('an unconfident English reading of a harmless call runs', async () => {
    const f = fakeKernel({ 'proc.ps': () => ({ processes: [] }) });
    const o = await createShell({ kernel: f.boot, parser: fixed('proc.ps', {}, 2, 0.7) }).run('what is up');
    expect(o.ok).toBe(true);
  });

  it('the confirmation names the resolved target, checked before the question', async () => {
    const f = fakeKernel({ 'proc.kill': () => ({}) });
    const asked: string[] = [];
    const shell = createShell({
      kernel: f.boot, parser: fixed('proc.kill', { pid: 'the python' }, 2, 0.95), interactive: true,
      resolve: async () => ({ pid: 'p1 coder-1 (a code-writing agent with Python expertise)' }),
    });
    await shell.run('kill the python agent', { confirm: async (q) => { asked.push(q); return true; } });
    expect(asked).toEqual(['kill p1 coder-1 (a code-writing agent with Python expertise)?']);
    expect(f.calls).toEqual([{ name: 'proc.kill', args: { pid: 'the python' } }]);
  });

  it('a target that does not resolve fails before anyone is asked', async () => {
    const f = fakeKernel({ 'fs.rm': () => ({}) });
    let asked = 0;
    const shell = createShell({
      kernel: f.boot, parser: fixed('fs.rm', { path: '/does/not/exist' }, 1, 1), interactive: true,
      resolve: async () => { throw new NlshError('fs.notFound', 'no such file: /does/not/exist'); },
    });
    const o = await shell.run('rm /does/not/exist', { confirm: async () => { asked++; return true; } });
    expect(o.error?.code).toBe('fs.notFound');
    expect(asked).toBe(0);
    expect(f.calls).toEqual([]);
  });
});

describe("the model's readings (layer 3, issue 11)", () => {
  it('a model reading with effects is not carried out in a script without -y', async () => {
    const f = fakeKernel({ 'fs.export': () => ({}), 'fs.write': () => ({}) });
    for (const [name, args] of [['fs.export', { path: '/knowledge', host: '/tmp/x' }], ['fs.write', { path: 'a.md', content: 'x' }]] as const) {
      const o = await createShell({ kernel: f.boot, parser: fixed(name, args, 3, 0.99) }).run('summarize my notes');
      expect(o).toMatchObject({ ok: false, error: { code: 'shell.needsConfirmation', hint: expect.stringContaining('-y') } });
    }
    expect(f.calls).toEqual([]);
  });

  it('with -y, or after a yes that names the model, it runs; a read-only model reading runs without asking', async () => {
    const f = fakeKernel({ 'fs.write': () => ({ path: '/a.md' }), 'proc.ps': () => ({ processes: [] }) });
    expect((await createShell({ kernel: f.boot, parser: fixed('fs.write', { path: 'a.md', content: 'x' }, 3, 0.9), yes: true }).run('note x')).ok).toBe(true);
    const asked: string[] = [];
    const shell = createShell({ kernel: f.boot, parser: fixed('fs.write', { path: 'a.md', content: 'x' }, 3, 0.9), interactive: true });
    expect((await shell.run('note x', { confirm: async (q) => { asked.push(q); return true; } })).ok).toBe(true);
    expect(asked[0]).toMatch(/^write .*model/);
    const ps = await createShell({ kernel: f.boot, parser: fixed('proc.ps', {}, 3, 0.9) }).run('who runs?');
    expect(ps.ok).toBe(true);
    expect(f.calls.map((c) => c.name)).toEqual(['fs.write', 'fs.write', 'proc.ps']);
  });
});

describe('expensive calls', () => {
  it('a confident build in a script runs without -y (expensive is not destructive); an unconfident one is refused', async () => {
    const f = fakeKernel({ 'agent.build': () => ({ ok: true }) });
    expect((await createShell({ kernel: f.boot, parser: fixed('agent.build', { goal: 'a blog' }, 1, 1) }).run('build "a blog"')).ok).toBe(true);
    const o = await createShell({ kernel: f.boot, parser: fixed('agent.build', { goal: 'x' }, 2, 0.7) }).run('implement x');
    expect(o.error?.code).toBe('shell.unsure');
    expect(f.calls.map((c) => c.name)).toEqual(['agent.build']);
  });
});
