// proc.* syscalls (kernel layer): spawn, kill, suspend, resume, renice, ps, wait, and the
// seed's merge / split / lend. Each resolves its process references ("p3", "3", a name or a
// description), names the permission it needs, and hands off to the process table and
// resources. Registered by kernel.ts; results are the shapes in ProcResults.
import { NlshError } from '../../base/errors.js';
import * as z from 'zod';
import { lazyArgsSchema } from '../schema.js';
import { effectiveGrants } from '../security.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import type { ContextMessage, PCB, PermissionRequest, ProcessInfo } from '../types.js';
import { contextTurns, processInfo } from '../lazy-pcb.js';
import { PROCESS_SORTS, type ProcessSort } from '../process-store.js';

/** What each proc.* syscall returns. */
export interface ProcResults {
  'proc.spawn': { process: ProcessInfo };
  'proc.kill': { process: ProcessInfo };
  'proc.suspend': { process: ProcessInfo };
  'proc.resume': { process: ProcessInfo };
  'proc.renice': { process: ProcessInfo };
  /** long: each process also lists `grants`, the permissions it acts with (role defaults, then extra grants); total: how many the listing has without limit/offset; offset and sort: as asked, when not the default. */
  'proc.ps': { processes: (ProcessInfo & { grants?: string[] })[]; total: number; offset?: number; sort?: ProcessSort };
  'proc.wait': { process: ProcessInfo };
  'proc.merge': { process: ProcessInfo; merged: string[] };
  'proc.split': { parent: ProcessInfo; children: ProcessInfo[] };
  'proc.lend': { from: ProcessInfo; to: ProcessInfo; tokens: number };
}

export { processInfo };

const ref = (description: string) => z.string().min(1).max(500).describe(description);
const priority = () => z.int().min(0).max(19).describe('0 (highest) .. 19 (lowest)');
const pidArgs = lazyArgsSchema(() => ({ pid: ref('process: p3, 3, a name, or a description') }));

const owned = (action: string, pcb: PCB): PermissionRequest => ({ action, resource: { kind: 'owned', owner: pcb.owner, id: pcb.pid } });
const callerPid = (ctx: SyscallContext): string | null => {
  const p = ctx.k.procs.get(ctx.session.creds.principal);
  return p && p.state !== 'TERMINATED' ? p.pid : null;
};
/** Where an agent's own files live; its role grants fs.write there (`/agents/{self}/**`). */
export const workspacePath = (pid: string): string => `/agents/${pid}`;

/** Creates pcb's workspace directory; if that fails, the new process is terminated and the error passes on. */
async function workspace(pcb: PCB, ctx: SyscallContext): Promise<void> {
  try {
    await ctx.k.vfs.mkdir(workspacePath(pcb.pid), { parents: true, description: `workspace of ${pcb.pid} (${pcb.name}): ${pcb.description}`.slice(0, 2000) });
  } catch (err) {
    ctx.k.procs.transition(pcb.pid, 'TERMINATED');
    throw err;
  }
}

function alive(pcb: PCB): void {
  if (pcb.state === 'TERMINATED') {
    throw new NlshError('proc.terminated', `${pcb.pid} (${pcb.name}) has terminated`, { hint: "'ps' lists the running processes" });
  }
}

/**
 * A process spawning a child cannot mint resources: the child's budget (default half of what
 * the parent has left) is carved from the parent's remaining budget, and its priority is no
 * higher than the parent's (default the parent's). Fails res.insufficient / proc.badPriority.
 */
