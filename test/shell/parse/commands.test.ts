// One file per command (issue 12): every syscall — the kernel's descriptors, agent.build and
// ipc.ask from the agents layer — and every shell built-in has exactly one file in
// src/shell/parse/commands/, named after it, holding its English side and its plain formatter;
// nothing else is there.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_SYSCALLS } from '../../../src/kernel/syscall-list.js';
import { COMMAND_SPECS } from '../../../src/shell/parse/commands/index.js';
import { EXTRACTORS } from '../../../src/shell/parse/extract.js';
import { INTENTS } from '../../../src/shell/parse/intents.js';

const DIR = new URL('../../../src/shell/parse/commands/', import.meta.url);
const BUILTINS = ['help', 'exit', 'top', 'history', 'clear', 'config'].map((b) => `builtin:${b}`);
// The commands whose results the plain printer shows with the generic `key: value` fallback
// (format-plain.ts); every other command has a `format` in its file.
const GENERIC_FORMAT = ['builtin:exit', 'builtin:clear', 'builtin:config'];
const fileOf = (name: string): string => `${name.replace(/[:.]/g, '-').replace(/([a-z])([A-Z])/g, (_m, a: string, b: string) => `${a}-${b.toLowerCase()}`)}.ts`;

describe('the command files', () => {
  it('every syscall and built-in has exactly one spec, and every spec is a syscall or a built-in', () => {
    const names = COMMAND_SPECS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const wanted = [...KERNEL_SYSCALLS.map((d) => d.name), 'agent.build', 'ipc.ask', ...BUILTINS];
    expect([...names].sort()).toEqual([...new Set(wanted)].sort());
  });

  it('each spec is in the file named after it, and the folder holds nothing else but kit.ts and index.ts', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual([...COMMAND_SPECS.map((c) => fileOf(c.name)), 'index.ts', 'kit.ts'].sort());
  });

  it('the intent list and the extractor table are built from the files', () => {
    expect(INTENTS.map((i) => i.name)).toEqual(COMMAND_SPECS.filter((c) => c.intent).map((c) => c.name));
    for (const c of COMMAND_SPECS) expect(EXTRACTORS[c.name], c.name).toBe(c.extract);
  });

  it('every kernel syscall and command has a plain formatter in its file, but the few that use the generic fallback', () => {
    const specs = new Map(COMMAND_SPECS.map((c) => [c.name, c]));
    for (const name of [...KERNEL_SYSCALLS.map((d) => d.name), ...COMMAND_SPECS.map((c) => c.name)]) {
      const has = specs.get(name)?.format !== undefined;
      expect(has, `${name}: add format to ${fileOf(name)}, or list it in GENERIC_FORMAT`).toBe(!GENERIC_FORMAT.includes(name));
    }
  });
});
