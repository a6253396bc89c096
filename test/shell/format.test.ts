// The plain and JSON formatters: known result shapes render like Unix tools, errors go to
// stderr with their hint, unknown shapes fall back to key: value lines, JSON is one line.
import { describe, expect, it } from 'vitest';
import { formatJson, jsonOutcome } from '../../src/shell/format-json.js';
import { fallback, formatPlain, formatResult, NO_PAINT, understoodLine, type Paint } from '../../src/shell/format-plain.js';

const ok = (name: string, result: unknown) => ({ input: name, ok: true, syscall: { name, args: {} }, result });

describe('plain formatter', () => {
  it('ls -l shows size, modification time (UTC) and description; find prints paths', () => {
    const long = formatResult('fs.ls', { cwd: '/', entries: [
      { name: 'apps', path: '/apps', kind: 'dir', mtime: Date.UTC(2026, 11, 7, 15, 4), description: 'applications' },
      { name: 'a.md', path: '/a.md', kind: 'file', size: 2048, mtime: Date.UTC(2026, 0, 2, 3, 4) },
    ] });
    expect(long.split('\n')).toEqual(['   -  2026-12-07 15:04  apps/  applications', '2.0K  2026-01-02 03:04  a.md']);
    expect(formatResult('fs.find', { entries: [{ name: 'a.md', path: '/k/a.md', kind: 'file', score: 0.5 }, { name: 'k', path: '/k', kind: 'dir', score: 0.4 }] }))
      .toBe('0.500  /k/a.md\n0.400  /k/');
  });

  it('mem shows used/capacity, and only used for a tier without a capacity (never /0)', () => {
    const out = formatResult('mem.stat', { tiers: [
      { tier: 'L3', used: 5, capacity: 10, unit: 'embeddings', hits: 1, misses: 2, swaps: 0 },
      { tier: 'semanticDisk', used: 1176, capacity: 0, unit: 'chunks', hits: 0, misses: 0, swaps: 0 },
    ], regions: [] });
    expect(out).toMatch(/^L3\s+5\/10 embeddings\s+1\s+2\s+0$/m);
    expect(out).toMatch(/^semanticDisk\s+1176 chunks\s+0\s+0\s+0$/m);
  });

  it('fs.ls lists one entry per line, directories with a slash, scores first when ranked', () => {
    expect(formatResult('fs.ls', { cwd: '/', entries: [{ name: 'knowledge', path: '/knowledge', kind: 'dir' }, { name: 'a.md', path: '/a.md', kind: 'file' }] }))
      .toBe('knowledge/\na.md');
    expect(formatResult('fs.ls', { cwd: '/', entries: [{ name: 'ml', path: '/ml', kind: 'dir', score: 0.8123 }] })).toBe('0.812  ml/');
  });

  it('grep meaning hits render as path:line  score  text', () => {
    const r = { hits: [{ path: '/repo/sched.ts', line: 12, score: 0.71, text: '  picks the next process  ' }] };
    expect(formatResult('fs.grepMeaning', r)).toBe('/repo/sched.ts:12  0.710  picks the next process');
    expect(formatResult('fs.grep', { hits: [{ path: '/a', line: 3, text: 'x' }] })).toBe('/a:3  x');
  });

  it('ps renders an aligned table with a header', () => {
    const text = formatResult('proc.ps', { processes: [
      { pid: 'p1', name: 'coder-1', state: 'READY', priority: 5, tokenBudget: { allocated: 5000, remaining: 4000 }, cpuTime: 12.4, description: 'writes code' },
      { pid: 'p12', name: 'reviewer', state: 'SUSPENDED', priority: 10, tokenBudget: { allocated: 100, remaining: 100 }, cpuTime: 0, description: 'reviews' },
    ] });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^PID\s+NAME\s+STATE\s+PRI\s+BUDGET\s+CPU\s+DESCRIPTION$/);
    expect(lines[1]!.indexOf('coder-1')).toBe(lines[2]!.indexOf('reviewer'));
    expect(lines[1]).toContain('4000/5000');
  });

  it('a page of a longer ps listing says which rows it shows, of how many, and how to see the rest', () => {
    const row = (n: number) => ({ pid: `p${n}`, name: `w-${n}`, state: 'RUNNING', priority: 10, tokenBudget: { allocated: 9, remaining: 9 }, cpuTime: 0, description: 'works' });
    const first = formatResult('proc.ps', { processes: [row(1), row(2)], total: 50_000 }).split('\n');
    expect(first).toHaveLength(4);
    expect(first[3]).toBe('processes 1-2 of 50,000 (pid order); next: ps --offset 2; all: ps --limit 0 (or --json)');
    const last = formatResult('proc.ps', { processes: [row(50_000)], total: 50_000, offset: 49_999 }).split('\n');
    expect(last.at(-1)).toBe('processes 50,000-50,000 of 50,000 (pid order); all: ps --limit 0 (or --json)');
    expect(formatResult('proc.ps', { processes: [], total: 3, offset: 10 })).toBe('no processes past the first 10 (3 in all)');
    expect(formatResult('proc.ps', { processes: [row(9)], total: 9, sort: 'cpu' }).split('\n').at(-1)).toBe('processes 1-1 of 9 (by cpu); next: ps --sort cpu --offset 1; all: ps --limit 0 (or --json)');
    expect(formatResult('proc.ps', { processes: [row(1)], total: 1 }).split('\n')).toHaveLength(2); // a whole listing has no note
  });

  it('ps -l lists each process and its grants under the table', () => {
    const text = formatResult('proc.ps', { processes: [
      { pid: 'p1', name: 'coder', role: 'agent', state: 'RUNNING', priority: 5, tokenBudget: { allocated: 50, remaining: 50 }, cpuTime: 0, description: 'writes code', grants: ['proc.ps', 'fs.write:/agents/p1/**'] },
    ] });
    expect(text.split('\n').slice(-2)).toEqual(['', 'p1 agent: proc.ps  fs.write:/agents/p1/**']);
  });

  it("region contents, and grants, read as sentences", () => {
    expect(formatResult('mem.read', { region: { id: 'm1' }, entries: [{ text: 'dark mode', author: 'alice', at: 1 }, { text: 'short', author: 'p2', at: 2 }] })).toBe('alice: dark mode\np2: short');
    expect(formatResult('mem.read', { region: { id: 'm1' }, entries: [] })).toBe('(empty)');
    expect(formatResult('mem.write', { region: { id: 'm1' }, bytes: 9 })).toBe('wrote 9 bytes to m1');
    expect(formatResult('sys.grant', { process: { pid: 'p2' }, permission: 'fs.write:/data/**', changed: true })).toBe('granted fs.write:/data/** to p2');
    expect(formatResult('sys.revoke', { process: { pid: 'p2' }, permission: 'x', changed: false })).toBe('(unchanged) revoked x from p2');
  });

  it('pwd prints the path; cd by meaning prints where it went with the score, cd by path prints nothing', () => {
    expect(formatResult('fs.pwd', { cwd: '/knowledge' })).toBe('/knowledge');
    expect(formatResult('fs.cd', { cwd: '/ml', score: 0.5 })).toBe('/ml  (score 0.500)');
    expect(formatResult('fs.cd', { cwd: '/ml' })).toBe('');
    expect(formatResult('fs.cd', { cwd: '/ml', score: 0.5, candidates: [{ path: '/ml', score: 0.5 }, { path: '/ai', score: 0.49 }] }))
      .toBe('/ml  (score 0.500)\nalso close: /ai (0.490)');
  });

  it('an error goes to stderr as "nlsh: message" with a hint line, nothing to stdout', () => {
    const r = formatPlain({ input: 'cat /x', ok: false, error: { code: 'fs.notFound', message: 'no such file: /x', hint: "'ls' lists files" } });
    expect(r.out).toBe('');
    expect(r.err).toBe("nlsh: no such file: /x (fs.notFound)\nhint: 'ls' lists files");
  });

  it('a dry run prints the syscall it would run', () => {
    expect(formatPlain({ input: 'kill p3', ok: true, dryRun: true, syscall: { name: 'proc.kill', args: { pid: 'p3' } } }).out)
      .toBe('-> proc.kill {"pid":"p3"}');
  });

  it('unknown shapes fall back to key: value lines with nesting', () => {
    expect(fallback({ a: 1, b: { c: 'x' }, d: [1, 2], e: [{ f: 1 }] })).toBe('a: 1\nb:\n  c: x\nd: 1, 2\ne:\n  - f: 1');
    expect(formatResult('sys.whatever', { n: 3 })).toBe('n: 3');
  });

  it('colour comes only from the paint it is given', () => {
    const red: Paint = { ...NO_PAINT, red: (s) => `<r>${s}</r>`, dim: (s) => `<d>${s}</d>` };
    expect(formatPlain({ input: 'x', ok: false, error: { code: 'a.b', message: 'm' } }, red).err).toBe('<r>nlsh:</r> m <d>(a.b)</d>');
    expect(understoodLine(ok('fs.pwd', {}), NO_PAINT)).toBe('-> fs.pwd {}');
    expect(formatPlain(ok('fs.pwd', { cwd: '/' })).out).not.toMatch(/\u001b\[/);
  });
});

