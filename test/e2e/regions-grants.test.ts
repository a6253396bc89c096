// The built program with the syscalls added by the descriptors (`node bin/nlsh -c ... --json`):
// region contents through `mem write` / `mem read`, `ps -l`, `help for PROC`, and `grant`
// refused to a non-root user with exit 1. A temp --home and the hash embedder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-regions-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function nlsh(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'nlsh'), '--home', home, '--embedder', 'hash', ...args], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: join(home, 'xdg') }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; syscall?: { name: string; args: unknown }; result?: Record<string, unknown>; error?: { code: string } });

describe('regions, ps -l and grants in the built program', { timeout: 120_000 }, () => {
  it('mem write / append / read go through the kernel; ps -l shows the workspace grant; grant is refused to a user', () => {
    const r = nlsh(['--json', '--keep-going', '-c',
      'spawn "a note taker" --name notes; malloc "shared notes"; mem write m1 "first"; mem append m1 "second"; mem read m1; share m1 with notes; ps -l; grant notes fs.write:/data/**']);
    const out = lines(r.out);
    expect(out.map((o) => o.syscall?.name)).toEqual(['proc.spawn', 'mem.malloc', 'mem.write', 'mem.write', 'mem.read', 'mem.share', 'proc.ps', 'sys.grant']);
    expect(out[3]!.syscall!.args).toEqual({ id: 'm1', content: 'second', append: true });
    expect(out[4]!.result).toMatchObject({ content: 'first\nsecond' });
    const ps = out[6]!.result as { processes: { pid: string; grants: string[] }[] };
    expect(ps.processes[0]!.grants).toContain(`fs.write:/agents/${ps.processes[0]!.pid}/**`);
    expect(out[7]).toMatchObject({ ok: false, error: { code: 'sys.denied' } });
    expect(r.code).toBe(1);
  });

  it('help for a process lists what it may use; plain ls shows its workspace', () => {
    const r = nlsh(['-c', 'help for notes; ls /agents']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^p1 \(notes, agent\) may use these commands/m);
    expect(r.out).not.toMatch(/^\s+mount HOSTDIR/m);
    expect(r.out).toMatch(/^p1\/$/m);
  });
});
