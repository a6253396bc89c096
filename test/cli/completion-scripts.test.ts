// The outer completion scripts: each names the subcommands, and the bash one is valid bash.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../src/cli/completion-scripts.js';

describe('completion scripts', () => {
  it('bash, zsh and fish scripts name every subcommand', () => {
    for (const sh of ['bash', 'zsh', 'fish']) {
      const s = completionScript(sh);
      for (const w of ['top', 'build', 'mount', 'config', 'completion']) expect(s).toContain(w);
    }
  });

  it('the bash script parses and registers _nlsh, which completes subcommands', () => {
    const script = `${completionScript('bash')}\nCOMP_WORDS=(nlsh con); COMP_CWORD=1; _nlsh; printf '%s\\n' "\${COMPREPLY[@]}"\n`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toContain('config');
  });

  it("after -c, every shell offers the nlsh command words help lists (derived from the descriptors)", async () => {
    const { COMMANDS } = await import('../../src/shell/help.js');
    const script = `${completionScript('bash')}\nCOMP_WORDS=(nlsh -c gr); COMP_CWORD=2; _nlsh; printf '%s\\n' "\${COMPREPLY[@]}"\n`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['grant', 'grep', 'group']);
    for (const sh of ['zsh', 'fish']) {
      const s = completionScript(sh);
      for (const c of COMMANDS) expect(s, `${sh}: ${c.word}`).toMatch(new RegExp(`[ ('(]${c.word.split(' ')[0]}[ )']`));
    }
  });

  it('an unknown shell is a usage error', () => {
    expect(() => completionScript('tcsh')).toThrow(expect.objectContaining({ code: 'cli.usage', exitCode: 2 }));
  });
});