describe('JSON formatter', () => {
  it('a success is one line {input, ok, syscall, result}', () => {
    const line = formatJson(ok('fs.pwd', { cwd: '/' }));
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ input: 'fs.pwd', ok: true, syscall: { name: 'fs.pwd', args: {} }, result: { cwd: '/' } });
    expect(Object.keys(JSON.parse(line))).toEqual(['input', 'ok', 'syscall', 'result']);
  });

  it('a failure is {input, ok: false, error} and leaves out internal fields', () => {
    const o = { input: 'cat /x', ok: false, syscall: { name: 'fs.cat', args: { path: '/x' } }, error: { code: 'fs.notFound', message: 'm' }, exitCode: 1, layer: 1 as const };
    expect(jsonOutcome(o)).toEqual({ input: 'cat /x', ok: false, syscall: { name: 'fs.cat', args: { path: '/x' } }, error: { code: 'fs.notFound', message: 'm' } });
  });

  it('typed arrays become plain arrays', () => {
    expect(JSON.parse(formatJson(ok('x', { v: new Float32Array([0.5]) }))).result).toEqual({ v: [0.5] });
  });
});

describe('plain formatter, long hits', () => {
  it('a multi-line chunk hit shows its first non-blank line only', () => {
    expect(formatResult('fs.grepMeaning', { hits: [{ path: '/a.ts', line: 4, score: 0.5, text: '\n  first line\nsecond line' }] })).toBe('/a.ts:4  0.500  first line');
  });
});

