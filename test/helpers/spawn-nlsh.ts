// Runs the built CLI (bin/nlsh) as a child without blocking this process, so a fake Ollama
// server in the test process keeps answering. The environment is the test's, with plain output
// (NO_COLOR, FORCE_COLOR removed), the hash embedder, no OLLAMA_HOST, and settings under
// cfgDir; `env` adds to it. Used by the e2e tests that talk to a fake server.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface NlshRun {
  code: number | null;
  out: string;
  err: string;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs `nlsh ...args`; resolves with its exit code and what it wrote. */
export function spawnNlsh(args: readonly string[], cfgDir: string, env: Record<string, string> = {}): Promise<NlshRun> {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NLSH_EMBEDDER: 'hash', XDG_CONFIG_HOME: cfgDir };
  delete e.FORCE_COLOR;
  delete e.OLLAMA_HOST;
  Object.assign(e, env);
  return new Promise((res) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'nlsh'), ...args], { cwd: ROOT, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('close', (code) => res({ code, out, err }));
  });
}