async function spawnChild(parent: PCB, a: { budget?: number | undefined; priority?: number | undefined; description: string }, ctx: SyscallContext): Promise<PCB> {
  const left = parent.tokenBudget.remaining;
  const budget = a.budget ?? Math.floor(left / 2);
  if (budget > left) {
    throw new NlshError('res.insufficient', `${parent.pid} has ${left} tokens left; a child's budget of ${budget} is carved from them`, {
      hint: `give the child at most ${left} tokens`, details: { pid: parent.pid, remaining: left, requested: budget },
    });
  }
  const priority = a.priority ?? parent.priority;
  if (priority < parent.priority) {
    throw new NlshError('proc.badPriority', `a child of ${parent.pid} may not run at priority ${priority}, higher than its parent's ${parent.priority}`, {
      hint: `use priority ${parent.priority} or a larger number (0 is the highest)`, details: { pid: parent.pid, parentPriority: parent.priority, requested: priority },
    });
  }
  const child = await ctx.k.procs.spawn({ ...a, budget: 0, priority, owner: parent.pid, parent: parent.pid, role: 'agent' });
  if (budget === 0) return child;
  try {
    ctx.k.resources.transfer(parent.pid, child.pid, budget);
  } catch (err) {
    ctx.k.procs.transition(child.pid, 'TERMINATED'); // the parent spent its budget meanwhile: no child without its budget
    throw err;
  }
  return child;
}

function oneProc<N extends 'proc.kill' | 'proc.suspend' | 'proc.resume'>(
  name: N, doc: { summary: string; usage: string; examples: string[] }, act: (pcb: PCB, ctx: SyscallContext) => PCB, destructive = false,
) {
  return defineSyscall({
    name, ...doc, destructive,
    args: pidArgs,
    refs: { pid: 'process' },
    permission: (_a, ctx) => owned(name, ctx.refs.process('pid')),
    handler: (_a, ctx): ProcResults[N] => ({ process: processInfo(act(ctx.refs.process('pid'), ctx)) }),
  });
}