describe('plain formatter, build', () => {
  it('a build report names the app, its files, the review and the agents', () => {
    const text = formatResult('agent.build', {
      app: '/apps/todo', summary: 'a todo app', files: [{ path: '/apps/todo/app.py', bytes: 120 }],
      agents: [{ pid: 'p1', name: 'architect-1', role: 'architect', tokens: 300 }], messages: 6, tokens: 900,
      review: { approved: true, issues: 0, rounds: 1 }, durationMs: 5000,
    });
    expect(text.split('\n')).toEqual([
      'built /apps/todo  a todo app',
      '  /apps/todo/app.py  120 bytes',
      'review: approved, 0 issues in 1 rounds',
      'agents: p1 architect-1 (300 tokens); 900 tokens, 6 messages, 5000 ms',
    ]);
  });
});

describe('dry-run output', () => {
  it('plain shows the resolved references under the call; JSON carries them as "resolved"', () => {
    const o = { input: 'kill "the reviewer"', ok: true, dryRun: true, syscall: { name: 'proc.kill', args: { pid: 'the reviewer' } }, resolved: { pid: 'p2 reviewer-2' } };
    expect(formatPlain(o).out).toBe('-> proc.kill {"pid":"the reviewer"}\n   pid = p2 reviewer-2');
    expect(jsonOutcome(o)).toMatchObject({ dryRun: true, resolved: { pid: 'p2 reviewer-2' } });
  });
});

describe('messages', () => {
  it('an agent response shows its text on one line; a failed one its error', () => {
    const text = formatResult('ipc.receive', { messages: [
      { id: 'm4', from: 'p1', messageType: 'RESPONSE', priority: 10, payload: { ok: true, text: 'def reverse(head):\n    ...', inReplyTo: 'm1' } },
      { id: 'm5', from: 'p2', messageType: 'RESPONSE', priority: 10, payload: { ok: false, error: { code: 'llm.unreachable', message: 'no Ollama' } } },
      { id: 'm6', from: 'alice', messageType: 'REQUEST', priority: 5, payload: 'hello' },
    ] });
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^m4\s+p1\s+RESPONSE\s+10\s+def reverse\(head\): \.\.\.$/);
    expect(lines[2]).toMatch(/error llm\.unreachable: no Ollama$/);
    expect(lines[3]).toMatch(/hello$/);
  });
});
