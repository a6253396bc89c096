// sys.* syscalls (kernel layer): read and verify the hash-chained audit log (a broken chain
// is a failed call, sys.auditBroken, exit 1, so scripts and cron jobs notice); grant and revoke
// a process's extra permissions (root only: RBAC gives sys.grant / sys.revoke to no other
// role; every attempt is audited by dispatch). Registered by kernel.ts.
import * as z from 'zod';
import { NlshError } from '../../base/errors.js';
import { lazyArgsSchema } from '../schema.js';
import { parsePermission } from '../security.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import type { AuditRecord, PCB } from '../types.js';
import { processInfo } from './proc.js';
import type { ProcessInfo } from '../types.js';

/** What each sys.* syscall returns. */
export interface SysResults {
  'sys.audit': { records: AuditRecord[] };
  'sys.auditVerify': { ok: boolean; records: number; brokenAt?: number; reason?: string };
  'sys.grant': { process: ProcessInfo; permission: string; changed: boolean };
  'sys.revoke': { process: ProcessInfo; permission: string; changed: boolean };
}

const grantArgs = lazyArgsSchema(() => ({
  pid: z.string().min(1).max(500).describe('process: p3, a name, or a description'),
  permission: z.string().min(1).max(300).describe('action[:scope], e.g. fs.write:/data/** or proc.kill:own'),
}));

/** The permission in its canonical form, or sys.badPermission with a hint. */
function checked(text: string): string {
  const t = text.trim();
  parsePermission(t);
  return t;
}

function changePermissions(pcb: PCB, ctx: SyscallContext, update: (list: string[]) => boolean): boolean {
  if (pcb.state === 'TERMINATED') {
    throw new NlshError('proc.terminated', `${pcb.pid} (${pcb.name}) has terminated`, { hint: "'ps' lists the running processes" });
  }
  // in place: sessions made earlier with sessionOf(pid) share this array and see the change
  const changed = update(pcb.permissions);
  if (changed) ctx.k.procs.save(pcb.pid);
  return changed;
}

export const sysSyscalls = [
  defineSyscall({
    name: 'sys.audit',
    summary: 'show the newest audit records (limit, principal)',
    usage: 'audit [-n N] [by WHO] | audit verify',
    examples: ['audit -n 20', 'audit by p3', 'audit verify'],
    args: lazyArgsSchema(() => ({ limit: z.int().min(1).max(10_000).optional(), principal: z.string().min(1).max(200).optional() })),
    permission: () => ({ action: 'sys.audit', resource: { kind: 'system' } }),
    handler: (a, ctx): SysResults['sys.audit'] => ({ records: ctx.k.security.records({ limit: a.limit ?? 20, ...(a.principal ? { principal: a.principal } : {}) }) }),
  }),
  defineSyscall({
    name: 'sys.auditVerify',
    summary: 'recompute the audit hash chain against its anchor; fails sys.auditBroken naming the first broken record',
    usage: 'audit verify',
    examples: ['audit verify'],
    args: lazyArgsSchema(() => ({})),
    permission: () => ({ action: 'sys.auditVerify', resource: { kind: 'system' } }),
    handler: (_a, ctx): SysResults['sys.auditVerify'] => {
      const v = ctx.k.security.verify();
      if (v.ok) return v;
      throw new NlshError('sys.auditBroken', `audit chain broken at record ${v.brokenAt ?? '?'}: ${v.reason ?? 'unknown'}`, {
        hint: 'the audit log or its anchor (audit.key, audit.head in the home) was changed outside nlsh; see docs/kernel.md',
        details: { ...v },
      });
    },
  }),
  defineSyscall({
    name: 'sys.grant',
    summary: 'give a process an extra permission (root only)',
    usage: 'grant PROC PERMISSION',
    examples: ['grant p2 fs.write:/data/**', 'grant p3 proc.kill:own'],
    args: grantArgs,
    refs: { pid: 'process' },
    permission: () => ({ action: 'sys.grant', resource: { kind: 'system' } }),
    handler: (a, ctx): SysResults['sys.grant'] => {
      const permission = checked(a.permission);
      const pcb = ctx.refs.process('pid');
      const changed = changePermissions(pcb, ctx, (list) => !list.includes(permission) && list.push(permission) > 0);
      return { process: processInfo(pcb), permission, changed };
    },
  }),
  defineSyscall({
    name: 'sys.revoke',
    summary: "take back a permission given with grant (root only; a role's defaults stay)",
    usage: 'revoke PROC PERMISSION',
    examples: ['revoke p2 fs.write:/data/**'],
    args: grantArgs,
    refs: { pid: 'process' },
    permission: () => ({ action: 'sys.revoke', resource: { kind: 'system' } }),
    handler: (a, ctx): SysResults['sys.revoke'] => {
      const permission = checked(a.permission);
      const pcb = ctx.refs.process('pid');
      const changed = changePermissions(pcb, ctx, (list) => {
        const i = list.indexOf(permission);
        if (i >= 0) list.splice(i, 1);
        return i >= 0;
      });
      return { process: processInfo(pcb), permission, changed };
    },
  }),
] as const;