export const procSyscalls = [
  defineSyscall({
    name: 'proc.spawn',
    summary: 'start an agent process from a description',
    usage: 'spawn "description" [priority high|N] [budget N]',
    examples: ['spawn "a code-writing agent with Python expertise" priority high budget 5000', 'create a reviewer agent'],
    args: lazyArgsSchema(() => ({
      description: z.string().min(1).max(2000).describe('what the agent is and does'),
      name: z.string().min(1).max(64).optional(),
      type: z.enum(['user', 'system', 'specialist', 'meta']).optional(),
      priority: priority().optional(),
      budget: z.int().min(0).max(100_000_000).describe('token budget').optional(),
      contextWindow: z.int().min(256).max(10_000_000).describe('context window, tokens').optional(),
      model: z.string().min(1).max(200).optional(),
    })),
    permission: (_a, ctx) => ({ action: 'proc.spawn', resource: { kind: 'owned', owner: ctx.session.creds.principal, id: 'new' } }),
    handler: async (a, ctx): Promise<ProcResults['proc.spawn']> => {
      const parentPid = callerPid(ctx);
      const parent = parentPid ? ctx.k.procs.get(parentPid) : undefined;
      const pcb = parent
        ? await spawnChild(parent, a, ctx)
        : await ctx.k.procs.spawn({ ...a, owner: ctx.session.creds.principal, parent: null, role: 'agent' });
      await workspace(pcb, ctx);
      return { process: processInfo(pcb) };
    },
  }),

  oneProc('proc.kill', { summary: 'terminate a process', usage: 'kill PROC', examples: ['kill p3', 'stop the reviewer'] }, (pcb, ctx) => {
    alive(pcb);
    pcb.exitCode = 137;
    return ctx.k.procs.transition(pcb.pid, 'TERMINATED');
  }, true),
  oneProc('proc.suspend', { summary: 'pause a process until resumed', usage: 'suspend PROC', examples: ['suspend p3', 'pause process 3'] }, (pcb, ctx) => ctx.k.procs.transition(pcb.pid, 'SUSPENDED')),
  oneProc('proc.resume', { summary: 'let a suspended (or blocked) process run again', usage: 'resume PROC', examples: ['resume p3'] }, (pcb, ctx) => ctx.k.procs.transition(pcb.pid, 'RUNNING')),

  defineSyscall({
    name: 'proc.renice',
    summary: 'change a process priority (0 highest .. 19 lowest)',
    usage: 'renice PROC PRIORITY',
    examples: ['renice p3 5'],
    args: lazyArgsSchema(() => ({ pid: ref('process'), priority: priority() })),
    refs: { pid: 'process' },
    permission: (_a, ctx) => owned('proc.renice', ctx.refs.process('pid')),
    handler: (a, ctx): ProcResults['proc.renice'] => ({ process: processInfo(ctx.k.procs.setPriority(ctx.refs.process('pid').pid, a.priority)) }),
  }),

  defineSyscall({
    name: 'proc.ps',
    summary: 'list processes in pid order (all: include terminated ones; long: with their permissions; limit/offset: one page; sort: name, priority, cpu or tokens)',
    usage: 'ps [-a] [-l] [--limit N] [--offset N] [--sort pid|name|priority|cpu|tokens]',
    examples: ['ps', 'ps -l', 'ps --limit 20 --offset 100', 'ps --sort cpu --limit 10', 'what is running?'],
    args: lazyArgsSchema(() => ({
      all: z.boolean().optional(),
      long: z.boolean().describe("also list each process's permissions").optional(),
      limit: z.int().min(0).max(1_000_000_000).describe('at most this many processes (0 or absent: all)').optional(),
      offset: z.int().min(0).max(1_000_000_000).describe('skip this many first').optional(),
      sort: z.enum(PROCESS_SORTS).describe('pid (default), name, priority (0 first), cpu or tokens (most first)').optional(),
    })),
    permission: () => ({ action: 'proc.ps' }),
    handler: (a, ctx): ProcResults['proc.ps'] => {
      // read from the database page by page: a listing makes no PCB (process-store.ts)
      const page = ctx.k.procs.page({ includeTerminated: a.all ?? false, ...(a.limit ? { limit: a.limit } : {}), ...(a.offset ? { offset: a.offset } : {}), ...(a.sort ? { sort: a.sort } : {}) });
      return {
        processes: a.long ? page.processes.map((p) => ({ ...p, grants: effectiveGrants(ctx.k.security.credentialsOf(p)) })) : page.processes,
        total: page.total,
        ...(a.offset ? { offset: a.offset } : {}),
        ...(a.sort && a.sort !== 'pid' ? { sort: a.sort } : {}),
      };
    },
  }),

  defineSyscall({
    name: 'proc.wait',
    summary: 'wait until a process terminates',
    usage: 'wait PROC [--timeout 30s]',
    examples: ['wait p2'],
    args: lazyArgsSchema(() => ({ pid: ref('process'), timeoutMs: z.int().min(0).max(86_400_000).optional() })),
    refs: { pid: 'process' },
    permission: (_a, ctx) => owned('proc.wait', ctx.refs.process('pid')),
    handler: async (a, ctx): Promise<ProcResults['proc.wait']> => {
      const pcb = ctx.refs.process('pid');
      return { process: processInfo(await ctx.k.procs.waitFor(pcb.pid, ctx.signal, a.timeoutMs)) };
    },
  }),

  defineSyscall({
    name: 'proc.merge',
    summary: 'merge processes into one generalist (the originals terminate)',
    destructive: true,
    usage: 'merge PROC PROC... [as NAME]',
    examples: ['merge p1 p2'],
    args: lazyArgsSchema(() => ({ pids: z.array(ref('process')).min(2).max(8), name: z.string().min(1).max(64).optional() })),
    refs: { pids: 'process' },
    permission: (_a, ctx) => ctx.refs.processes('pids').map((p) => owned('proc.merge', p)),
    handler: async (a, ctx): Promise<ProcResults['proc.merge']> => {
      const pcbs = ctx.refs.processes('pids');
      pcbs.forEach(alive);
      if (new Set(pcbs.map((p) => p.pid)).size !== pcbs.length) {
        throw new NlshError('proc.badMerge', `cannot merge a process with itself (${pcbs.map((p) => p.pid).join(', ')})`, { hint: 'merge p1 p2' });
      }
      const content: ContextMessage[] = pcbs.flatMap((p) => p.contextWindow.content.map((m) => ({ ...m }))).sort((x, y) => x.at - y.at);
      const merged = await ctx.k.procs.spawn({
        description: pcbs.map((p) => p.description).join('; '),
        ...(a.name ? { name: a.name } : {}),
        type: 'meta',
        priority: Math.min(...pcbs.map((p) => p.priority)),
        budget: 0,
        contextWindow: pcbs.reduce((s, p) => s + p.contextWindow.maxLength, 0),
        ...(pcbs[0]!.model ? { model: pcbs[0]!.model } : {}),
        owner: ctx.session.creds.principal,
        parent: callerPid(ctx),
        role: 'agent',
        permissions: [...new Set(pcbs.flatMap((p) => p.permissions))],
      });
      merged.contextWindow.content = content;
      merged.contextWindow.currentLength = content.reduce((s, m) => s + m.tokens, 0);
      ctx.k.procs.save(merged.pid, 'context');
      for (const p of pcbs) {
        if (p.tokenBudget.remaining > 0) ctx.k.resources.transfer(p.pid, merged.pid, p.tokenBudget.remaining);
        ctx.k.procs.transition(p.pid, 'TERMINATED');
      }
      await workspace(merged, ctx);
      return { process: processInfo(merged), merged: pcbs.map((p) => p.pid) };
    },
  }),

  defineSyscall({
    name: 'proc.split',
    summary: 'split a process into specialist children that share its budget',
    usage: 'split PROC into N',
    examples: ['split p3 into 3'],
    args: lazyArgsSchema(() => ({ pid: ref('process'), into: z.int().min(2).max(8) })),
    refs: { pid: 'process' },
    permission: (_a, ctx) => owned('proc.split', ctx.refs.process('pid')),
    handler: async (a, ctx): Promise<ProcResults['proc.split']> => {
      const pcb = ctx.refs.process('pid');
      alive(pcb);
      const share = Math.floor(pcb.tokenBudget.remaining / a.into);
      const taken = new Set(ctx.k.procs.list().map((p) => p.name.toLowerCase()));
      const children: PCB[] = [] as const;
      for (let i = 1; i <= a.into; i++) {
        const name = `${pcb.name}.${i}`;
        const child = await ctx.k.procs.spawn({
          description: `${pcb.description} (part ${i} of ${a.into})`,
          ...(taken.has(name.toLowerCase()) ? {} : { name }),
          type: 'specialist',
          priority: pcb.priority,
          budget: 0,
          contextWindow: pcb.contextWindow.maxLength,
          ...(pcb.model ? { model: pcb.model } : {}),
          owner: pcb.owner,
          parent: pcb.pid,
          role: pcb.role,
          permissions: [...pcb.permissions],
        });
        child.contextWindow.content = pcb.contextWindow.content.map((m) => ({ ...m }));
        child.contextWindow.currentLength = pcb.contextWindow.currentLength;
        ctx.k.procs.save(child.pid, 'context');
        if (share > 0) ctx.k.resources.transfer(pcb.pid, child.pid, share);
        await workspace(child, ctx);
        children.push(child);
      }
      return { parent: processInfo(pcb), children: children.map(processInfo) };
    },
  }),

  defineSyscall({
    name: 'proc.lend',
    summary: "lend a percentage of one process's remaining token budget (attention) to another",
    usage: 'lend N% attention from PROC to PROC',
    examples: ['lend 50% attention from p1 to p2'],
    args: lazyArgsSchema(() => ({ from: ref('lending process'), to: ref('receiving process'), percent: z.number().min(0.01).max(100) })),
    refs: { from: 'process', to: 'process' },
    permission: (_a, ctx) => owned('proc.lend', ctx.refs.process('from')),
    handler: (a, ctx): ProcResults['proc.lend'] => {
      const from = ctx.refs.process('from');
      const to = ctx.refs.process('to');
      alive(from);
      alive(to);
      if (from.pid === to.pid) throw new NlshError('proc.badLend', `${from.pid} cannot lend to itself`, { hint: 'lend 50% attention from p1 to p2' });
      const tokens = Math.floor((from.tokenBudget.remaining * a.percent) / 100);
      if (tokens < 1) {
        throw new NlshError('proc.noBudget', `${from.pid} has ${from.tokenBudget.remaining} tokens left; ${a.percent}% of that is nothing to lend`, {
          hint: 'top up its budget first',
          details: { pid: from.pid, remaining: from.tokenBudget.remaining },
        });
      }
      ctx.k.resources.transfer(from.pid, to.pid, tokens);
      return { from: processInfo(from), to: processInfo(to), tokens };
    },
  }),
] as const;
