// Lazy process contexts: after a restart a process's turns stay in SQLite until something
// reads them (ps counts them without loading); once read they are the turns that were saved;
// a state change of a process whose turns were never loaded keeps them; a v1 home (turns
// inline in the PCB JSON) is migrated. Vpids load together, on the first semantic reference.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/base/sqlite.js';
import { migrate } from '../../src/base/sqlite.js';
import { KERNEL_MIGRATIONS } from '../../src/kernel/kernel-store.js';
import { loadedContent, vpidLoaded } from '../../src/kernel/lazy-pcb.js';
import { processInfo } from '../../src/kernel/syscalls/proc.js';
import { makeCore } from './core-kit.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const dbFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'nlsh-lazyctx-'));
  dirs.push(dir);
  return join(dir, 'nlsh.db');
};
const turn = (i: number) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `turn ${i}`, tokens: 2, at: i });

describe('lazy process contexts', () => {
  it('load on first read after a restart, with ps counting turns without loading them', async () => {
    const file = dbFile();
    const first = makeCore({ file });
    const a = await first.procs.spawn({ description: 'writes python code', owner: 'alice' });
    await first.procs.spawn({ description: 'reviews pull requests', owner: 'alice' });
    a.contextWindow.content.push(turn(0), turn(1), turn(2));
    a.contextWindow.currentLength = 6;
    first.procs.save(a.pid, 'context');
    first.db.close();

    const second = makeCore({ file });
    const a2 = second.procs.get('p1')!;
    expect(loadedContent(a2.contextWindow)).toBeUndefined();
    expect(processInfo(a2).contextWindow).toEqual({ maxLength: a.contextWindow.maxLength, currentLength: 6, turns: 3 });
    expect(loadedContent(a2.contextWindow)).toBeUndefined(); // ps did not load it
    expect(a2.contextWindow.content).toEqual([turn(0), turn(1), turn(2)]);
    expect(loadedContent(a2.contextWindow)).toHaveLength(3);
    second.db.close();
  });

  it('a process changed without its turns being loaded keeps them; turns added after loading are saved', async () => {
    const file = dbFile();
    const first = makeCore({ file });
    const a = await first.procs.spawn({ description: 'plans the work', owner: 'alice' });
    a.contextWindow.content.push(turn(0));
    first.procs.save(a.pid, 'context');
    first.db.close();

    const second = makeCore({ file });
    second.procs.setPriority('p1', 4);
    second.procs.transition('p1', 'SUSPENDED');
    second.db.close();

    const third = makeCore({ file });
    const a3 = third.procs.get('p1')!;
    expect(a3).toMatchObject({ priority: 4, state: 'SUSPENDED' });
    a3.contextWindow.content.push(turn(1));
    third.procs.save('p1', 'context');
    third.db.close();

    const fourth = makeCore({ file });
    expect(fourth.procs.get('p1')!.contextWindow.content).toEqual([turn(0), turn(1)]);
    fourth.db.close();
  });

  it('vpids are not read at boot, and a reference by meaning still finds the process after a restart', async () => {
    const file = dbFile();
    const first = makeCore({ file });
    await first.procs.spawn({ description: 'writes python code', owner: 'alice' });
    await first.procs.spawn({ description: 'reviews pull requests', owner: 'alice' });
    first.db.close();
    const second = makeCore({ file });
    const p2 = second.procs.get('p2')!;
    expect(vpidLoaded(p2)).toBe(false);
    expect((await second.procs.resolve('the one that reviews pull requests')).pid).toBe('p2');
    expect(p2.vpid).toHaveLength(64);
    expect(vpidLoaded(second.procs.get('p1')!)).toBe(true); // loaded together, in one query
    second.db.close();
  });

  it('a home of schema v1 (turns inside the PCB JSON) is migrated with its turns intact', async () => {
    const file = dbFile();
    const db = openDatabase({ file });
    migrate(db, 'kernel', KERNEL_MIGRATIONS.slice(0, 1));
    const old = makeCore({ db: openDatabase({ file: ':memory:' }) });
    const p = await old.procs.spawn({ description: 'summarises papers', owner: 'alice' });
    const { vpid, ...rest } = p;
    rest.contextWindow = { ...p.contextWindow, content: [turn(0), turn(1)] };
    db.prepare('INSERT INTO processes(pid, num, state, name, owner, pcb, vpid) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('p1', 1, 'RUNNING', p.name, 'alice', JSON.stringify(rest), Buffer.from(Float32Array.from(vpid).buffer));
    db.close();

    const core = makeCore({ file });
    const p1 = core.procs.get('p1')!;
    expect(processInfo(p1).contextWindow.turns).toBe(2);
    expect(loadedContent(p1.contextWindow)).toBeUndefined();
    expect(p1.contextWindow.content).toEqual([turn(0), turn(1)]);
    const row = core.db.prepare('SELECT pcb FROM processes').get() as { pcb: string };
    expect(JSON.parse(row.pcb).contextWindow).toEqual({ maxLength: p.contextWindow.maxLength, currentLength: 0, turns: 2 });
    core.db.close();
  });

  it('a home of schema v2 gets its context sizes as columns (v3), so the census sums them without the JSON', async () => {
    const file = dbFile();
    const db = openDatabase({ file });
    migrate(db, 'kernel', KERNEL_MIGRATIONS.slice(0, 2));
    const old = makeCore({ db: openDatabase({ file: ':memory:' }) });
    const p = await old.procs.spawn({ description: 'summarises papers', owner: 'alice' });
    const { vpid, ...rest } = p;
    rest.contextWindow = { maxLength: 900, currentLength: 120, turns: 1 } as never;
    db.prepare('INSERT INTO processes(pid, num, state, name, owner, pcb, vpid, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('p1', 1, 'RUNNING', p.name, 'alice', JSON.stringify(rest), Buffer.from(Float32Array.from(vpid).buffer), JSON.stringify([turn(0)]));
    db.close();

    const core = makeCore({ file });
    expect(core.db.prepare('SELECT ctx_used, ctx_max FROM processes').get()).toEqual({ ctx_used: 120, ctx_max: 900 });
    expect(core.procs.census()).toMatchObject({ total: 1, contextUsed: 120, contextMax: 900 });
    expect(core.procs.get('p1')!.contextWindow.content).toEqual([turn(0)]);
    core.db.close();
  });
});
