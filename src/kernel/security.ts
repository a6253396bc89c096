// Security (kernel layer): role-based access control and the audit log. A permission string
// is `action[:scope]`: the action may use `*` globs (`proc.*`, `*`); the scope is `*`
// (anything, the default), `own` (objects the caller owns, directly or through the processes
// it spawned, and the caller itself), or a path glob (`/apps/**`; `{self}` stands for the
// caller's pid). Called by dispatch.ts (check + audit) and by syscalls needing extra checks.
import { posix } from 'node:path';
import type { Clock } from '../base/clock.js';
import { NlshError } from '../base/errors.js';
import type { Db } from '../base/sqlite.js';
import { createAuditLog, type AuditLog } from './audit-log.js';
import type { Security } from './services.js';
import type { Credentials, PCB, PermissionRequest, Role } from './types.js';

// dispatch checks the syscall's name (no object) and then the action on the object the call
// touches; the fs.* syscalls ask for fs.read / fs.write on their resolved paths. fs.mount and
// fs.export (host files) are deliberately not in an agent's lists.
const FS_READ = ['fs.read', 'fs.pwd', 'fs.cd', 'fs.ls', 'fs.tree', 'fs.cat', 'fs.stat', 'fs.grep', 'fs.grepMeaning', 'fs.find', 'fs.search'];
const AGENT_WRITE = ['fs.write', 'fs.mkdir'];

/** Every role's default grants (documented in docs/kernel.md). */
export const ROLE_GRANTS: Readonly<Record<Role, readonly string[]>> = {
  root: ['*:*'],
  user: ['proc.*:own', 'ipc.*:*', 'mem.*:own', 'fs.*:/**', 'sys.audit:*', 'sys.auditVerify:*', 'agent.*:*'],
  // what an agent's tool loop may do (docs/agents.md): read and search everywhere; write and
  // mkdir only in its workspace (more only when granted); message; spawn, wait for and stop its
  // own children; its own memory regions; define groups it owns; ask another agent and wait for
  // the reply (ipc.ask: the runtime parks the turn, holding no inference slot; agents/parked.ts)
  agent: [
    'proc.ps', 'proc.spawn:own', 'proc.wait:own', 'proc.kill:own',
    'ipc.send', 'ipc.ask', 'ipc.broadcast', 'ipc.multicast', 'ipc.group:own', 'ipc.receive:own', 'mem.*:own',
    ...FS_READ.map((a) => `${a}:/**`),
    ...AGENT_WRITE.map((a) => `${a}:/agents/{self}/**`),
  ],
  system: ['proc.*:*', 'ipc.*:*', 'mem.*:*', 'fs.*:/**', 'sys.audit:*', 'sys.auditVerify:*', 'agent.*:*'],
};

interface Grant { action: RegExp; scope: '*' | 'own' | RegExp }

export interface SecurityDeps {
  db: Db;
  clock: Clock;
  /** Who owns a principal that is a process (its spawner), so `own` covers grandchildren. */
  ownerOf?: (principal: string) => string | undefined;
  /** false batches audit writes (benchmarks); default true: durable when audit() returns. */
  durableAudit?: boolean;
  /** Directory of the audit anchor (audit.key, audit.head); none = an in-memory anchor. */
  auditAnchorDir?: string;
}

export interface SecurityImpl extends Security {
  readonly log: AuditLog;
  close(): void;
}

/** Parses one permission string; fails sys.badPermission when it does not fit the grammar. */
export function parsePermission(text: string, self = ''): Grant {
  const m = /^([A-Za-z*][A-Za-z0-9_.*-]*)(?::(.+))?$/.exec(text.trim());
  if (!m) {
    throw new NlshError('sys.badPermission', `'${text}' is not a permission`, { hint: 'write action:scope, e.g. proc.kill:own or fs.write:/apps/**' });
  }
  const action = new RegExp(`^${m[1]!.replace(/\./g, '\\.').replace(/\*/g, '[^:]*')}$`);
  const scope = m[2] ?? '*';
  if (scope === '*' || scope === 'own') return { action, scope };
  if (!scope.startsWith('/')) {
    throw new NlshError('sys.badPermission', `'${text}': scope must be *, own, or an absolute path glob`, { hint: 'e.g. fs.write:/apps/**' });
  }
  return { action, scope: pathGlob(scope.replaceAll('{self}', self)) };
}

