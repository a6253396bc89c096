// mem.* syscalls (kernel layer): malloc, free, share, stat, and read / write of a region's
// contents. A region belongs to the principal that allocated it; free and share need
// ownership of it (mem.*:own in RBAC terms); read and write are also open to the processes it
// is shared with (the permission request names them, security's `own` scope admits them).
// Registered by kernel.ts; results are the shapes in MemResults.
import * as z from 'zod';
import { panic } from '../../base/errors.js';
import { lazyArgsSchema } from '../schema.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import type { MemoryManager } from '../services.js';
import type { MemoryRegion, PermissionRequest, TierStats } from '../types.js';

/** One entry of a region as mem.read returns it. */
export interface RegionEntryInfo { text: string; author: string; at: number; score?: number }

/** What each mem.* syscall returns. */
export interface MemResults {
  'mem.malloc': { region: MemoryRegion };
  'mem.free': { region: MemoryRegion };
  'mem.share': { region: MemoryRegion };
  'mem.stat': { tiers: TierStats[]; regions: MemoryRegion[] };
  'mem.read': { region: MemoryRegion; entries: RegionEntryInfo[]; content: string };
  'mem.write': { region: MemoryRegion; bytes: number };
}

const regionId = () => z.string().min(1).max(32).describe('region id: m1 (or 1)');
const owned = (action: string, r: MemoryRegion): PermissionRequest => ({ action, resource: { kind: 'owned', owner: r.owner, id: r.id } });
const usable = (action: string, r: MemoryRegion): PermissionRequest => ({ action, resource: { kind: 'owned', owner: r.owner, id: r.id, sharedWith: r.sharedWith } });

/** The memory manager's region contents API, which every kernel memory manager has. */
function contents(ctx: SyscallContext): Required<Pick<MemoryManager, 'read' | 'write'>> {
  const m = ctx.k.memory;
  if (!m.read || !m.write) panic('the memory manager has no region read/write');
  return { read: m.read.bind(m), write: m.write.bind(m) };
}

export const memSyscalls = [
  defineSyscall({
    name: 'mem.malloc',
    summary: 'allocate a named semantic memory region',
    usage: 'malloc "description" [size N]',
    examples: ['malloc "storing user preferences"'],
    args: lazyArgsSchema(() => ({
      description: z.string().min(1).max(500).describe('what the region is for'),
      size: z.int().min(1).max(10_000_000).describe('capacity in tokens (default 4096)').optional(),
    })),
    permission: (_a, ctx) => ({ action: 'mem.malloc', resource: { kind: 'owned', owner: ctx.session.creds.principal, id: 'new' } }),
    handler: async (a, ctx): Promise<MemResults['mem.malloc']> => ({ region: await ctx.k.memory.malloc(ctx.session.creds.principal, a.description, a.size) }),
  }),

  defineSyscall({
    name: 'mem.free',
    summary: 'free a memory region you own',
    usage: 'free REGION',
    examples: ['free m1'],
    destructive: true,
    args: lazyArgsSchema(() => ({ id: regionId() })),
    refs: { id: 'region' },
    permission: (_a, ctx) => owned('mem.free', ctx.refs.region('id')),
    handler: (_a, ctx): MemResults['mem.free'] => ({ region: ctx.k.memory.free(ctx.refs.region('id').id) }),
  }),

  defineSyscall({
    name: 'mem.share',
    summary: 'share a memory region you own with a process (it may then read and write it)',
    usage: 'share REGION with PROC',
    examples: ['share m1 with p2'],
    args: lazyArgsSchema(() => ({ id: regionId(), with: z.string().min(1).max(500).describe('process: p3, a name, or a description') })),
    refs: { id: 'region', with: 'process' },
    permission: (_a, ctx) => owned('mem.share', ctx.refs.region('id')),
    handler: (_a, ctx): MemResults['mem.share'] => ({ region: ctx.k.memory.share(ctx.refs.region('id').id, ctx.refs.process('with').pid) }),
  }),

  defineSyscall({
    name: 'mem.stat',
    summary: 'memory tiers (occupancy, hits, misses, swaps) and regions',
    usage: 'mem',
    examples: ['mem'],
    args: lazyArgsSchema(() => ({})),
    permission: () => ({ action: 'mem.stat' }),
    handler: (_a, ctx): MemResults['mem.stat'] => ({ tiers: ctx.k.memory.stats(), regions: ctx.k.memory.regions() }),
  }),

  defineSyscall({
    name: 'mem.read',
    summary: "read a memory region's entries (its owner and the processes it is shared with), in order or ranked by a query",
    usage: 'mem read REGION ["query"]',
    examples: ['mem read m1', 'mem read m1 "dark mode"'],
    args: lazyArgsSchema(() => ({ id: regionId(), query: z.string().min(1).max(2000).describe('rank entries by similarity to this text').optional() })),
    refs: { id: 'region' },
    permission: (_a, ctx) => usable('mem.read', ctx.refs.region('id')),
    handler: async (a, ctx): Promise<MemResults['mem.read']> => {
      const r = ctx.refs.region('id');
      const entries = await contents(ctx).read(r.id, ctx.session.creds.principal, a.query !== undefined ? { query: a.query } : {});
      return { region: r, entries, content: entries.map((e) => e.text).join('\n') };
    },
  }),

  defineSyscall({
    name: 'mem.write',
    summary: 'write text into a memory region, replacing its contents (append: after them)',
    usage: 'mem write REGION "text" [--append]',
    examples: ['mem write m1 "the user prefers dark mode"', 'mem write m1 "and short answers" --append'],
    args: lazyArgsSchema(() => ({
      id: regionId(),
      content: z.string().min(1).max(1 << 20).describe('the text to store'),
      append: z.boolean().describe('add after the current contents instead of replacing them').optional(),
    })),
    refs: { id: 'region' },
    permission: (_a, ctx) => usable('mem.write', ctx.refs.region('id')),
    handler: async (a, ctx): Promise<MemResults['mem.write']> => {
      const r = ctx.refs.region('id');
      const region = await contents(ctx).write(r.id, ctx.session.creds.principal, a.content, { replace: !a.append });
      return { region, bytes: Buffer.byteLength(a.content, 'utf8') };
    },
  }),
] as const;
