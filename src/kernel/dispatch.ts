// One dispatch() for every syscall (kernel layer): look up -> validate arguments (zod) -> may
// the caller use this syscall -> resolve its references once (resolve-refs.ts) -> check the
// permission(s) on the resolved objects -> run the handler -> write the audit record -> emit a 'syscall' event. Every
// call is audited, refused ones included. Expected failures come out as NlshError; anything
// else a handler throws becomes sys.internal; a PanicError (our own bug) propagates.
// Called by kernel.ts's Kernel.dispatch, i.e. by the shell, agents and library users.
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import { NlshError, PanicError, toNlshError } from '../base/errors.js';
import { resolveRefs } from './resolve-refs.js';
import { validateArgs } from './schema.js';
import type { KernelServices, Security } from './services.js';
import type { SyscallContext } from './syscall.js';
import type { SyscallTable } from './syscall-table.js';
import type { AuditRecord, KernelEvents, Session } from './types.js';

export interface DispatchOptions {
  /** Aborts long calls (Ctrl-C); handlers see it as ctx.signal. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label?: string) => void;
}

export interface DispatchDeps {
  table: SyscallTable;
  services: KernelServices;
  security: Pick<Security, 'check' | 'audit'>;
  events: Emitter<KernelEvents>;
  clock: Clock;
}

export type Dispatch = (name: string, args: unknown, session: Session, opts?: DispatchOptions) => Promise<unknown>;

const NEVER_ABORTED = new AbortController().signal;

/** Returns the dispatch function; each call resolves to the handler's result or rejects with an NlshError. */
export function createDispatcher(deps: DispatchDeps): Dispatch {
  const { table, security, events, clock } = deps;

  const record = (session: Session, syscall: string, args: unknown, outcome: AuditRecord['outcome'], errorCode?: string): void => {
    try {
      security.audit({
        at: clock.now(), principal: session.creds.principal, role: session.creds.role, syscall, args, outcome,
        ...(errorCode ? { errorCode } : {}),
      });
    } catch (err) {
      if (err instanceof PanicError) throw err;
      throw new NlshError('sys.auditFailed', `could not write the audit record for ${syscall}: ${(err as Error).message}`, {
        hint: 'check that the home directory is writable and not full',
        cause: err,
      });
    }
  };

  return async function dispatch(name, args, given, opts = {}) {
    const started = performance.now();
    const session = validSession(given);
    // library callers may pass anything; never let naming it throw
    const syscall = typeof name === 'string' ? name.slice(0, 100) : `(${Array.isArray(name) ? 'list' : typeof name})`;
    let stage: 'lookup' | 'args' | 'resolve' | 'permission' | 'handler' = 'lookup';
    try {
      if (session !== given) {
        throw new NlshError('sys.badSession', 'dispatch needs a session with credentials {principal, role, permissions}', {
          hint: 'use kernel.session() or kernel.sessionOf(pid)',
        });
      }
      const def = typeof name === 'string' ? table.lookup(name) : undefined;
      if (!def) {
        const near = table.nearest(syscall);
        throw new NlshError('sys.unknownSyscall', `there is no syscall '${syscall}'`, {
          hint: near.length ? `did you mean ${near.join(', ')}?` : "'help' lists the syscalls",
          details: { syscall, candidates: near },
        });
      }
      stage = 'args';
      const valid = validateArgs(def.name, def.args, args) as Record<string, unknown>;
      // two checks: may the caller use this syscall at all (its name, no object) — before any
      // resolution, so a refused caller learns nothing about paths or processes — and may it
      // do the action the call needs on the resolved objects (fs.mount needs fs.write on the mount point)
      stage = 'permission';
      security.check(session.creds, { action: def.name });
      stage = 'resolve';
      const refs = await resolveRefs(def, valid, deps.services, session);
      const ctx: SyscallContext = {
        k: deps.services,
        session,
        refs,
        signal: opts.signal ?? NEVER_ABORTED,
        progress: (done, total, label) => {
          opts.onProgress?.(done, total, label);
          if (events.has('progress')) events.emit('progress', { task: def.name, done, total, ...(label ? { label } : {}) });
        },
      };
      stage = 'permission';
      const req = await def.permission(valid, ctx);
      for (const r of Array.isArray(req) ? req : [req]) security.check(session.creds, r);
      stage = 'handler';
      const result: unknown = await def.handler(valid, ctx);
      record(session, def.name, valid, 'ok');
      emit(events, syscall, session, started, true);
      return result;
    } catch (err) {
      if (err instanceof PanicError) {
        try {
          record(session, syscall, args, 'error', 'sys.panic');
        } catch {
          // the panic is the news; a failing audit write must not hide it
        }
        throw err;
      }
      if (err instanceof NlshError && err.code === 'sys.auditFailed') throw err;
      const e = toNlshError(err);
      const outcome = stage === 'permission' && e.code.endsWith('.denied') ? 'denied' : 'error';
      record(session, syscall, args, outcome, e.code);
      emit(events, syscall, session, started, false, e.code);
      throw e;
    }
  };
}

const ROLES = new Set(['root', 'user', 'agent', 'system']);
const INVALID: Session = { creds: { principal: '(invalid session)', role: 'user', permissions: [] }, cwd: '/' };

/** The session when it is well-formed, else a placeholder to audit the refusal under. */
function validSession(s: unknown): Session {
  const c = (s as Session | undefined)?.creds;
  const ok = typeof c === 'object' && c !== null && typeof c.principal === 'string' && ROLES.has(c.role) &&
    Array.isArray(c.permissions) && c.permissions.every((p) => typeof p === 'string') && typeof (s as Session).cwd === 'string';
  return ok ? (s as Session) : INVALID;
}

function emit(events: Emitter<KernelEvents>, name: string, session: Session, started: number, ok: boolean, errorCode?: string): void {
  if (!events.has('syscall')) return;
  events.emit('syscall', {
    name, principal: session.creds.principal, ok, durationMs: performance.now() - started, ...(errorCode ? { errorCode } : {}),
  });
}
