// Reference resolution (kernel layer): turns a call's reference arguments — paths and
// descriptions, pids, names and descriptions of processes, inboxes, routed recipients,
// memory regions — into the objects they name, as the descriptor's `refs` declares. Called
// once per call by dispatch() (before permission, so permission and handler see the same
// objects) and by --dry-run through Kernel.resolve. Read-only: it changes nothing.
import { NlshError, isNlshError, panic } from '../base/errors.js';
import { cosine } from '../embed/types.js';
import type { SemanticMatch } from '../vfs/types.js';
import type { KernelServices } from './services.js';
import type { Address, RefKind, RefSpec, Refs, ResolvedPath, ResolvedRef, SyscallDef } from './syscall.js';
import type { Session } from './types.js';

type Services = Pick<KernelServices, 'vfs' | 'procs' | 'bus' | 'embedder' | 'memory' | 'defaultSession'>;

/** Resolves every reference the descriptor declares; fails with the kernel's own errors (fs.noMatch, proc.notFound, mem.notFound, ...). */
export async function resolveRefs(def: SyscallDef, args: Record<string, unknown>, k: Services, session: Session): Promise<Refs> {
  const all = new Map<string, ResolvedRef[]>();
  for (const [key, spec] of Object.entries(def.refs ?? {})) {
    if (spec === undefined) continue;
    const { kind, default: dflt } = typeof spec === 'string' ? { kind: spec, default: undefined } : (spec as RefSpec<unknown>);
    let v = args[key];
    if (v === undefined && dflt !== undefined) v = typeof dflt === 'string' ? dflt : dflt(args, session);
    if (v === undefined) continue;
    const list = Array.isArray(v) ? v : [v];
    const out: ResolvedRef[] = [];
    for (const ref of list) {
      if (typeof ref !== 'string') panic(`${def.name}: reference '${key}' is not a string after validation`);
      out.push(await resolveOne(kind, ref, k, session));
    }
    all.set(key, out);
  }
  return refsOf(def.name, all);
}

const PATH_OPTS = {
  path: {}, newPath: { mustExist: false }, file: { kind: 'file' }, directory: { kind: 'dir' }, place: { semanticKind: 'dir' },
} as const;

async function resolveOne(kind: RefKind, ref: string, k: Services, session: Session): Promise<ResolvedRef> {
  switch (kind) {
    case 'path': case 'newPath': case 'file': case 'directory': case 'place': {
      let path: ResolvedPath;
      try {
        path = await k.vfs.resolve(session.cwd, ref, PATH_OPTS[kind]);
      } catch (err) {
        // cd "x" with two close candidates goes to the best and reports both, so the shell can ask
        const cands = isNlshError(err, 'fs.ambiguous') ? (err.details?.candidates as SemanticMatch[] | undefined) : undefined;
        if (kind !== 'directory' || !cands?.length) throw err;
        path = { path: cands[0]!.path, score: cands[0]!.score, candidates: cands };
      }
      return { kind: 'path', ref, path, created: kind === 'newPath' };
    }
    case 'process':
      return { kind: 'process', ref, pcb: await k.procs.resolve(ref) };
    case 'inbox': case 'recipient':
      return { kind: 'address', ref, address: await address(ref, k, session, kind === 'recipient') };
    case 'region': {
      const id = /^\d+$/.test(ref.trim()) ? `m${ref.trim()}` : ref.trim();
      const region = k.memory.region(id);
      if (!region) throw new NlshError('mem.notFound', `no memory region ${ref}`, { hint: "'mem' lists the regions" });
      return { kind: 'region', ref, region };
    }
  }
}

/** A principal with an inbox (the user, root, the caller), a description routed by meaning, or a process. */
async function address(raw: string, k: Services, session: Session, allowRoute: boolean): Promise<Address> {
  const r = raw.trim();
  const principals = new Set(['user', 'root', k.defaultSession().creds.principal, session.creds.principal]);
  if (principals.has(r)) return { address: r, owner: r };
  if (allowRoute && /\s/.test(r)) {
    const pcb = await k.bus.route(r);
    const [v] = await k.embedder.embed([r]);
    const score = Math.round(cosine(v!, pcb.vpid) * 1000) / 1000;
    return { address: pcb.pid, owner: pcb.owner, route: { pid: pcb.pid, name: pcb.name, score, vector: Array.from(v!) } };
  }
  const pcb = await k.procs.resolve(r);
  return { address: pcb.pid, owner: pcb.owner };
}

function refsOf(name: string, all: Map<string, ResolvedRef[]>): Refs {
  const get = <T extends ResolvedRef['kind']>(key: string, kind: T): Extract<ResolvedRef, { kind: T }>[] => {
    const list = all.get(key);
    if (!list) panic(`${name}: no resolved reference '${key}' (undeclared in refs, or absent without a default)`);
    for (const r of list) if (r.kind !== kind) panic(`${name}: reference '${key}' is a ${r.kind}, not a ${kind}`);
    return list as Extract<ResolvedRef, { kind: T }>[];
  };
  const one = <T>(list: T[], key: string): T => list[0] ?? panic(`${name}: reference '${key}' is an empty list`);
  return {
    all,
    has: (key) => all.has(key),
    path: (key) => one(get(key, 'path'), key).path,
    process: (key) => one(get(key, 'process'), key).pcb,
    processes: (key) => get(key, 'process').map((r) => r.pcb),
    address: (key) => one(get(key, 'address'), key).address,
    addresses: (key) => get(key, 'address').map((r) => r.address),
    region: (key) => one(get(key, 'region'), key).region,
  };
}
