// fs.* syscalls through dispatch: argument shapes, permissions, results, semantic references.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { openDatabase, type Db } from '../../src/base/sqlite.js';
import { createHashEmbedder } from '../../src/embed/hash.js';
import { createDispatcher } from '../../src/kernel/dispatch.js';
import { migrateKernel } from '../../src/kernel/kernel-store.js';
import { createSecurity } from '../../src/kernel/security.js';
import type { KernelServices } from '../../src/kernel/services.js';
import { createSyscallTable } from '../../src/kernel/syscall-table.js';
import { fsSyscalls, factName } from '../../src/kernel/syscalls/fs.js';
import { fsHostSyscalls } from '../../src/kernel/syscalls/fs-host.js';
import { fsSearchSyscalls } from '../../src/kernel/syscalls/fs-search.js';
import type { KernelEvents, Role, Session } from '../../src/kernel/types.js';
import { openVectorFS } from '../../src/vfs/vectorfs.js';
import type { VectorFS } from '../../src/vfs/types.js';
import { rejection } from '../helpers/rejection.js';

let dir: string;
let db: Db;
let vfs: VectorFS;
let services: KernelServices;
let call: (name: string, args: unknown, s?: Session) => Promise<unknown>;
let session: Session;
const as = (principal: string, role: Role): Session => ({ creds: { principal, role, permissions: [] }, cwd: '/' });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nlsh-fs-'));
  db = openDatabase({ file: join(dir, 'nlsh.db') });
  migrateKernel(db);
  const clock = new ManualClock(1_000);
  const events = new Emitter<KernelEvents>();
  const embedder = createHashEmbedder(64);
  vfs = await openVectorFS({ db, embedder, clock, allowedRoots: [join(dir, 'allowed')], indexDir: dir });
  mkdirSync(join(dir, 'allowed'));
  const security = createSecurity({ db, clock, ownerOf: () => undefined, durableAudit: true });
  const table = createSyscallTable();
  table.register(...fsSyscalls, ...fsSearchSyscalls, ...fsHostSyscalls);
  services = { clock, db, home: dir, events, embedder, llm: null, security, vfs } as unknown as KernelServices;
  const dispatch = createDispatcher({ table, services, security, events, clock });
  session = as('alice', 'user');
  call = (name, args, s = session) => dispatch(name, args, s);
});
afterEach(() => {
  vfs.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const failure = async (p: Promise<unknown>): Promise<string> => (await rejection(p)).code;

describe('fs syscalls', () => {
  it('pwd and cd move the session cwd; cd to a file fails with fs.notDir', async () => {
    expect(await call('fs.pwd', {})).toEqual({ cwd: '/' });
    expect(await call('fs.cd', { path: 'knowledge/facts' })).toEqual({ cwd: '/knowledge/facts' });
    expect(session.cwd).toBe('/knowledge/facts');
    expect(await call('fs.cd', { path: '..' })).toEqual({ cwd: '/knowledge' });
    await call('fs.write', { path: '/apps/f.txt', content: 'x' });
    expect(await failure(call('fs.cd', { path: '/apps/f.txt' }))).toBe('fs.notDir');
    expect(session.cwd).toBe('/knowledge');
  });

  it('echo > and >> write and append relative to the cwd; cat returns the content', async () => {
    await call('fs.cd', { path: '/apps' });
    expect(await call('fs.write', { path: 'note.md', content: 'one\n' })).toEqual({ path: '/apps/note.md', bytes: 4 });
    await call('fs.write', { path: 'note.md', content: 'two\n', append: true });
    expect(await call('fs.cat', { path: 'note.md' })).toEqual({ path: '/apps/note.md', content: 'one\ntwo\n' });
  });

  it('ls lists entries with the contract shape, and mkdir/rm/mv/cp report theirs', async () => {
    expect(await call('fs.mkdir', { path: '/apps/web/src', parents: true })).toEqual({ path: '/apps/web/src' });
    await call('fs.write', { path: '/apps/web/src/a.ts', content: 'export const a = 1;\n' });
    const ls = (await call('fs.ls', { path: '/apps/web/src' })) as { cwd: string; entries: unknown[] };
    expect(ls.cwd).toBe('/');
    expect(ls.entries).toEqual([{ name: 'a.ts', path: '/apps/web/src/a.ts', kind: 'file', size: 20 }]);
    expect(await call('fs.cp', { from: '/apps/web', to: '/apps/web2', recursive: true })).toEqual({ from: '/apps/web', to: '/apps/web2' });
    expect(await call('fs.mv', { from: '/apps/web2/src/a.ts', to: '/apps' })).toEqual({ from: '/apps/web2/src/a.ts', to: '/apps/a.ts' });
    expect(await call('fs.rm', { path: '/apps/web', recursive: true })).toEqual({ removed: 3 });
    const tree = (await call('fs.tree', { path: '/apps' })) as { root: string; lines: string[] };
    expect(tree).toEqual({ root: '/apps', lines: ['/apps/', '├── a.ts', '└── web2/', '    └── src/'] });
  });

  it('grep returns path:line hits; -l returns each file once', async () => {
    await call('fs.write', { path: '/apps/a.txt', content: 'alpha\nbeta alpha\n' });
    await call('fs.write', { path: '/apps/b.txt', content: 'gamma\n' });
    const r = (await call('fs.grep', { pattern: 'alpha', path: '/apps' })) as { hits: { path: string; line: number; text: string }[] };
    expect(r.hits).toEqual([
      { path: '/apps/a.txt', line: 1, text: 'alpha' },
      { path: '/apps/a.txt', line: 2, text: 'beta alpha' },
    ]);
    expect(((await call('fs.grep', { pattern: 'a', path: '/apps', filesOnly: true })) as { files: string[] }).files).toEqual(['/apps/a.txt', '/apps/b.txt']);
  });

  it('embed stores a fact under /knowledge/facts that search then finds', async () => {
    const text = 'The capital of France is Paris';
    expect(await call('fs.embed', { text })).toEqual({ path: `/knowledge/facts/${factName(text)}` });
    await call('fs.embed', { text: 'Water boils at 100 degrees Celsius' });
    const r = (await call('fs.search', { query: 'capital of France' })) as { hits: { path: string; score: number }[] };
    expect(r.hits[0]!.path).toBe(`/knowledge/facts/${factName(text)}`);
    expect(r.hits[0]!.score).toBeGreaterThan(0);
  });

  it('grep meaning returns hits with path, line, score and text', async () => {
    await call('fs.write', { path: '/apps/x.md', content: 'intro\n\nthe quick brown fox jumps\n' });
    const r = (await call('fs.grepMeaning', { query: 'brown fox', path: '/apps' })) as { hits: Record<string, unknown>[] };
    expect(r.hits[0]).toMatchObject({ path: '/apps/x.md', line: 1 });
    expect(Object.keys(r.hits[0]!).sort()).toEqual(['line', 'path', 'score', 'text']);
  });

  it('an agent may write in its workspace but not under /apps or /knowledge unless granted (fs.denied, nothing written)', async () => {
    const agent = as('p7', 'agent');
    await call('fs.mkdir', { path: '/agents/p7' }, agent);
    await call('fs.write', { path: '/agents/p7/ok.txt', content: 'x' }, agent);
    expect(await failure(call('fs.write', { path: '/apps/no.txt', content: 'x' }, agent))).toBe('fs.denied');
    expect(await failure(call('fs.write', { path: '/knowledge/no.txt', content: 'x' }, agent))).toBe('fs.denied');
    expect(vfs.stat('/knowledge/no.txt')).toBeUndefined();
    expect(vfs.stat('/apps/no.txt')).toBeUndefined();
    expect(await failure(call('fs.mv', { from: '/agents/p7/ok.txt', to: '/knowledge/ok.txt' }, agent))).toBe('fs.denied');
    expect(vfs.stat('/agents/p7/ok.txt')).toBeDefined();
    const granted = { ...agent, creds: { ...agent.creds, permissions: ['fs.write:/apps/**'] } };
    await call('fs.write', { path: '/apps/ok.txt', content: 'x' }, granted);
    expect(vfs.cat('/apps/ok.txt')).toBe('x');
  });

  it('empty and 1 MB queries, and bad paths, fail with clear codes', async () => {
    expect(await failure(call('fs.grepMeaning', { query: '   ' }))).toBe('fs.emptyQuery');
    expect(await failure(call('fs.grepMeaning', { query: 'x'.repeat(1 << 20) }))).toBe('fs.queryTooLong');
    expect(await failure(call('fs.search', { query: 'y'.repeat((1 << 20) + 1) }))).toBe('sys.badArgs');
    expect(await failure(call('fs.cat', { path: '/no/such' }))).toBe('fs.notFound');
    expect(await failure(call('fs.ls', { path: 'a\u0000b' }))).toBe('fs.badPath');
    expect(await failure(call('fs.rm', { path: '/' , recursive: true}))).toBe('fs.denied');
  });

  it('mount imports only under allowed roots; export writes back out', async () => {
    const host = join(dir, 'allowed', 'docs');
    mkdirSync(host);
    writeFileSync(join(host, 'readme.md'), '# Hello\n\nworld\n');
    expect(await failure(call('fs.mount', { host: dir, at: '/mnt/all' }))).toBe('fs.outsideRoots');
    symlinkSync(dir, join(dir, 'allowed', 'escape'));
    expect(await failure(call('fs.mount', { host: join(dir, 'allowed', 'escape'), at: '/mnt/esc' }))).toBe('fs.outsideRoots');
    const rep = (await call('fs.mount', { host })) as { root: string; files: number };
    expect(rep).toMatchObject({ root: '/mnt/docs', files: 1 });
    expect(((await call('fs.cat', { path: '/mnt/docs/readme.md' })) as { content: string }).content).toBe('# Hello\n\nworld\n');
    const out = join(dir, 'allowed', 'out');
    expect(await call('fs.export', { path: '/mnt/docs', host: out })).toEqual({ files: 1, bytes: 15, host: out });
    expect(readFileSync(join(out, 'readme.md'), 'utf8')).toBe('# Hello\n\nworld\n');
    expect(await failure(call('fs.export', { path: '/mnt/docs', host: join(dir, 'elsewhere') }))).toBe('fs.outsideRoots');
  });

  it('quoted descriptions work where a path is expected (ls "..." names a directory)', async () => {
    await call('fs.mkdir', { path: '/three/engines', parents: true });
    await call('fs.write', { path: '/three/engines/v8.md', content: 'diesel engine pistons and crankshaft' });
    const ls = (await call('fs.ls', { path: '"diesel engine pistons"' })) as { path: string; entries: { name: string }[] };
    expect(ls.path).toBe('/three/engines');
    expect(ls.entries.map((e) => e.name)).toEqual(['v8.md']);
    expect(((await call('fs.cat', { path: '"diesel engine pistons"' })) as { path: string }).path).toBe('/three/engines/v8.md');
  });

  it('cd to an ambiguous description goes to the best match and reports the candidates; rm refuses with fs.ambiguous', async () => {
    vfs.close();
    // a margin of 1 makes any two unrelated directories "equally close", deterministically
    vfs = await openVectorFS({ db, embedder: createHashEmbedder(64), clock: new ManualClock(0), allowedRoots: [], indexDir: dir, semantic: { margin: 1 } });
    services.vfs = vfs;
    await call('fs.mkdir', { path: '/recipes' });
    await call('fs.write', { path: '/recipes/soup.md', content: 'tomato soup recipe with basil' });
    const cd = (await call('fs.cd', { path: '"tomato soup recipe"' })) as { cwd: string; score: number; candidates: { path: string }[] };
    expect(cd.candidates.length).toBeGreaterThan(1);
    expect(cd.cwd).toBe(cd.candidates[0]!.path);
    expect(session.cwd).toBe(cd.cwd);
    expect(await failure(call('fs.rm', { path: '"tomato soup recipe"', recursive: true }))).toBe('fs.ambiguous');
    expect(vfs.stat('/recipes/soup.md')).toBeDefined();
  });

  it('unknown arguments are refused with sys.badArgs', async () => {
    expect(await failure(call('fs.ls', { path: '/', bogus: 1 }))).toBe('sys.badArgs');
  });
});
