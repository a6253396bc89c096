// One descriptor per syscall: everything derived from the descriptors (help, completion, tool
// specs, the name list) agrees with the table; dispatch resolves references once; --dry-run
// resolves through the same resolver; zod argument errors are sys.badArgs naming the field.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKernel } from '../../src/agents/boot.js';
import { resolveForDryRun } from '../../src/cli/dry-run.js';
import { argsSchema, jsonSchemaOf, type JSONSchemaField } from '../../src/kernel/schema.js';
import { KERNEL_SYSCALLS, SYSCALL_NAMES } from '../../src/kernel/syscall-list.js';
import type { SyscallDef } from '../../src/kernel/syscall.js';
import { toolSpecs } from '../../src/kernel/tool-specs.js';
import { PROC_WORDS } from '../../src/shell/completion.js';
import { COMMANDS, docOf, renderHelp } from '../../src/shell/help.js';
import { COMMAND_RULES } from '../../src/shell/parse/grammar.js';
import { makeCore, rejection } from './core-kit.js';

const defs = KERNEL_SYSCALLS as readonly SyscallDef[];

describe('descriptors are the single source', () => {
  it('the name list is the descriptors, each name once, each with usage, examples and a summary', () => {
    expect(SYSCALL_NAMES).toEqual(defs.map((d) => d.name));
    expect(new Set(SYSCALL_NAMES).size).toBe(SYSCALL_NAMES.length);
    for (const d of defs) {
      expect(d.summary.length, d.name).toBeGreaterThan(5);
      expect(d.usage.length, d.name).toBeGreaterThan(1);
      expect(d.examples.length, d.name).toBeGreaterThan(0);
    }
  });

  it('every reference a descriptor declares is one of its arguments, and every string argument is bounded', () => {
    for (const d of defs) {
      for (const key of Object.keys(d.refs ?? {})) expect(Object.keys(d.args.shape), `${d.name}.${key}`).toContain(key);
      const walk = (f: JSONSchemaField, at: string): void => {
        if (f.type === 'string' && !f.enum) expect(f.maxLength ?? 0, at).toBeGreaterThan(0);
        if (f.items) walk(f.items, `${at}[]`);
      };
      for (const [k, f] of Object.entries(jsonSchemaOf(d.args).properties)) walk(f, `${d.name}.${k}`);
    }
  });

  it("help shows each syscall's own usage, summary and examples, and every syscall has a help entry", () => {
    for (const d of defs) {
      const c = COMMANDS.find((x) => x.syscall === d.name);
      expect(c, d.name).toBeDefined();
      expect(docOf(c!, null)).toEqual({ usage: d.usage, summary: d.summary, examples: d.examples });
      const page = renderHelp(null, d.name);
      expect(page).toContain(d.summary);
      for (const e of d.examples) expect(page).toContain(e);
    }
    // an upper layer's registered descriptor is what help shows once the table has it
    const build = { name: 'agent.build', summary: 'builds it', usage: 'build "GOAL"', examples: ['build "x"'] } as unknown as SyscallDef;
    expect(renderHelp([build], 'build')).toContain('builds it');
  });

  it('help names the destructive commands the descriptors mark, and nothing else', () => {
    const marked = COMMANDS.filter((c) => defs.some((d) => d.name === c.syscall && d.destructive)).map((c) => c.word);
    expect(renderHelp(null)).toContain(`Destructive commands (${marked.join(', ')}) ask first.`);
    expect(marked).toEqual(expect.arrayContaining(['kill', 'rm', 'broadcast', 'free']));
  });

  it('completion offers processes exactly after the words whose syscall takes a process reference', () => {
    const takes = new Set(defs.filter((d) => Object.values(d.refs ?? {}).some((r) => ['process', 'inbox', 'recipient'].includes(typeof r === 'string' ? r : r!.kind))).map((d) => d.name));
    for (const r of COMMAND_RULES) {
      for (const w of r.words) expect(PROC_WORDS.has(w), `${w} (${r.syscall})`).toBe(r.syscall !== undefined && takes.has(r.syscall));
    }
    for (const w of ['kill', 'send', 'share', 'msgs', 'grant']) expect(PROC_WORDS.has(w)).toBe(true);
    expect(PROC_WORDS.has('ls')).toBe(false);
  });

  it('tool specs are the table: name with . -> _, the syscall, its summary, its JSON schema', () => {
    const { table, session } = makeCore();
    const specs = toolSpecs(table, session('root', 'root').creds);
    expect(specs.map((s) => s.syscall)).toEqual(table.list().map((d) => d.name));
    for (const s of specs) {
      const d = table.lookup(s.syscall)!;
      expect(s.name).toBe(s.syscall.replaceAll('.', '_'));
      expect(s.description).toContain(d.summary);
      expect(s.parameters).toEqual(jsonSchemaOf(d.args));
      expect(s.parameters).toMatchObject({ type: 'object' });
      expect(s.parameters).not.toHaveProperty('$schema');
    }
    const kill = specs.find((s) => s.name === 'proc_kill')!;
    expect(kill.parameters).toEqual({
      type: 'object', additionalProperties: false, required: ['pid'],
      properties: { pid: { type: 'string', minLength: 1, maxLength: 500, description: 'process: p3, 3, a name, or a description' } },
    });
  });

  it("tool specs offer an agent only what its permissions allow (coarse, by name); a grant adds one", () => {
    const { table, session } = makeCore();
    const names = (perms: string[] = []) => toolSpecs(table, session('p4', 'agent', perms).creds).map((s) => s.syscall);
    expect(names()).toEqual(expect.arrayContaining(['proc.ps', 'proc.kill', 'proc.spawn']));
    expect(names()).not.toContain('proc.renice');
    expect(names()).not.toContain('sys.audit');
    expect(names()).not.toContain('sys.grant');
    expect(names(['proc.renice:own'])).toContain('proc.renice');
  });
});

