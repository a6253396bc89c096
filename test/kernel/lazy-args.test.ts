// Lazily built argument schemas (src/kernel/schema.ts lazyArgsSchema, defineSyscall): the kernel's
// descriptors build their zod schemas on first use so that start-up does not pay for all of them.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { NlshError } from '../../src/base/errors.js';
import { jsonSchemaOf, lazyArgsSchema, validateArgs } from '../../src/kernel/schema.js';
import { defineSyscall } from '../../src/kernel/syscall.js';
import { KERNEL_SYSCALLS } from '../../src/kernel/syscall-list.js';

function countedDef() {
  let built = 0;
  const def = defineSyscall({
    name: 'test.lazy', summary: 'a test', usage: 'lazy N', examples: [],
    args: lazyArgsSchema(() => {
      built++;
      return { n: z.int().min(1).max(9).describe('a digit') };
    }),
    permission: () => ({ action: 'test.lazy' }),
    handler: (a) => a.n * 2,
  });
  return { def, built: () => built };
}

describe('lazy argument schemas', () => {
  it('a descriptor with a lazy schema builds it only when args is first read, and only once', () => {
    const { def, built } = countedDef();
    expect(built()).toBe(0);
    const first = def.args;
    expect(built()).toBe(1);
    expect(def.args).toBe(first);
    expect(built()).toBe(1);
    expect(first).toBeInstanceOf(z.ZodObject);
  });

  it('a lazy schema validates, refuses unknown arguments and converts to JSON Schema like an eager one', () => {
    const { def } = countedDef();
    expect(validateArgs(def.name, def.args, { n: 3 })).toEqual({ n: 3 });
    let err: unknown;
    try {
      validateArgs(def.name, def.args, { n: 3, extra: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NlshError);
    expect((err as NlshError).code).toBe('sys.badArgs');
    expect(jsonSchemaOf(def.args)).toMatchObject({ type: 'object', properties: { n: { type: 'integer', maximum: 9 } }, additionalProperties: false });
  });

  it('two descriptors sharing one lazy schema get the same built schema', () => {
    const shared = lazyArgsSchema(() => ({ pid: z.string() }));
    const mk = (name: string) => defineSyscall({ name, summary: '', usage: '', examples: [], args: shared, permission: () => ({ action: name }), handler: () => null });
    expect(mk('a.one').args).toBe(mk('a.two').args);
  });

  it("every kernel descriptor's args reads as a zod object (none is left a lazy placeholder)", () => {
    for (const def of KERNEL_SYSCALLS) expect(def.args, def.name).toBeInstanceOf(z.ZodObject);
  });
});
