import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel, type KernelWithAgents } from '../../src/agents/boot.js';
import type { BuildOptions, BuildResult } from '../../src/agents/build.js';
import { parsePlan, parseReview, safeRelativePath, slugify, stripFences } from '../../src/agents/build-plan.js';
import { filePrompt, reviewPrompt } from '../../src/agents/build-prompts.js';
import type { VectorMessage } from '../../src/kernel/types.js';
import { startFakeOllama, type FakeChatRequest, type FakeOllama, type FakeReply } from '../helpers/fake-ollama.js';
import { wordEmbedder } from './kit.js';
import { rejection } from '../helpers/rejection.js';
import { teardown } from '../helpers/teardown.js';

let kernel: KernelWithAgents | undefined;
let fake: FakeOllama | undefined;
let home: string | undefined;

afterEach(async () => {
  [kernel, fake, home] = await teardown(kernel, fake, home);
});

type Role = 'architect' | 'coder' | 'reviewer';
type Script = Partial<Record<Role, (req: FakeChatRequest, n: number) => string | FakeReply>>;

const roleOf = (req: FakeChatRequest): Role | 'other' => {
  const sys = req.messages[0]?.content ?? '';
  if (sys.includes('Your role: software architect')) return 'architect';
  if (sys.includes('Your role: programmer')) return 'coder';
  if (sys.includes('Your role: reviewer')) return 'reviewer';
  return 'other';
};
const lastUser = (req: FakeChatRequest): string => req.messages.at(-1)?.content ?? '';

const PLAN = { summary: 'a tiny HTTP server with a token check', files: [
  { path: 'server.js', purpose: 'the HTTP server' }, { path: 'lib/auth.js', purpose: 'token check' }, { path: 'README.md', purpose: 'how to run it' },
] };
const DEFAULTS: Required<Script> = {
  architect: () => JSON.stringify(PLAN),
  coder: (req) => {
    const file = /complete (?:corrected )?content of (\S+?)(?: \(| only)/.exec(lastUser(req))?.[1] ?? '?';
    return `Here is ${file}:\n\`\`\`js\n// ${file}\nexport const ok = true;\n\`\`\`\nDone.`;
  },
  reviewer: () => JSON.stringify({ approved: true, issues: [] }),
};

async function boot(script: Script = {}, opts: { model?: boolean; build?: BuildOptions } = {}) {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'nlsh-build-'));
  const calls: Record<Role | 'other', number> = { architect: 0, coder: 0, reviewer: 0, other: 0 };
  fake = await startFakeOllama({
    chat: (req) => {
      const role = roleOf(req);
      calls[role]++;
      if (role === 'other') return 'summary';
      return (script[role] ?? DEFAULTS[role])(req, calls[role]);
    },
  });
  kernel = await createKernel({
    home, inMemory: true, embedder: wordEmbedder, user: 'alice', allowedRoots: [home], env: {},
    ...(opts.model === false ? {} : { ollamaHost: fake.url, model: 'fake-model' }),
    ...(opts.build ? { build: opts.build } : {}),
  });
  const sent: VectorMessage[] = [];
  kernel.services.events.on('message', ({ message, event }) => {
    if (event === 'sent') sent.push(message);
  });
  return { k: kernel, calls, sent, fake };
}

const build = (k: KernelWithAgents, goal: string, signal?: AbortSignal) =>
  k.call('agent.build', { goal }, undefined, signal ? { signal } : {}) as Promise<BuildResult>;
const failure = rejection;
const buildAgents = (k: KernelWithAgents) => k.services.procs.list({ includeTerminated: true }).filter((p) => /^(architect|coder|reviewer)-\d+$/.test(p.name));
const names = (k: KernelWithAgents) => new Map(buildAgents(k).map((p) => [p.pid, p.name.replace(/-\d+$/, '')]));
const flow = (k: KernelWithAgents, sent: VectorMessage[]) => {
  const n = names(k);
  return sent.map((m) => `${n.get(m.from) ?? m.from}->${n.get(m.to) ?? m.to}`);
};