describe('references resolve once, into ctx.refs', () => {
  it('a handler sees the resolved process, and the process table resolves it once per call', async () => {
    const core = makeCore();
    const p = await core.procs.spawn({ description: 'a reviewer agent', name: 'reviewer', owner: 'alice' });
    let resolves = 0;
    const resolve = core.procs.resolve.bind(core.procs);
    core.procs.resolve = async (ref: string) => { resolves++; return resolve(ref); };
    let seen: unknown;
    core.table.register({
      name: 'test.peek', summary: 'test', usage: 'peek PROC', examples: [], args: argsSchema({ pid: z.string().max(50) }),
      refs: { pid: 'process' },
      permission: (_a, ctx) => ({ action: 'proc.ps', resource: { kind: 'owned', owner: ctx.refs.process('pid').owner, id: ctx.refs.process('pid').pid } }),
      handler: (_a, ctx) => { seen = ctx.refs.process('pid'); return ctx.refs.process('pid').pid; },
    } as SyscallDef);
    expect(await core.dispatch('test.peek', { pid: 'reviewer' }, core.session('root', 'root'))).toBe(p.pid);
    expect(seen).toBe(core.procs.get(p.pid));
    expect(resolves).toBe(1);
    resolves = 0;
    await core.call('proc.kill', { pid: 'reviewer' });
    expect(resolves).toBe(1);
  });

  it('a caller that may not use the syscall is refused before anything is resolved', async () => {
    const core = makeCore();
    let resolves = 0;
    core.procs.resolve = async () => { resolves++; throw new Error('resolved'); };
    expect((await rejection(core.call('proc.renice', { pid: 'p1', priority: 3 }, core.session('p9', 'agent')))).code).toBe('proc.denied');
    expect(resolves).toBe(0);
  });

  it('--dry-run resolves through the kernel resolver and shows what the real call then acts on', async () => {
    const k = await createKernel({ inMemory: true, embedder: 'hash', user: 'alice', env: {} });
    try {
      const { process: p } = await k.call('proc.spawn', { description: 'a code reviewer', name: 'reviewer' });
      await k.call('fs.mkdir', { path: '/apps/web' });
      const shown = await resolveForDryRun(k, k.session(), { name: 'fs.cp', args: { from: '/apps/web', to: '/apps/copy' } });
      expect(shown).toEqual({ from: '/apps/web' });
      expect(await resolveForDryRun(k, k.session(), { name: 'proc.kill', args: { pid: 'reviewer' } })).toEqual({ pid: `${p.pid} reviewer (a code reviewer)` });
      expect((await k.resolve('proc.kill', { pid: 'reviewer' })).get('pid')).toEqual([{ kind: 'process', ref: 'reviewer', pcb: k.services.procs.get(p.pid) }]);
      await expect(resolveForDryRun(k, k.session(), { name: 'proc.kill', args: { pid: 'nobody' } })).rejects.toMatchObject({ code: 'proc.notFound' });
      // nothing was carried out
      expect(k.services.procs.get(p.pid)!.state).toBe('RUNNING');
      expect(k.services.vfs.stat('/apps/copy')).toBeUndefined();
    } finally {
      await k.close();
    }
  });
});

describe('argument errors', () => {
  it('zod failures are sys.badArgs naming the field, saying what is wrong, with a hint', async () => {
    const { call } = makeCore();
    const cases: [string, unknown, RegExp][] = [
      ['proc.renice', { pid: 'p1', priority: 40 }, /argument 'priority' must be at most 19/],
      ['proc.renice', { pid: 'p1', priority: 2.5 }, /argument 'priority' must be a whole number/],
      ['proc.renice', { pid: 'p1', priority: 'high' }, /argument 'priority' must be a finite number, got string/],
      ['proc.renice', { pid: 'p1' }, /argument 'priority' is required/],
      ['proc.kill', { pid: '' }, /argument 'pid' must not be empty/],
      ['proc.kill', { pid: 'x'.repeat(501) }, /argument 'pid' is too long \(501 characters, at most 500\)/],
      ['proc.ps', { bogus: 1 }, /argument 'bogus' unknown argument; expected one of: all, long/],
      ['proc.spawn', { description: 'x', type: 'wizard' }, /argument 'type' must be one of user, system, specialist, meta/],
      ['proc.merge', { pids: ['p1'] }, /argument 'pids' needs at least 2 items/],
      ['proc.merge', { pids: ['p1', 7] }, /argument 'pids\[1\]' must be a string, got number/],
      ['proc.ps', [1], /arguments must be an object/],
    ];
    for (const [name, args, msg] of cases) {
      const err = await rejection(call(name, args));
      expect(err.code, `${name} ${JSON.stringify(args)}`).toBe('sys.badArgs');
      expect(err.message).toMatch(msg);
      expect(err.hint).toBe(`see 'help ${name}' for its arguments`);
    }
  });
});
