// Dry-run resolution (cli layer): for --dry-run, shows what the references in a parsed call —
// VectorFS paths and descriptions, processes, a message's routed receiver, memory regions —
// resolve to, without carrying anything out. The resolving is the kernel's own (Kernel.resolve,
// the resolver dispatch uses), so a dry run names exactly what the real call would act on.
// Called by session.ts.
import type { Kernel } from '../kernel/kernel.js';
import type { ResolvedRef } from '../kernel/syscall.js';
import type { Session } from '../kernel/types.js';
import type { OutcomeSyscall } from '../shell/runner.js';

/** What each reference resolved to, as text: a path (with its score for a description), processes, an inbox, a region. */
export type Resolved = Record<string, string>;

const round = (x: number): string => x.toFixed(3);

/** " (a code-writing agent ...)", shortened and with control characters made visible. */
function aboutOf(description: string | undefined): string {
  if (!description) return '';
  const d = description.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return ` (${d.length > 48 ? `${d.slice(0, 45)}...` : d})`;
}

function show(r: ResolvedRef): string | null {
  switch (r.kind) {
    case 'path':
      // a path to be created says nothing the call does not already show
      if (r.created && r.path.score === undefined) return null;
      return r.path.score !== undefined ? `${r.path.path} (score ${round(r.path.score)})` : r.path.path;
    case 'process':
      return `${r.pcb.pid} ${r.pcb.name}${aboutOf(r.pcb.description)}`;
    case 'address':
      return r.address.route ? `${r.address.route.pid} ${r.address.route.name} (score ${round(r.address.route.score)})` : r.address.address;
    case 'region':
      return `${r.region.id} ${r.region.description}`;
  }
}

/** Resolves the call's references as `session` would see them; fails with the kernel's own errors (fs.noMatch, proc.notFound, ...). */
export async function resolveForDryRun(k: Pick<Kernel, 'resolve'>, session: Session, s: OutcomeSyscall): Promise<Resolved> {
  const out: Resolved = {};
  for (const [key, list] of await k.resolve(s.name, s.args, session)) {
    const shown = list.map(show).filter((x): x is string => x !== null);
    if (shown.length) out[key] = shown.join(', ');
  }
  return out;
}