describe('agent.build', () => {
  it('a full build writes the planned files by the coder, over the bus, charging each agent, and ends its agents', async () => {
    const { k, sent } = await boot();
    const states = new Map<string, Set<string>>();
    k.services.events.on('proc', ({ pcb }) => {
      if (!states.has(pcb.name)) states.set(pcb.name, new Set());
      states.get(pcb.name)!.add(pcb.state);
    });
    const progress: { task: string; done: number; total: number }[] = [];
    k.services.events.on('progress', (p) => progress.push(p));

    const r = await build(k, 'a web server with authentication and logging');

    expect(r.app).toBe('/apps/web-server-authentication-logging');
    expect(r.files).toEqual([
      { path: `${r.app}/server.js`, bytes: 37 }, { path: `${r.app}/lib/auth.js`, bytes: 39 }, { path: `${r.app}/README.md`, bytes: 37 },
    ]);
    expect(k.services.vfs.cat(`${r.app}/lib/auth.js`)).toBe('// lib/auth.js\nexport const ok = true;\n');
    // written by the coder's own credentials: the audit records name the coder's pid
    const coder = r.agents.find((a) => a.role === 'coder')!;
    const writes = k.services.security.records({ principal: coder.pid }).filter((a) => a.syscall === 'fs.write');
    expect(writes.map((a) => [a.outcome, (a.args as { path: string }).path])).toEqual(r.files.map((f) => ['ok', f.path]));
    expect(k.services.security.records({ principal: 'alice' }).filter((a) => a.syscall === 'fs.write')).toEqual([]);
    // the hand-overs went over the bus, ending in the user's inbox
    expect(flow(k, sent)).toEqual(['architect->coder', 'coder->reviewer', 'reviewer->coder', 'coder->alice']);
    expect(r.messages).toBe(4);
    // each hand-over went through the ipc.send syscall as its agent, audited
    const sends = r.agents.flatMap((a) => k.services.security.records({ principal: a.pid }).filter((x) => x.syscall === 'ipc.send' && x.outcome === 'ok'));
    expect(sends).toHaveLength(4);
    const { messages } = await k.call('ipc.receive', {});
    expect(messages.map((m) => [m.from, m.messageType, m.payload])).toEqual([
      [coder.pid, 'RESPONSE', `ready, deployed to ${r.app}: 3 files, review approved`],
    ]);
    // budgets charged per agent; the result's numbers are the PCBs'
    expect(r.agents.map((a) => [a.name, a.role])).toEqual([['architect-1', 'architect'], ['coder-1', 'coder'], ['reviewer-1', 'reviewer']]);
    for (const a of r.agents) {
      const pcb = k.services.procs.get(a.pid)!;
      expect(a.tokens).toBeGreaterThan(0);
      expect(pcb.tokenBudget.consumed).toBe(a.tokens);
      expect(pcb.cpuTime).toBeGreaterThan(0);
      expect(pcb.contextWindow.content.length).toBeGreaterThan(0);
      expect(pcb).toMatchObject({ state: 'TERMINATED', exitCode: 0, owner: 'alice', role: 'agent', type: 'specialist' });
      expect(states.get(a.name)).toEqual(new Set(['RUNNING', 'THINKING', 'TERMINATED']));
    }
    expect(k.services.procs.get(r.agents[0]!.pid)!.priority).toBeLessThan(k.services.procs.get(coder.pid)!.priority);
    expect(r.tokens).toBe(r.agents.reduce((s, a) => s + a.tokens, 0));
    expect(r.review).toEqual({ approved: true, issues: 0, rounds: 0 });
    expect(r.summary).toBe(PLAN.summary);
    const mine = progress.filter((p) => p.task === 'build web-server-authentication-logging');
    expect(mine.at(-1)).toMatchObject({ done: 5, total: 5 });
    expect(k.services.procs.list().filter((p) => p.state !== 'TERMINATED')).toEqual([]);

    // and the app exports to a real directory
    const out = path.join(home!, 'out');
    await k.call('fs.export', { path: r.app, host: out });
    expect(fs.readFileSync(path.join(out, 'lib', 'auth.js'), 'utf8')).toBe('// lib/auth.js\nexport const ok = true;\n');
  });

  it('a second build of the same goal goes to its own directory', async () => {
    const { k } = await boot();
    const a = await build(k, 'a todo app');
    const b = await build(k, 'a todo app');
    expect([a.app, b.app]).toEqual(['/apps/todo-app', '/apps/todo-app-2']);
  });

  it('a rejecting review makes the coder revise the named files once, and the reviewer looks again', async () => {
    const { k, sent, calls } = await boot({
      reviewer: (_req, n) => JSON.stringify(n === 1
        ? { approved: false, issues: [{ path: 'apps/web-server/lib/auth.js', problem: 'compares tokens with ==', fix: 'use timingSafeEqual' }] }
        : { approved: true, issues: [] }),
      coder: (req) => (lastUser(req).includes('The reviewer found problems in lib/auth.js') && lastUser(req).includes('timingSafeEqual')
        ? 'export const ok = timingSafeEqual(a, b);' : DEFAULTS.coder(req, 0)),
    });
    const r = await build(k, 'a web server');
    expect(r.review).toEqual({ approved: true, issues: 0, rounds: 1 });
    expect(k.services.vfs.cat(`${r.app}/lib/auth.js`)).toBe('export const ok = timingSafeEqual(a, b);\n');
    expect(k.services.vfs.cat(`${r.app}/server.js`)).toBe('// server.js\nexport const ok = true;\n');
    expect(calls).toMatchObject({ architect: 1, coder: 4, reviewer: 2 });
    expect(flow(k, sent)).toEqual(['architect->coder', 'coder->reviewer', 'reviewer->coder', 'coder->reviewer', 'reviewer->coder', 'coder->alice']);
    expect(r.files.find((f) => f.path.endsWith('auth.js'))?.bytes).toBe(41);
  });

  it('a reviewer that never approves gets one revision round by default, and the result says not approved', async () => {
    const { k, calls } = await boot({
      reviewer: () => JSON.stringify({ approved: false, issues: [{ path: 'server.js', problem: 'no logging', fix: 'log requests' }] }),
    });
    const r = await build(k, 'a web server');
    expect(r.review).toEqual({ approved: false, issues: 1, rounds: 1 });
    expect(calls).toMatchObject({ coder: 4, reviewer: 2 });
    const { messages } = await k.call('ipc.receive', {});
    expect(messages[0]!.payload).toContain('review not approved (1 issues)');
  });

  it('a plan with a path outside the app directory is refused, asked for again, and then fails agent.badOutput', async () => {
    const evil = { summary: 'x', files: [{ path: '../../etc/passwd', purpose: 'take over' }, { path: 'ok.js', purpose: 'fine' }] };
    const { k, calls, fake } = await boot({ architect: () => JSON.stringify(evil) });
    const err = await failure(build(k, 'a web server'));
    expect(err.code).toBe('agent.badOutput');
    expect(err.message).toContain('../../etc/passwd');
    expect(calls).toMatchObject({ architect: 2, coder: 0 });
    const second = fake.requests.filter((q) => q.path === '/api/chat').at(-1)!.body as FakeChatRequest;
    expect(lastUser(second)).toContain('Your previous plan was refused');
    expect(k.services.vfs.stat('/etc')).toBeUndefined();
    expect(k.services.vfs.stat('/apps/web-server')).toBeUndefined();
    expect(buildAgents(k).map((p) => [p.state, p.exitCode])).toEqual([['TERMINATED', 1], ['TERMINATED', 1], ['TERMINATED', 1]]);
  });

  it('a refused plan followed by a good one builds the good one', async () => {
    const { k } = await boot({ architect: (_r, n) => JSON.stringify(n === 1 ? { summary: 'x', files: [{ path: '/etc/x', purpose: 'y' }] } : PLAN) });
    const r = await build(k, 'a web server');
    expect(r.files).toHaveLength(3);
  });

  it('garbage instead of JSON, twice, fails agent.badOutput and leaves no process running', async () => {
    const { k } = await boot({ architect: () => 'Sure! Here is my plan: build a server.' });
    const err = await failure(build(k, 'a web server'));
    expect(err.code).toBe('agent.badOutput');
    expect(err.message).toMatch(/architect-1 \(p\d+\) gave no usable answer twice/);
    expect(k.services.procs.list()).toEqual([]);
  });

  it('a model that fails fails the build with its llm.* error and the agents are terminated', async () => {
    for (const behavior of [{ kind: 'error', status: 500 } as const, { kind: 'disconnect' } as const]) {
      const { k, fake } = await boot();
      fake.setBehavior(behavior);
      const err = await failure(build(k, 'a web server'));
      expect(err.code).toMatch(/^llm\./);
      expect(buildAgents(k)).toHaveLength(3);
      expect(buildAgents(k).every((p) => p.state === 'TERMINATED' && p.exitCode === 1)).toBe(true);
      await kernel!.close();
      await fake.close();
      kernel = undefined;
    }
  });

  it('Ctrl-C mid-build stops it with sys.interrupted, keeps what was written and ends the agents', async () => {
    const { k } = await boot();
    const ac = new AbortController();
    const progress: { task: string; done: number; total: number; label?: string }[] = [];
    k.services.events.on('progress', (p) => progress.push(p));
    k.services.events.on('syscall', (s) => {
      if (s.name === 'fs.write' && s.ok) ac.abort();
    });
    const err = await failure(build(k, 'a web server', ac.signal));
    expect(err.code).toBe('sys.interrupted');
    expect(err.exitCode).toBe(130);
    expect(err.details).toMatchObject({ app: '/apps/web-server', written: [{ path: '/apps/web-server/server.js', bytes: 37 }] });
    expect(k.services.vfs.cat('/apps/web-server/server.js')).toBe('// server.js\nexport const ok = true;\n');
    expect(k.services.vfs.stat('/apps/web-server/README.md')).toBeUndefined();
    expect(buildAgents(k).map((p) => [p.state, p.exitCode])).toEqual([['TERMINATED', 130], ['TERMINATED', 130], ['TERMINATED', 130]]);
    expect(k.services.resources.slotsInUse).toBe(0);
    // the task ends for top too, so an interrupted build does not stay listed
    expect(progress.filter((p) => p.task === 'build web-server').at(-1)).toMatchObject({ label: 'interrupted' });
    expect(progress.filter((p) => p.task === 'build web-server').at(-1)!.done).toBe(progress.filter((p) => p.task === 'build web-server').at(-1)!.total);
  });

  it('a coder that runs out of budget fails res.budgetExhausted, listing what it wrote', async () => {
    const { k } = await boot({}, { build: { budgets: { coder: 400 } } });
    const err = await failure(build(k, 'a web server'));
    expect(err.code).toBe('res.budgetExhausted');
    expect(err.message).toMatch(/coder coder-1 \(p\d+\) has \d+ tokens of its budget left, too few for its next prompt .* after writing 1 files/);
    const coder = buildAgents(k).find((p) => p.name === 'coder-1')!;
    expect(coder.tokenBudget.consumed).toBeLessThanOrEqual(400); // the budget is hard
    expect(err.details).toMatchObject({ app: '/apps/web-server', written: [{ path: '/apps/web-server/server.js' }] });
    expect(buildAgents(k).every((p) => p.state === 'TERMINATED')).toBe(true);
  });

  it('killing the coder during the build fails it with agent.terminated', async () => {
    const { k } = await boot();
    k.services.events.on('syscall', (s) => {
      if (s.name === 'fs.write' && s.ok) {
        const coder = buildAgents(k).find((p) => p.name === 'coder-1')!;
        if (coder.state !== 'TERMINATED') void k.call('proc.kill', { pid: coder.pid });
      }
    });
    const err = await failure(build(k, 'a web server'));
    expect(err.code).toBe('agent.terminated');
    expect(buildAgents(k).every((p) => p.state === 'TERMINATED')).toBe(true);
  });

  it('suspending the coder while it thinks pauses the build until it is resumed', async () => {
    const { k, calls } = await boot();
    let suspendedAt = 0;
    let resumedAt = 0;
    k.services.events.on('proc', ({ pcb }) => {
      if (pcb.name === 'coder-1' && pcb.state === 'THINKING' && !suspendedAt) {
        suspendedAt = Date.now();
        setImmediate(() => {
          void k.call('proc.suspend', { pid: pcb.pid });
          setTimeout(() => {
            resumedAt = Date.now();
            void k.call('proc.resume', { pid: pcb.pid });
          }, 400);
        });
      }
    });
    const r = await build(k, 'a web server');
    const finishedAt = Date.now();
    expect(resumedAt).toBeGreaterThan(suspendedAt);
    expect(finishedAt).toBeGreaterThanOrEqual(resumedAt); // nothing finished while the coder was suspended
    expect(r.files).toHaveLength(3);
    expect(calls.coder).toBeGreaterThanOrEqual(3);
    expect(k.services.vfs.cat(`${r.app}/server.js`)).toBe('// server.js\nexport const ok = true;\n');
  });

  it('without a model, build fails agent.noModel with a hint to pass --model', async () => {
    const { k } = await boot({}, { model: false });
    const err = await failure(build(k, 'a web server'));
    expect(err.code).toBe('agent.noModel');
    expect(err.hint).toContain('--model llama3.2');
    expect(err.hint).toContain('OLLAMA_HOST');
    expect(k.services.procs.list({ includeTerminated: true })).toEqual([]);
  });
});

