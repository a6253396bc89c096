// sys.* syscalls (kernel layer): read and verify the hash-chained audit log. A broken chain
// is a failed call (sys.auditBroken, exit 1), so scripts and cron jobs notice. Registered by
// kernel.ts.
import { NlshError } from '../../base/errors.js';
import { objectSchema } from '../schema.js';
import { defineSyscall, type SyscallDef } from '../syscall.js';
import type { SyscallArgs } from '../syscall-args.js';
import type { AuditRecord } from '../types.js';

/** What each sys.* syscall returns. */
export interface SysResults {
  'sys.audit': { records: AuditRecord[] };
  'sys.auditVerify': { ok: boolean; records: number; brokenAt?: number; reason?: string };
}

export const sysSyscalls: SyscallDef[] = [
  defineSyscall<SyscallArgs['sys.audit'], SysResults['sys.audit']>({
    name: 'sys.audit',
    summary: 'show the newest audit records (limit, principal)',
    args: objectSchema({
      limit: { type: 'integer', minimum: 1, maximum: 10_000 },
      principal: { type: 'string', minLength: 1, maxLength: 200 },
    }),
    permission: () => ({ action: 'sys.audit', resource: { kind: 'system' } }),
    handler: (a, ctx) => ({ records: ctx.k.security.records({ limit: a.limit ?? 20, ...(a.principal ? { principal: a.principal } : {}) }) }),
  }),
  defineSyscall<SyscallArgs['sys.auditVerify'], SysResults['sys.auditVerify']>({
    name: 'sys.auditVerify',
    summary: 'recompute the audit hash chain against its anchor; fails sys.auditBroken naming the first broken record',
    args: objectSchema({}),
    permission: () => ({ action: 'sys.auditVerify', resource: { kind: 'system' } }),
    handler: (_a, ctx) => {
      const v = ctx.k.security.verify();
      if (v.ok) return v;
      throw new NlshError('sys.auditBroken', `audit chain broken at record ${v.brokenAt ?? '?'}: ${v.reason ?? 'unknown'}`, {
        hint: 'the audit log or its anchor (audit.key, audit.head in the home) was changed outside nlsh; see docs/kernel.md',
        details: { ...v },
      });
    },
  }),
];
