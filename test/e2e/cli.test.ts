// The built program, run as users run it (`node bin/nlsh ...`, built into dist/ by `npm run
// build`): pipes, script files, -c, --json, exit codes, confirmation, dry runs, colour, config,
// completion, and what a run loads. Every run uses a temp --home and the hash embedder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'nlsh');
let home = '';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'nlsh.js'))) throw new Error('dist/bundle/ is missing: run `npm run build` first (npm test does)');
  home = mkdtempSync(join(tmpdir(), 'nlsh-e2e-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Run { code: number | null; out: string; err: string }

function nlsh(args: string[], opts: { input?: string; env?: Record<string, string>; node?: string[]; home?: string | null } = {}): Run {
  const h = opts.home === undefined ? home : opts.home;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined, NLSH_EMBEDDER: 'hash', XDG_CONFIG_HOME: join(home, 'xdg-config'), ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...(h ? ['--home', h] : []), ...args], {
    cwd: ROOT, input: opts.input ?? '', env, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const jsonLines = (out: string): Record<string, unknown>[] => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

// each test spawns node several times; on a loaded 2-core CI machine that takes a while
describe('nlsh, the built program', { timeout: 120_000 }, () => {
  it('--version prints the package version and exits 0', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = nlsh(['--version'], { home: null });
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });

  it('-c runs each command and prints plain results', () => {
    const r = nlsh(['-c', 'pwd; mkdir /knowledge/ml "machine learning"; ls /knowledge']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('/');
    expect(r.out).toContain('ml/');
    expect(r.err).toBe('');
  });

  it('state persists in the home between runs', () => {
    nlsh(['-c', 'echo "kept between runs" > /context/kept.md']);
    expect(nlsh(['-c', 'cat /context/kept.md']).out).toBe('kept between runs\n');
  });

  it('a pipe runs stdin line by line and stops at the first failure with exit 1', () => {
    const r = nlsh([], { input: 'pwd\ncat /no/such/file\npwd\n' });
    expect(r.code).toBe(1);
    expect(r.out).toBe('/\n');
    expect(r.err).toMatch(/^<stdin>:2: .*\(fs\.notFound\)\nhint: /m);
  });

  it('--keep-going runs every line and still exits 1', () => {
    const r = nlsh(['--keep-going'], { input: 'pwd\ncat /no/such/file\npwd\n' });
    expect(r.code).toBe(1);
    expect(r.out).toBe('/\n/\n');
  });

  it("'-' reads the script from stdin", () => {
    expect(nlsh(['-'], { input: 'pwd\n' })).toMatchObject({ code: 0, out: '/\n' });
  });

  it('a script file runs with comments and ; and reports its failure', () => {
    const file = join(home, 'ok.nl');
    writeFileSync(file, '# a script\nmkdir /apps/s1; cd /apps/s1\npwd\n');
    expect(nlsh([file])).toMatchObject({ code: 0, out: 'created /apps/s1\n/apps/s1\n' });
  });

  it('--json prints one contract object per command', () => {
    const r = nlsh(['--json', '--keep-going', '-c', 'pwd; ls /; cat /nope']);
    expect(r.code).toBe(1);
    const [pwd, ls, cat] = jsonLines(r.out);
    expect(pwd).toEqual({ input: 'pwd', ok: true, syscall: { name: 'fs.pwd', args: {} }, result: { cwd: '/' } });
    expect(ls).toMatchObject({ input: 'ls /', ok: true, syscall: { name: 'fs.ls' } });
    const entries = (ls!.result as { entries: { name: string; path: string; kind: string }[] }).entries;
    expect(entries.find((e) => e.name === 'knowledge')).toMatchObject({ path: '/knowledge', kind: 'dir' });
    expect(cat).toMatchObject({ input: 'cat /nope', ok: false, error: { code: 'fs.notFound' } });
    expect(typeof (cat!.error as { message: string }).message).toBe('string');
  });

  it('a destructive command in a script needs -y: without it exit 1 and shell.needsConfirmation, with it carried out', () => {
    nlsh(['-c', 'echo "x" > /context/doomed.md']);
    const no = nlsh(['--json', '-c', 'rm /context/doomed.md']);
    expect(no.code).toBe(1);
    expect(jsonLines(no.out)[0]).toMatchObject({ ok: false, error: { code: 'shell.needsConfirmation', hint: expect.stringContaining('-y') } });
    expect(nlsh(['-c', 'cat /context/doomed.md']).code).toBe(0);
    expect(nlsh(['-y', '-c', 'rm /context/doomed.md']).code).toBe(0);
    expect(nlsh(['-c', 'cat /context/doomed.md']).code).toBe(1);
  });

  it('--dry-run prints each syscall and what its references resolve to, and carries out nothing', () => {
    const r = nlsh(['--dry-run', '-c', 'mkdir /apps/never; spawn "a dry agent"; ls /knowledge']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('-> fs.mkdir {"path":"/apps/never"}\n-> proc.spawn {"description":"a dry agent"}\n-> fs.ls {"path":"/knowledge"}\n   path = /knowledge\n');
    expect(nlsh(['-c', 'ls /apps/never']).code).toBe(1);
    expect(nlsh(['--json', '-c', 'ps']).out).not.toContain('a dry agent');
    const missing = nlsh(['--dry-run', '--json', '-c', 'kill p99']);
    expect(missing.code).toBe(1);
    expect(jsonLines(missing.out)[0]).toMatchObject({ ok: false, syscall: { name: 'proc.kill' }, error: { code: 'proc.notFound' } });
  });

  it('a usage error exits 2; a missing script file exits 2', () => {
    expect(nlsh(['--no-such-flag']).code).toBe(2);
    const r = nlsh([join(home, 'missing.nl')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read script');
  });

  it('a line nlsh cannot understand fails with a helpful error, not a guess', () => {
    const r = nlsh(['--json', '-c', 'frobnicate the quux']);
    expect(r.code).toBe(1);
    const [o] = jsonLines(r.out);
    expect(o).toMatchObject({ ok: false });
    expect((o!.error as { code: string }).code).toMatch(/^shell\./);
  });

  it('no ANSI codes in a pipe or with NO_COLOR; FORCE_COLOR turns colour on', () => {
    const plain = nlsh(['-c', 'cat /nope']);
    expect(plain.err).not.toMatch(/\u001b\[/);
    expect(nlsh(['-c', 'cat /nope'], { env: { NO_COLOR: '1', FORCE_COLOR: undefined as unknown as string } }).err).not.toMatch(/\u001b\[/);
    expect(nlsh(['-c', 'cat /nope'], { env: { FORCE_COLOR: '1' } }).err).toMatch(/\u001b\[/);
    expect(nlsh(['--no-color', '-c', 'cat /nope'], { env: { FORCE_COLOR: '1' } }).err).not.toMatch(/\u001b\[/);
  });

  it('config set/get/unset/list/path live under --home', () => {
    expect(nlsh(['config', 'path']).out.trim()).toBe(join(home, 'config.json'));
    expect(nlsh(['config', 'set', 'model', 'llama3.2']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toMatchObject({ model: 'llama3.2' });
    expect(nlsh(['config', 'get', 'model']).out).toBe('llama3.2\n');
    expect(nlsh(['config', 'get', 'model'], { env: { NLSH_MODEL: 'from-env' } }).out).toBe('from-env\n');
    expect(nlsh(['--model', 'from-flag', 'config', 'get', 'model'], { env: { NLSH_MODEL: 'from-env' } }).out).toBe('from-flag\n');
    expect(nlsh(['config', 'list']).out).toMatch(/^model\s+llama3\.2\s+\(file\)$/m);
    expect(nlsh(['config', 'unset', 'model']).code).toBe(0);
    expect(nlsh(['config', 'get', 'model']).code).toBe(1);
    const bad = nlsh(['config', 'set', 'embedder', 'word2vec']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('glove, ollama, hash');
  });

  it('without --home, config lives under XDG_CONFIG_HOME', () => {
    const xdg = join(home, 'xdg');
    const r = nlsh(['config', 'path'], { home: null, env: { XDG_CONFIG_HOME: xdg, NLSH_HOME: '' } });
    expect(r.out.trim()).toBe(join(xdg, 'nlsh', 'config.json'));
  });

  it('completion prints a script for bash, zsh and fish, and exits 2 for others', () => {
    expect(nlsh(['completion', 'bash'], { home: null }).out).toContain('complete -F _nlsh nlsh');
    expect(nlsh(['completion', 'zsh'], { home: null }).out).toContain('#compdef nlsh');
    expect(nlsh(['completion', 'fish'], { home: null }).out).toContain('complete -c nlsh');
    expect(nlsh(['completion', 'tcsh'], { home: null }).code).toBe(2);
  });

  it('mount imports a host directory; the files are then searchable by grep', () => {
    const host = mkdtempSync(join(tmpdir(), 'nlsh-e2e-host-'));
    try {
      writeFileSync(join(host, 'sched.md'), '# Scheduler\nThe scheduler picks the next process by priority.\n');
      const m = nlsh(['--json', 'mount', host, '--at', '/knowledge/host']);
      expect(m.code).toBe(0);
      expect(jsonLines(m.out)[0]).toMatchObject({ ok: true, syscall: { name: 'fs.mount' }, result: { root: '/knowledge/host', files: 1 } });
      expect(nlsh(['-c', 'grep priority /knowledge/host']).out).toContain('/knowledge/host/sched.md:2');
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });

  it('--version and -c pwd never load commander, Ink, React, GloVe or ollama; help never boots the kernel; meaning loads GloVe', () => {
    // bin/nlsh runs the bundle (dist/bundle/, scripts/bundle.mjs): the trace hook sees which of its
    // files a run loaded, and dist/bundle/modules.json names the source modules in each, so the
    // assertions are on source modules: an eager import of the kernel from help's path puts kernel
    // modules into a file help loads, and fails here.
    const inBundle = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'modules.json'), 'utf8')) as Record<string, string[]>;
    const bundleDir = pathToFileURL(join(ROOT, 'dist', 'bundle')).href + '/';
    const modulesOf = (url: string): string[] => {
      if (url.startsWith(bundleDir)) {
        const mods = inBundle[url.slice(bundleDir.length)];
        if (!mods) throw new Error(`${url} is not in dist/bundle/modules.json: a stale bundle? run npm run build`);
        return mods;
      }
      const i = url.lastIndexOf('/node_modules/');
      return [i >= 0 ? url.slice(i + 1) : url];
    };
    const trace = (args: string[], o: { home?: string | null; env?: Record<string, string> } = {}): string[] => {
      const file = join(home, `trace-${Math.random().toString(36).slice(2)}`);
      writeFileSync(file, '');
      const r = nlsh(args, { node: ['--import', join(ROOT, 'test/e2e/fixtures/register-trace.mjs')], env: { ...o.env, NLSH_TRACE_LOADS: file }, ...(o.home !== undefined ? { home: o.home } : {}) });
      expect(r.code).toBe(0);
      return [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean).flatMap(modulesOf))];
    };
    const uiOrKernel = /^node_modules\/(ink|react)\/|^src\/tui\//;
    const gloveOrOllama = /^src\/embed\/(glove|ollama-embedder)|^src\/llm\/ollama\.ts|^node_modules\/ollama\//;
    const version = trace(['--version'], { home: null });
    expect(version).toContain('src/cli/main.ts');
    expect(version.filter((m) => uiOrKernel.test(m) || /^node_modules\/commander\//.test(m))).toEqual([]);
    const pwd = trace(['-c', 'pwd']);
    expect(pwd).toContain('src/kernel/kernel.ts');
    expect(pwd.filter((m) => uiOrKernel.test(m) || gloveOrOllama.test(m))).toEqual([]);
    // a plain -c line is read without commander (src/cli/fast-args.ts); a script still goes through it
    expect(pwd.filter((m) => /^node_modules\/commander\//.test(m))).toEqual([]);
    const help = trace(['-c', 'help']);
    expect(help).toContain('src/shell/help.ts');
    expect(help.filter((m) => /^src\/(kernel\/kernel|embed\/|vfs\/|base\/sqlite)|^node_modules\/better-sqlite3\//.test(m))).toEqual([]);
    // the default glove embedder: a warm home's `-c pwd` loads neither GloVe nor ollama; a command
    // that needs meaning loads GloVe (and still not ollama: no model is configured)
    const g = mkdtempSync(join(tmpdir(), 'nlsh-e2e-lazy-'));
    try {
      const env = { NLSH_EMBEDDER: 'glove', OLLAMA_HOST: '' };
      expect(nlsh(['-c', 'mkdir /knowledge/agents "notes about LLM agents"'], { home: g, env }).code).toBe(0); // first boot builds the file system
      const warm = trace(['-c', 'pwd'], { home: g, env });
      expect(warm).toContain('src/kernel/kernel.ts');
      expect(warm.filter((m) => gloveOrOllama.test(m))).toEqual([]);
      const meaning = trace(['-c', 'cd "the directory about agents"'], { home: g, env });
      expect(meaning).toContain('src/embed/glove.ts');
      expect(meaning.filter((m) => /^src\/llm\/ollama\.ts|^node_modules\/ollama\//.test(m))).toEqual([]);
    } finally {
      rmSync(g, { recursive: true, force: true });
    }
  });

  it('Ctrl-C (SIGINT) stops a waiting command and the run exits 130', async () => {
    const h = mkdtempSync(join(tmpdir(), 'nlsh-e2e-int-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NLSH_EMBEDDER: 'hash' };
      delete env.FORCE_COLOR;
      const p = spawn(process.execPath, [BIN, '--home', h, '-c', 'spawn "a sleepy agent"; wait p1; pwd'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const code = await new Promise<number | null>((res) => {
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('p1')) setTimeout(() => p.kill('SIGINT'), 300);
        });
        p.on('close', (c) => res(c));
      });
      expect(code).toBe(130);
      expect(out).not.toContain('\n/\n');
    } finally {
      rmSync(h, { recursive: true, force: true });
    }
  });

  it('top --once prints one frame, and --json one snapshot', () => {
    expect(nlsh(['top', '--once']).out).toMatch(/Memory tiers/);
    const snap = JSON.parse(nlsh(['--json', 'top', '--once']).out) as Record<string, unknown>;
    expect(Array.isArray(snap.processes)).toBe(true);
  });

  it('examples/tour.nl runs offline end to end with the default (glove) embedder', () => {
    const h = mkdtempSync(join(tmpdir(), 'nlsh-e2e-tour-'));
    try {
      const r = nlsh([join(ROOT, 'examples', 'tour.nl')], { home: h, env: { NLSH_EMBEDDER: 'glove' } });
      // offline, the one `send` is told that no agent will answer; nothing else complains
      expect(r.err.split('\n').filter((l) => l.startsWith('nlsh: '))).toEqual([expect.stringMatching(/^nlsh: no agent will answer: p\d+ .*--model/)]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^mounted at \/repo\/src: \d+ files imported/m);
      expect(r.out).toMatch(/^\/repo\/src\/\S+  \(score 0\.\d+\)$/m);
      expect(r.out).toContain('audit chain intact');
    } finally {
      rmSync(h, { recursive: true, force: true });
    }
  }, 120_000);
});
