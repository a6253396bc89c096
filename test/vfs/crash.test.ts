// SIGKILL in the middle of a mount, then restart: the store is consistent, the vector index
// is caught up from SQLite, and mounting again resumes where the killed one stopped. The
// child is a real `node` process running VectorFS transpiled on the fly from src/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO as repo, transpileClosure } from '../helpers/transpile.js';
import { ManualClock } from '../../src/base/clock.js';
import { openDatabase } from '../../src/base/sqlite.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { openVectorFS } from '../../src/vfs/vectorfs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CHILD = `
import { openDatabase } from './src/base/sqlite.js';
import { createHashEmbedder } from './src/embed/hash.js';
import { openVectorFS } from './src/vfs/vectorfs.js';
const [home, host] = process.argv.slice(2);
const db = openDatabase({ file: home + '/nlsh.db' });
const vfs = await openVectorFS({ db, embedder: createHashEmbedder(64), clock: { now: () => Date.now() }, allowedRoots: [host], indexDir: home });
void vfs.openReport; // loads the (empty) index: the write below goes through it and close() saves it
await vfs.write('/apps/before.txt', 'written and indexed before the mount');
vfs.close(); // saves the index file: what is committed after this is only in SQLite
await vfs.mount(host, '/mnt/corpus', { progress: (done) => { if (done % 100 === 0) process.stdout.write('progress ' + done + '\\n'); } });
process.stdout.write('finished\\n');
`;

describe('crash during mount', () => {
  it('SIGKILL mid-mount leaves a consistent store; restart catches the index up and a re-mount resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlsh-vfs-crash-'));
    dirs.push(dir);
    const code = join(dir, 'code');
    transpileClosure(join(repo, 'src/vfs/vectorfs.ts'), code);
    transpileClosure(join(repo, 'src/embed/hash.ts'), code);
    symlinkSync(join(repo, 'node_modules'), join(code, 'node_modules'));
    writeFileSync(join(code, 'child.mjs'), CHILD);
    const home = join(dir, 'home');
    const host = join(dir, 'corpus');
    const N = 4000;
    for (let d = 0; d < 40; d++) {
      mkdirSync(join(host, `d${d}`), { recursive: true });
      for (let i = 0; i < N / 40; i++) writeFileSync(join(host, `d${d}`, `f${i}.txt`), `document ${d}-${i} about topic ${(d * 7 + i) % 13}\n`);
    }
    mkdirSync(home);

    const child = spawn(process.execPath, [join(code, 'child.mjs'), home, host], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const killedAt = await new Promise<number>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /progress (\d+)/.exec(d.toString().trim().split('\n').pop() ?? '');
        if (m && Number(m[1]) >= 1500) {
          child.kill('SIGKILL');
          res(Number(m[1]));
        }
        if (d.toString().includes('finished')) rej(new Error('mount finished before it could be killed'));
      });
      child.on('exit', (c) => c !== null && rej(new Error(`child exited ${c}: ${err}`)));
    });
    await new Promise((r) => child.on('close', r));
    expect(killedAt).toBeGreaterThanOrEqual(1500);

    const db = openDatabase({ file: join(home, 'nlsh.db') });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO vfs_fts(vfs_fts) VALUES ('integrity-check')").run(); // throws if FTS disagrees with chunks
    const vfs = await openVectorFS({ db, embedder: createHashEmbedder(64), clock: new ManualClock(0), allowedRoots: [host], indexDir: home });
    expect(vfs.vectorIndex.loaded).toBe(false); // opening reads no index; the report below loads it
    const report = vfs.openReport;
    const st = vfs.stats();
    const files = (db.prepare("SELECT count(*) AS n FROM vfs_inodes WHERE kind = 'file' AND path LIKE '/mnt/corpus/%'").get() as { n: number }).n;
    expect(files).toBeGreaterThanOrEqual(500); // at least one batch was committed before the kill
    expect(files).toBeLessThan(N);
    expect(st.chunks).toBe(files + 1); // one chunk per file: no half-written file
    expect(report.source).toBe('loaded');
    expect(report.caughtUp).toEqual({ added: files, removed: 0 });
    expect(st.vectorsInIndex).toBe(st.chunks);
    expect(vfs.pendingMounts()).toEqual([{ host, at: '/mnt/corpus' }]);

    const r = await vfs.mount(host, '/mnt/corpus');
    expect(r.unchanged).toBe(files);
    expect(r.files).toBe(N - files);
    expect(vfs.pendingMounts()).toEqual([]);
    expect(vfs.stats().vectorsInIndex).toBe(N + 1);
    const hits = await vfs.grepMeaning('document 39-99', '/mnt/corpus', { limit: 1 });
    expect(hits[0]!.path).toBe('/mnt/corpus/d39/f99.txt');
    vfs.close();
    db.close();
  }, 60_000);
});
