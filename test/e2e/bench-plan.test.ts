// `npm run bench` runs every program in bench/: a bench added without its place in
// bench/run-all.mjs's plan (full and quick arguments) must fail here, not be skipped silently.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('npm run bench', () => {
  it('knows every program in bench/ (run with --only none: the plan is checked, nothing is run)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'run-all.mjs'), '--only', 'none'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toMatch(/does not know/);
    expect(r.status).toBe(0);
  });
});
