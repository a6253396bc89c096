// The `-c` command line read without commander (src/cli/fast-args.ts) must read every line it
// takes exactly as the commander program of main.ts does, and leave every other line to it.
import { Command } from 'commander';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fastOptions } from '../../src/cli/fast-args.js';
import type { Io } from '../../src/cli/jobs.js';
import { defineProgram } from '../../src/cli/main.js';

/** The options commander's program gives for args, and whether it chose the default job (the one -c runs). */
async function commanderOptions(args: string[]): Promise<Record<string, unknown>> {
  const io: Io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
  let jobs = 0;
  const program = defineProgram(Command, io, import('../../src/cli/jobs.js'), () => { jobs++; });
  await program.parseAsync(['node', 'nlsh', ...args]);
  expect(jobs).toBe(1);
  expect(program.args).toEqual([]); // no script argument: the default job runs -c
  return program.opts();
}

const TAKEN: string[][] = [
  ['-c', 'pwd'],
  ['--command', 'pwd; ls'],
  ['-c', ''],
  ['--home', '/tmp/h', '-c', 'pwd'],
  ['-c', 'ls /knowledge', '--home', '/tmp/h', '--json'],
  ['--json', '--embedder', 'hash', '-c', 'cd "the directory about agents"; pwd'],
  ['-y', '--keep-going', '--dry-run', '-c', 'rm /x'],
  ['--yes', '--no-color', '--no-wait', '-c', 'spawn "a helper"'],
  ['--model', 'llama3.2', '--ollama-host', 'http://127.0.0.1:11434', '-c', 'ask "hi"'],
];

const LEFT_TO_COMMANDER: string[][] = [
  [], ['script.nl'], ['-'], ['-c'], ['-c', '-x'], ['--home', '-c', 'pwd'], ['-c', 'pwd', 'script.nl'],
  ['-c', 'pwd', '-c', 'ls'], ['-y', '--yes', '-c', 'pwd'], ['--home=/tmp/h', '-c', 'pwd'], ['-yc', 'pwd'],
  ['-c', 'pwd', '--help'], ['-c', 'pwd', '-V'], ['--json'], ['top', '--once'], ['help'], ['-c', 'pwd', '--unknown'],
  ['-c', 'pwd', '--color'], ['-c', 'pwd', '--', 'x'], ['--constructor', 'x', '-c', 'pwd'], ['--toString', '-c', 'pwd'],
];

describe('the -c command line without commander', () => {
  it.each(TAKEN.map((a) => [a.join(' '), a] as const))('reads %s exactly as commander does', async (_name, args) => {
    const fast = fastOptions(args);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await commanderOptions(args));
  });

  it('leaves scripts, subcommands, help, version, unknown, repeated, joined and dash-led values to commander', () => {
    for (const args of LEFT_TO_COMMANDER) expect(fastOptions(args), args.join(' ')).toBeNull();
  });
});
