// proc.* syscalls (kernel layer): spawn, kill, suspend, resume, renice, ps, wait, and the
// seed's merge / split / lend. Each resolves its process references ("p3", "3", a name or a
// description), names the permission it needs, and hands off to the process table and
// resources. Registered by kernel.ts; results are the shapes in ProcResults.
import { NlshError } from '../../base/errors.js';
import { objectSchema, type FieldSchema } from '../schema.js';
import { defineSyscall, type SyscallContext, type SyscallDef } from '../syscall.js';
import type { SyscallArgs } from '../syscall-args.js';
import type { ContextMessage, PCB, PermissionRequest, ProcessInfo } from '../types.js';

/** What each proc.* syscall returns. */
export interface ProcResults {
  'proc.spawn': { process: ProcessInfo };
  'proc.kill': { process: ProcessInfo };
  'proc.suspend': { process: ProcessInfo };
  'proc.resume': { process: ProcessInfo };
  'proc.renice': { process: ProcessInfo };
  'proc.ps': { processes: ProcessInfo[] };
  'proc.wait': { process: ProcessInfo };
  'proc.merge': { process: ProcessInfo; merged: string[] };
  'proc.split': { parent: ProcessInfo; children: ProcessInfo[] };
  'proc.lend': { from: ProcessInfo; to: ProcessInfo; tokens: number };
}

/** A PCB as shown to users: no vpid numbers, context as sizes. */
export function processInfo(pcb: PCB): ProcessInfo {
  const { vpid: _v, contextWindow, ...rest } = pcb;
  return {
    ...rest,
    tokenBudget: { ...pcb.tokenBudget },
    resources: { ...pcb.resources },
    permissions: [...pcb.permissions],
    contextWindow: { maxLength: contextWindow.maxLength, currentLength: contextWindow.currentLength, turns: contextWindow.content.length },
  };
}

const ref = (description: string): FieldSchema => ({ type: 'string', minLength: 1, maxLength: 500, description });
const priority: FieldSchema = { type: 'integer', minimum: 0, maximum: 19, description: '0 (highest) .. 19 (lowest)' };

// permission() and handler() of one call see the same args object: resolve once.
const resolved = new WeakMap<object, PCB[]>();
async function resolveAll(args: object, refs: string[], ctx: SyscallContext): Promise<PCB[]> {
  let pcbs = resolved.get(args);
  if (!pcbs) {
    pcbs = [];
    for (const r of refs) pcbs.push(await ctx.k.procs.resolve(r));
    resolved.set(args, pcbs);
  }
  return pcbs;
}
const owned = (action: string, pcb: PCB): PermissionRequest => ({ action, resource: { kind: 'owned', owner: pcb.owner, id: pcb.pid } });
const callerPid = (ctx: SyscallContext): string | null => {
  const p = ctx.k.procs.get(ctx.session.creds.principal);
  return p && p.state !== 'TERMINATED' ? p.pid : null;
};
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
async function spawnChild(parent: PCB, a: SyscallArgs['proc.spawn'], ctx: SyscallContext): Promise<PCB> {
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
  name: N, summary: string, act: (pcb: PCB, ctx: SyscallContext) => PCB, destructive = false,
): SyscallDef<SyscallArgs[N], ProcResults[N]> {
  return defineSyscall<SyscallArgs[N], ProcResults[N]>({
    name, summary, destructive,
    args: objectSchema({ pid: ref('process: p3, 3, a name, or a description') }, ['pid']),
    permission: async (a, ctx) => owned(name, (await resolveAll(a, [a.pid], ctx))[0]!),
    handler: async (a, ctx) => ({ process: processInfo(act((await resolveAll(a, [a.pid], ctx))[0]!, ctx)) }),
  });
}

