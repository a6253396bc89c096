import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../src/base/sqlite.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { bootKernel } from '../../src/kernel/kernel.js';
import { lockHolder, lockPath } from '../../src/kernel/home-lock.js';
import { openObserver } from '../../src/kernel/observer.js';
import { sourceFromObserver } from '../../src/tui/top/observer-source.js';
import { TopSampler } from '../../src/tui/top/top-sampler.js';

const homes: string[] = [];
const newHome = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'nlsh-lock-'));
  homes.push(h);
  return h;
};
const boot = (h: string) => bootKernel({ home: h, embedder: createHashEmbedder(64), user: 'alice', allowedRoots: [h], env: {} });

afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

describe('one writer per home', () => {
  it('a second kernel on a home in use fails with sys.homeLocked naming the holder, and boots once the first closes', async () => {
    const home = newHome();
    const first = await boot(home);
    expect(lockHolder(home)).toBe(process.pid);
    await expect(boot(home)).rejects.toMatchObject({ code: 'sys.homeLocked', details: { pid: process.pid } });
    await first.close();
    expect(existsSync(lockPath(home))).toBe(false);
    const second = await boot(home);
    await second.close();
  });

  it('a lock left by a process that died is taken over', async () => {
    const home = newHome();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lockPath(home), `${dead}\n`);
    expect(lockHolder(home)).toBeNull();
    const k = await boot(home);
    expect(lockHolder(home)).toBe(process.pid);
    await k.close();
  });

  it('a lock whose pid was reused by another process (different start time) is taken over', async () => {
    const home = newHome();
    const boot0 = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    writeFileSync(lockPath(home), `${process.pid} 1 ${boot0}\n`); // the pid is alive (it is us) but that process started at tick 1
    expect(lockHolder(home)).toBeNull();
    const k = await boot(home);
    expect(lockHolder(home)).toBe(process.pid);
    await k.close();
  });

  it('deleting the lock file under a running owner does not let a second writer in', async () => {
    const home = newHome();
    await (await boot(home)).close();
    // another nlsh is running this home: it is recorded in the database, and someone deletes its lock file
    const other = spawn('sleep', ['30']);
    onTestFinished(() => { other.kill(); });
    const stat = readFileSync(`/proc/${other.pid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
    const boot0 = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const db = openDatabase({ file: join(home, 'nlsh.db') });
    db.prepare('UPDATE home_owner SET pid = ?, start = ?, boot = ? WHERE id = 1').run(other.pid, start, boot0);
    db.close();
    expect(existsSync(lockPath(home))).toBe(false);
    await expect(boot(home)).rejects.toMatchObject({ code: 'sys.homeLocked', details: { pid: other.pid } });
    expect(lockHolder(home)).toBe(other.pid); // the owner got its lock file back
    other.kill();
    await new Promise((r) => other.once('exit', r));
    unlinkSync(lockPath(home));
    const k = await boot(home); // once it is gone the home is free again
    await k.close();
  });

  it('an in-memory kernel takes no lock', async () => {
    const home = newHome();
    const a = await bootKernel({ home, inMemory: true, embedder: createHashEmbedder(64), env: {} });
    const b = await bootKernel({ home, inMemory: true, embedder: createHashEmbedder(64), env: {} });
    expect(existsSync(lockPath(home))).toBe(false);
    await a.close();
    await b.close();
  });
});

describe('watching a home another kernel owns', () => {
  it('the observer sees its processes and message traffic, read-only, while it holds the lock', async () => {
    const home = newHome();
    const k = await boot(home);
    await k.call('proc.spawn', { description: 'a code reviewer', name: 'reviewer' });
    await k.call('proc.spawn', { description: 'an architect', name: 'architect' });
    await k.call('ipc.send', { to: 'reviewer', message: 'please review the login handler' });
    await k.call('ipc.broadcast', { message: 'standup in five minutes' });

    const source = sourceFromObserver(openObserver(home), { now: () => Date.now() });
    const sampler = new TopSampler(source);
    let snap = sampler.sample();
    expect(snap.processes.map((p) => p.name)).toEqual(['reviewer', 'architect']);
    expect(snap.feed.map((m) => [m.from, m.to, m.type, m.excerpt])).toEqual([
      ['alice', 'reviewer', 'REQUEST', 'please review the login handler'],
      ['alice', '*', 'BROADCAST', 'standup in five minutes'],
    ]);
    expect(snap.tiers.map((t) => t.tier)).toEqual(['L1', 'L2', 'L3', 'semanticRAM', 'semanticDisk']);

    // Later changes in the owner show on the next refresh.
    await k.call('proc.kill', { pid: 'architect' });
    await k.call('ipc.send', { to: 'reviewer', message: 'and the logout one' });
    snap = sampler.sample();
    expect(snap.processes.find((p) => p.name === 'architect')?.state).toBe('TERMINATED');
    expect(snap.counts).toEqual({ total: 2, byState: { RUNNING: 1, TERMINATED: 1 } });
    expect(source.processes({ limit: 1 }).map((p) => p.name)).toEqual(['reviewer']); // one screen reads a page
    expect(snap.tiers[0]).toMatchObject({ used: k.services.procs.census().contextUsed, capacity: k.services.procs.census().contextMax });
    expect(snap.feed.at(-1)?.excerpt).toBe('and the logout one');
    expect(snap.feed).toHaveLength(3);

    // Tokens the owner charges show as throughput here; tier counters it keeps in memory are marked unknown, not 0.
    const reviewer = k.services.procs.list().find((p) => p.name === 'reviewer')!;
    k.services.resources.consume(reviewer.pid, 900);
    snap = sampler.sample();
    expect(snap.metrics.find((m) => m.name === 'tokensPerSec')!.value).toBeGreaterThan(0);
    expect(snap.tiers.every((t) => t.countersUnknown === true)).toBe(true);
    sampler.close();
    source.close();
    expect(lockHolder(home)).toBe(process.pid);
    await k.close();
  });

  it('observing a home with no database fails with sys.noHome', () => {
    expect(() => openObserver(newHome())).toThrow(expect.objectContaining({ code: 'sys.noHome' }));
  });
});