/** Compiles /a/*\/b/** into a regex; a trailing /** also matches the directory itself. */
export function pathGlob(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      re += '(?:/.*)?';
      break;
    }
    if (glob.startsWith('**', i)) {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Normalises a VectorFS path so /apps/../etc cannot pass as /apps/**. */
function normalPath(p: string): string {
  const n = posix.normalize(posix.join('/', p));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** True when some grant of creds (role defaults + extra) covers the action, whatever its scope: may the caller use this syscall at all. */
export function mayCall(creds: Credentials, action: string): boolean {
  for (const text of [...ROLE_GRANTS[creds.role], ...creds.permissions]) {
    try {
      if (parsePermission(text, creds.principal).action.test(action)) return true;
    } catch {
      // a malformed extra grant grants nothing
    }
  }
  return false;
}

/** The grants creds act with, role defaults first, `{self}` filled in (ps -l, help for an agent). */
export function effectiveGrants(creds: Credentials): string[] {
  return [...new Set([...ROLE_GRANTS[creds.role], ...creds.permissions].map((g) => g.replaceAll('{self}', creds.principal)))];
}

/** Builds RBAC over role defaults + credential grants, and opens the audit log. */
export function createSecurity(deps: SecurityDeps): SecurityImpl {
  const log = createAuditLog(deps.db, { durable: deps.durableAudit ?? true, ...(deps.auditAnchorDir ? { anchorDir: deps.auditAnchorDir } : {}) });
  const cache = new Map<string, Grant>();
  const grant = (text: string, self: string): Grant => {
    const key = text.includes('{self}') ? `${text}\u0000${self}` : text;
    let g = cache.get(key);
    if (!g) {
      g = parsePermission(text, self);
      if (cache.size > 10_000) cache.clear();
      cache.set(key, g);
    }
    return g;
  };
  const owns = (principal: string, owner: string): boolean => {
    let o: string | undefined = owner;
    for (let depth = 0; o !== undefined && depth < 64; depth++) {
      if (o === principal) return true;
      o = deps.ownerOf?.(o);
    }
    return false;
  };
  const scopeMatches = (scope: Grant['scope'], req: PermissionRequest, principal: string): boolean => {
    const r = req.resource;
    if (scope === '*' || r === undefined) return true;
    if (scope === 'own') return r.kind === 'owned' && (r.id === principal || owns(principal, r.owner) || (r.sharedWith?.includes(principal) ?? false));
    return r.kind === 'path' && scope.test(normalPath(r.path));
  };

  return {
    log,
    check(creds: Credentials, req: PermissionRequest): void {
      const texts = [...ROLE_GRANTS[creds.role], ...creds.permissions];
      for (const text of texts) {
        let g: Grant;
        try {
          g = grant(text, creds.principal);
        } catch {
          continue; // a malformed extra grant grants nothing
        }
        if (g.action.test(req.action) && scopeMatches(g.scope, req, creds.principal)) return;
      }
      throw denied(creds, req);
    },
    audit: (rec) => log.append(rec),
    records: (opts) => log.records(opts),
    verify: () => log.verify(),
    credentialsOf: (pcb: Pick<PCB, 'pid' | 'role' | 'permissions'>): Credentials => ({ principal: pcb.pid, role: pcb.role, permissions: pcb.permissions }),
    close: () => log.close(),
  };
}

function denied(creds: Credentials, req: PermissionRequest): NlshError {
  const ns = req.action.split('.')[0] || 'sys';
  const r = req.resource;
  const what = !r ? '' : r.kind === 'path' ? ` on ${r.path}` : r.kind === 'owned' ? ` on ${r.id} (owned by ${r.owner})` : ' on the system';
  return new NlshError(`${ns}.denied`, `${creds.principal} (${creds.role}) may not ${req.action}${what}`, {
    hint: creds.role === 'agent'
      ? 'agents act with their own credentials; a user can do this, or grant the agent a permission'
      : `role ${creds.role} lacks ${req.action}${r?.kind === 'owned' ? ':own covering this object' : ''}; ask its owner or root`,
    details: { principal: creds.principal, role: creds.role, action: req.action, ...(r ? { resource: r } : {}) },
  });
}
