// Fuzzes dispatch with random syscall names and random argument values: every call must
// settle, and every failure must be an NlshError (never a TypeError, never a crash).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NlshError } from '../../src/base/errors.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { bootKernel } from '../../src/kernel/kernel.js';
import type { SyscallDef } from '../../src/kernel/syscall.js';
import type { Session } from '../../src/kernel/types.js';
import { makeCore } from './core-kit.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Call = (name: string, args: unknown, s: Session) => Promise<unknown>;

/** Runs n random calls; returns how many succeeded and the error codes seen. Fails the test on any non-NlshError. */
async function fuzz(call: Call, defs: SyscallDef[], sessions: Session[], n: number, seed: number) {
  const rand = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const names = [...defs.map((d) => d.name), 'proc.nope', '', 'x'.repeat(300)];
  const fieldNames = [...new Set(defs.flatMap((d) => Object.keys(d.args.shape))), 'zzz', '__proto__', 'constructor'];
  const value = (depth: number): unknown => {
    switch (Math.floor(rand() * 14)) {
      case 0: return undefined;
      case 1: return null;
      case 2: return Math.floor(rand() * 40) - 10;
      case 3: return rand() * 1e9 - 5e8;
      case 4: return pick([NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2]);
      case 5: return pick(['p1', 'p2', '3', 'worker', '', ' ', 'the one that writes code', 'p99999999999999999999', '/apps', 'm1', 'notes.md']);
      case 6: return 'x'.repeat(Math.floor(rand() * 3000));
      case 7: return rand() < 0.5;
      case 8: return depth > 2 ? [] : Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      case 9: return depth > 2 ? {} : JSON.parse(`{"${pick(fieldNames)}": 1}`);
      case 10: return BigInt(7);
      case 11: return () => 1;
      case 12: return Symbol('s');
      default: return pick(['RUNNING', '/apps/**', '../..', '\u0000', '😀']);
    }
  };
  const argsOf = (): unknown => {
    const r = rand();
    if (r < 0.05) return value(0);
    const o: Record<string, unknown> = {};
    // defineProperty, as JSON.parse does: '__proto__' becomes an own key, not the prototype
    for (let i = Math.floor(rand() * 4); i > 0; i--) Object.defineProperty(o, pick(fieldNames), { value: value(0), enumerable: true, writable: true, configurable: true });
    return o;
  };
  const codes = new Map<string, number>();
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const name = rand() < 0.95 ? pick(names) : (value(0) as string);
    try {
      await call(name, argsOf(), pick(sessions));
      ok++;
    } catch (err) {
      expect(err, `call ${i} ${typeof name === 'string' ? name : typeof name}`).toBeInstanceOf(NlshError);
      const code = (err as NlshError).code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      expect(code, (err as Error).message).not.toBe('sys.internal');
    }
  }
  return { ok, codes };
}

describe('dispatch fuzz', () => {
  it('random names and arguments only ever produce results or NlshErrors (kernel core)', async () => {
    const { call, table, session, procs, security } = makeCore({ durableAudit: false });
    const { ok, codes } = await fuzz(call, table.list(), [session('alice'), session('root', 'root'), session('p1', 'agent'), session('bob')], 3000, 12345);
    // the fuzz reached past validation into handlers
    expect(ok).toBeGreaterThan(50);
    expect(procs.list({ includeTerminated: true }).length).toBeGreaterThan(0);
    expect([...codes.keys()]).toEqual(expect.arrayContaining(['sys.badArgs', 'sys.unknownSyscall']));
    expect(security.verify().ok).toBe(true);
  });

  it('the same holds for every syscall of a booted kernel (host-touching mount/export left out)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-fuzz-'));
    const k = await bootKernel({ inMemory: true, home: dir, embedder: createHashEmbedder(64), user: 'alice', allowedRoots: [dir], durableAudit: false, env: {} });
    try {
      await k.call('proc.spawn', { description: 'a worker that writes code' });
      await k.call('proc.spawn', { description: 'a reviewer' });
      const defs = k.listSyscalls().filter((d) => !['fs.mount', 'fs.export', 'agent.build'].includes(d.name));
      const s = (principal: string, role: Session['creds']['role']): Session => ({ creds: { principal, role, permissions: [] }, cwd: '/' });
      const sessions = [k.session(), s('root', 'root'), s('p1', 'agent'), s('bob', 'user')];
      const call: Call = (name, args, session) =>
        ['fs.mount', 'fs.export', 'agent.build'].includes(name) ? Promise.resolve() : k.dispatch(name, args, session);
      const { ok } = await fuzz(call, defs, sessions, 2000, 777);
      expect(ok).toBeGreaterThan(50);
      expect((await k.call('sys.auditVerify', {})).ok).toBe(true);
    } finally {
      await k.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
