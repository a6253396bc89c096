// Dry-run resolution (cli layer): for --dry-run, turns the references in a parsed call —
// VectorFS paths and descriptions, process pids, names and descriptions, a message's routed
// receiver — into what the kernel would act on, without carrying anything out. Read-only:
// it asks VectorFS and the process table, writes nothing, changes no cwd. Called by session.ts.
import type { KernelServices } from '../kernel/services.js';
import type { Session } from '../kernel/types.js';
import type { OutcomeSyscall } from '../shell/runner.js';

/** What a reference resolved to: a path (with its score for a description) or a process. */
export type Resolved = Record<string, string>;

const FS_KEYS: Readonly<Record<string, readonly string[]>> = {
  'fs.cd': ['path'], 'fs.ls': ['path'], 'fs.tree': ['path'], 'fs.cat': ['path'], 'fs.rm': ['path'],
  'fs.mv': ['from'], 'fs.cp': ['from'], 'fs.grep': ['path'], 'fs.grepMeaning': ['path'], 'fs.find': ['path'], 'fs.export': ['path'],
};
const DIRISH = new Set(['fs.cd', 'fs.ls', 'fs.tree', 'fs.grep', 'fs.grepMeaning', 'fs.find']);
const PROC_KEYS: Readonly<Record<string, readonly string[]>> = {
  'proc.kill': ['pid'], 'proc.suspend': ['pid'], 'proc.resume': ['pid'], 'proc.renice': ['pid'], 'proc.wait': ['pid'],
  'proc.split': ['pid'], 'proc.lend': ['from', 'to'], 'proc.merge': ['pids'], 'mem.share': ['with'], 'ipc.receive': ['pid'],
};

const round = (x: number): string => x.toFixed(3);

/** " (a code-writing agent ...)", shortened and with control characters made visible. */
function aboutOf(description: string | undefined): string {
  if (!description) return '';
  const d = description.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return ` (${d.length > 48 ? `${d.slice(0, 45)}...` : d})`;
}

/** Resolves the call's references as `session` would see them; fails with the kernel's own errors (fs.noMatch, proc.notFound, ...). */
export async function resolveForDryRun(k: Pick<KernelServices, 'vfs' | 'procs' | 'bus'>, session: Session, s: OutcomeSyscall): Promise<Resolved> {
  const out: Resolved = {};
  for (const key of FS_KEYS[s.name] ?? []) {
    const ref = s.args[key];
    if (typeof ref !== 'string') continue;
    const r = await k.vfs.resolve(session.cwd, ref, DIRISH.has(s.name) ? { semanticKind: 'dir' } : {});
    out[key] = r.score !== undefined ? `${r.path} (score ${round(r.score)})` : r.path;
  }
  for (const key of PROC_KEYS[s.name] ?? []) {
    const v = s.args[key];
    const refs = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const pcbs = [];
    for (const ref of refs) pcbs.push(await k.procs.resolve(ref));
    if (pcbs.length) out[key] = pcbs.map((p) => `${p.pid} ${p.name}${aboutOf(p.description)}`).join(', ');
  }
  if (s.name === 'ipc.send' && typeof s.args.to === 'string') {
    const to = s.args.to.trim();
    // a description (it has spaces) is routed by meaning; a pid or name is looked up
    const p = /\s/.test(to) ? await k.bus.route(to) : await k.procs.resolve(to).catch(() => null);
    out.to = p ? `${p.pid} ${p.name}` : to;
  }
  return out;
}
