// mem.* syscalls (kernel layer): malloc, free, share, stat. A region belongs to the principal
// that allocated it; free and share need ownership of it (mem.*:own in RBAC terms), which
// permission() states with the region's owner so security can refuse. Registered by
// kernel.ts; results are the shapes in MemResults.
import { NlshError } from '../../base/errors.js';
import { objectSchema } from '../schema.js';
import { defineSyscall, type SyscallContext, type SyscallDef } from '../syscall.js';
import type { SyscallArgs } from '../syscall-args.js';
import type { MemoryRegion, PermissionRequest, TierStats } from '../types.js';

/** What each mem.* syscall returns. */
export interface MemResults {
  'mem.malloc': { region: MemoryRegion };
  'mem.free': { region: MemoryRegion };
  'mem.share': { region: MemoryRegion };
  'mem.stat': { tiers: TierStats[]; regions: MemoryRegion[] };
}

const regionId = { type: 'string', minLength: 1, maxLength: 32, description: 'region id: m1 (or 1)' } as const;

/** The region named by ref ("m1" or "1"), or mem.notFound. */
function region(ctx: SyscallContext, ref: string): MemoryRegion {
  const id = /^\d+$/.test(ref.trim()) ? `m${ref.trim()}` : ref.trim();
  const r = ctx.k.memory.region(id);
  if (!r) throw new NlshError('mem.notFound', `no memory region ${ref}`, { hint: "'mem' lists the regions" });
  return r;
}
const owned = (action: string, r: MemoryRegion): PermissionRequest => ({ action, resource: { kind: 'owned', owner: r.owner, id: r.id } });

export const memSyscalls: SyscallDef[] = [
  defineSyscall<SyscallArgs['mem.malloc'], MemResults['mem.malloc']>({
    name: 'mem.malloc',
    summary: 'allocate a named semantic memory region',
    args: objectSchema({
      description: { type: 'string', minLength: 1, maxLength: 500, description: 'what the region is for' },
      size: { type: 'integer', minimum: 1, maximum: 10_000_000, description: 'capacity in tokens (default 4096)' },
    }, ['description']),
    permission: (_a, ctx) => ({ action: 'mem.malloc', resource: { kind: 'owned', owner: ctx.session.creds.principal, id: 'new' } }),
    handler: async (a, ctx) => ({ region: await ctx.k.memory.malloc(ctx.session.creds.principal, a.description, a.size) }),
  }),

  defineSyscall<SyscallArgs['mem.free'], MemResults['mem.free']>({
    name: 'mem.free',
    summary: 'free a memory region you own',
    destructive: true,
    args: objectSchema({ id: regionId }, ['id']),
    permission: (a, ctx) => owned('mem.free', region(ctx, a.id)),
    handler: (a, ctx) => ({ region: ctx.k.memory.free(region(ctx, a.id).id) }),
  }),

  defineSyscall<SyscallArgs['mem.share'], MemResults['mem.share']>({
    name: 'mem.share',
    summary: 'share a memory region you own with a process',
    args: objectSchema({
      id: regionId,
      with: { type: 'string', minLength: 1, maxLength: 500, description: 'process: p3, a name, or a description' },
    }, ['id', 'with']),
    permission: (a, ctx) => owned('mem.share', region(ctx, a.id)),
    handler: async (a, ctx) => {
      const r = region(ctx, a.id);
      const pcb = await ctx.k.procs.resolve(a.with);
      return { region: ctx.k.memory.share(r.id, pcb.pid) };
    },
  }),

  defineSyscall<SyscallArgs['mem.stat'], MemResults['mem.stat']>({
    name: 'mem.stat',
    summary: 'memory tiers (occupancy, hits, misses, swaps) and regions',
    args: objectSchema({}),
    permission: () => ({ action: 'mem.stat' }),
    handler: (_a, ctx) => ({ tiers: ctx.k.memory.stats(), regions: ctx.k.memory.regions() }),
  }),
];