describe('build plans and replies', () => {
  it('safe paths stay relative and plain; anything that could leave the app directory is refused', () => {
    expect(safeRelativePath('./src//server.js')).toBe('src/server.js');
    expect(safeRelativePath('.gitignore')).toBe('.gitignore');
    for (const p of ['../x', 'a/../../b', '/etc/passwd', '~/x', 'C:/x', 'a\\b', 'a b.js', '', 'a/b/c/d/e/f.js']) {
      expect(() => safeRelativePath(p), p).toThrow(expect.objectContaining({ code: 'agent.badOutput' }));
    }
  });

  it('a plan with too many, duplicate, or file-and-directory paths is refused with every problem listed', () => {
    const many = { summary: 's', files: Array.from({ length: 13 }, (_, i) => ({ path: `f${i}.js`, purpose: 'p' })) };
    expect(() => parsePlan(JSON.stringify(many))).toThrow(/13 files; at most 12/);
    const dup = { summary: 's', files: [{ path: 'a.js', purpose: 'p' }, { path: './A.js', purpose: 'q' }, { path: 'lib', purpose: 'x' }, { path: 'lib/x.js', purpose: 'y' }] };
    expect(() => parsePlan(JSON.stringify(dup))).toThrow(/A\.js: named twice.*lib: is both a file and a directory/);
    expect(parsePlan('```json\n{"summary":"s","files":[{"path":"a.js","purpose":""}]}\n```')).toEqual({ summary: 's', files: [{ path: 'a.js', purpose: 'a.js' }] });
  });

  it('reviews need a boolean verdict; file contents lose their fences', () => {
    expect(parseReview('{"approved": false, "issues": [{"path": "./a.js", "problem": "bug", "fix": "fix it"}]}'))
      .toEqual({ approved: false, issues: [{ path: 'a.js', problem: 'bug', fix: 'fix it' }] });
    expect(() => parseReview('{"approved": "yes"}')).toThrow(expect.objectContaining({ code: 'agent.badOutput' }));
    expect(stripFences('x\n```py\nprint(1)\n```\n')).toBe('print(1)\n');
    expect(stripFences('```\na\n```\n```\nlonger\nblock\n```')).toBe('longer\nblock\n');
    expect(stripFences('plain text')).toBe('plain text\n');
    expect(stripFences('```js\ncut off by the token limit')).toBe('cut off by the token limit\n');
  });

  it('prompts stay small: the coder sees earlier files while they fit, the reviewer a share of each file', () => {
    const plan = { summary: 's', files: [{ path: 'a.js', purpose: 'a' }, { path: 'b.js', purpose: 'b' }, { path: 'c.js', purpose: 'c' }] };
    const big = 'x'.repeat(5_000);
    const p = filePrompt('goal', plan, plan.files[2]!, [{ path: 'a.js', content: big }, { path: 'b.js', content: big }]);
    expect(p).toContain(`--- a.js\n${big}`);
    expect(p).toContain('(b.js written; not shown)');
    const r = reviewPrompt('goal', plan, [{ path: 'a.js', content: 'y'.repeat(20_000) }, { path: 'b.js', content: 'short' }], 0);
    expect(r).toContain(`--- a.js\n${'y'.repeat(8_000)}\n[… 12000 more characters]`);
    expect(r).toContain('--- b.js\nshort');
  });

  it('slugs are the first content words of the goal', () => {
    expect(slugify('a web server with authentication and logging')).toBe('web-server-authentication-logging');
    expect(slugify('Build me a REST API for my bakery!')).toBe('build-rest-api-bakery');
    expect(slugify('???')).toBe('app');
  });
});