export const procSyscalls: SyscallDef[] = [
  defineSyscall<SyscallArgs['proc.spawn'], ProcResults['proc.spawn']>({
    name: 'proc.spawn',
    summary: 'start an agent process from a description',
    args: objectSchema({
      description: { type: 'string', minLength: 1, maxLength: 2000, description: 'what the agent is and does' },
      name: { type: 'string', minLength: 1, maxLength: 64 },
      type: { type: 'string', enum: ['user', 'system', 'specialist', 'meta'] },
      priority,
      budget: { type: 'integer', minimum: 0, maximum: 100_000_000, description: 'token budget' },
      contextWindow: { type: 'integer', minimum: 256, maximum: 10_000_000, description: 'context window, tokens' },
      model: { type: 'string', minLength: 1, maxLength: 200 },
    }, ['description']),
    permission: (_a, ctx) => ({ action: 'proc.spawn', resource: { kind: 'owned', owner: ctx.session.creds.principal, id: 'new' } }),
    handler: async (a, ctx) => {
      const parentPid = callerPid(ctx);
      const parent = parentPid ? ctx.k.procs.get(parentPid) : undefined;
      if (!parent) {
        const pcb = await ctx.k.procs.spawn({ ...a, owner: ctx.session.creds.principal, parent: null, role: 'agent' });
        return { process: processInfo(pcb) };
      }
      return { process: processInfo(await spawnChild(parent, a, ctx)) };
    },
  }),

  oneProc('proc.kill', 'terminate a process', (pcb, ctx) => {
    alive(pcb);
    pcb.exitCode = 137;
    return ctx.k.procs.transition(pcb.pid, 'TERMINATED');
  }, true),
  oneProc('proc.suspend', 'pause a process until resumed', (pcb, ctx) => ctx.k.procs.transition(pcb.pid, 'SUSPENDED')),
  oneProc('proc.resume', 'let a suspended (or blocked) process run again', (pcb, ctx) => ctx.k.procs.transition(pcb.pid, 'RUNNING')),

  defineSyscall<SyscallArgs['proc.renice'], ProcResults['proc.renice']>({
    name: 'proc.renice',
    summary: 'change a process priority (0 highest .. 19 lowest)',
    args: objectSchema({ pid: ref('process'), priority }, ['pid', 'priority']),
    permission: async (a, ctx) => owned('proc.renice', (await resolveAll(a, [a.pid], ctx))[0]!),
    handler: async (a, ctx) => ({ process: processInfo(ctx.k.procs.setPriority((await resolveAll(a, [a.pid], ctx))[0]!.pid, a.priority)) }),
  }),

  defineSyscall<SyscallArgs['proc.ps'], ProcResults['proc.ps']>({
    name: 'proc.ps',
    summary: 'list processes (all: include terminated ones)',
    args: objectSchema({ all: { type: 'boolean' } }),
    permission: () => ({ action: 'proc.ps' }),
    handler: (a, ctx) => ({ processes: ctx.k.procs.list({ includeTerminated: a.all ?? false }).map(processInfo) }),
  }),

  defineSyscall<SyscallArgs['proc.wait'], ProcResults['proc.wait']>({
    name: 'proc.wait',
    summary: 'wait until a process terminates',
    args: objectSchema({ pid: ref('process'), timeoutMs: { type: 'integer', minimum: 0, maximum: 86_400_000 } }, ['pid']),
    permission: async (a, ctx) => owned('proc.wait', (await resolveAll(a, [a.pid], ctx))[0]!),
    handler: async (a, ctx) => {
      const [pcb] = await resolveAll(a, [a.pid], ctx);
      return { process: processInfo(await ctx.k.procs.waitFor(pcb!.pid, ctx.signal, a.timeoutMs)) };
    },
  }),

  defineSyscall<SyscallArgs['proc.merge'], ProcResults['proc.merge']>({
    name: 'proc.merge',
    summary: 'merge processes into one generalist (the originals terminate)',
    destructive: true,
    args: objectSchema({ pids: { type: 'array', items: ref('process'), minItems: 2, maxItems: 8 }, name: { type: 'string', minLength: 1, maxLength: 64 } }, ['pids']),
    permission: async (a, ctx) => {
      const pcbs = await resolveAll(a, a.pids, ctx);
      for (const p of pcbs.slice(0, -1)) ctx.k.security.check(ctx.session.creds, owned('proc.merge', p));
      return owned('proc.merge', pcbs[pcbs.length - 1]!);
    },
    handler: async (a, ctx) => {
      const pcbs = await resolveAll(a, a.pids, ctx);
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
      return { process: processInfo(merged), merged: pcbs.map((p) => p.pid) };
    },
  }),

  defineSyscall<SyscallArgs['proc.split'], ProcResults['proc.split']>({
    name: 'proc.split',
    summary: 'split a process into specialist children that share its budget',
    args: objectSchema({ pid: ref('process'), into: { type: 'integer', minimum: 2, maximum: 8 } }, ['pid', 'into']),
    permission: async (a, ctx) => owned('proc.split', (await resolveAll(a, [a.pid], ctx))[0]!),
    handler: async (a, ctx) => {
      const [pcb] = await resolveAll(a, [a.pid], ctx);
      alive(pcb!);
      const share = Math.floor(pcb!.tokenBudget.remaining / a.into);
      const taken = new Set(ctx.k.procs.list().map((p) => p.name.toLowerCase()));
      const children: PCB[] = [];
      for (let i = 1; i <= a.into; i++) {
        const name = `${pcb!.name}.${i}`;
        const child = await ctx.k.procs.spawn({
          description: `${pcb!.description} (part ${i} of ${a.into})`,
          ...(taken.has(name.toLowerCase()) ? {} : { name }),
          type: 'specialist',
          priority: pcb!.priority,
          budget: 0,
          contextWindow: pcb!.contextWindow.maxLength,
          ...(pcb!.model ? { model: pcb!.model } : {}),
          owner: pcb!.owner,
          parent: pcb!.pid,
          role: pcb!.role,
          permissions: [...pcb!.permissions],
        });
        child.contextWindow.content = pcb!.contextWindow.content.map((m) => ({ ...m }));
        child.contextWindow.currentLength = pcb!.contextWindow.currentLength;
        ctx.k.procs.save(child.pid, 'context');
        if (share > 0) ctx.k.resources.transfer(pcb!.pid, child.pid, share);
        children.push(child);
      }
      return { parent: processInfo(pcb!), children: children.map(processInfo) };
    },
  }),

  defineSyscall<SyscallArgs['proc.lend'], ProcResults['proc.lend']>({
    name: 'proc.lend',
    summary: "lend a percentage of one process's remaining token budget (attention) to another",
    args: objectSchema({ from: ref('lending process'), to: ref('receiving process'), percent: { type: 'number', minimum: 0.01, maximum: 100 } }, ['from', 'to', 'percent']),
    permission: async (a, ctx) => owned('proc.lend', (await resolveAll(a, [a.from, a.to], ctx))[0]!),
    handler: async (a, ctx) => {
      const [from, to] = (await resolveAll(a, [a.from, a.to], ctx)) as [PCB, PCB];
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
];
