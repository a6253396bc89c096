// The agent.build syscall (agents layer): `build "<goal>"` from the shell, `nlsh build` from the
// CLI, kernel.dispatch('agent.build', { goal }) from the library. It needs the kernel's dispatch
// (the coder writes its files through fs.write with its own credentials), so it is made per
// kernel and registered by createKernel in boot.ts through Kernel.register: the kernel does
// not know it. The workflow is build.ts.
import { BUILD_DOC } from './syscall-docs.js';
import * as z from 'zod';
import { lazyArgsSchema, type LazyArgsInput } from '../kernel/schema.js';
import { defineSyscall } from '../kernel/syscall.js';
import type { Kernel } from '../kernel/kernel.js';
import { runBuild, type BuildOptions, type BuildResult } from './build.js';

const buildArgs = lazyArgsSchema(() => ({ goal: z.string().min(1).max(2000).describe('what to build, in words') }));

/** The arguments of agent.build. */
export type BuildArgs = LazyArgsInput<typeof buildArgs>;

/** Returns the agent.build descriptor bound to this kernel; its handler fails like runBuild(). */
export function buildSyscall(kernel: Pick<Kernel, 'dispatch' | 'sessionOf'>, opts: BuildOptions = {}) {
  return defineSyscall({
    name: 'agent.build',
    ...BUILD_DOC,
    args: buildArgs,
    permission: () => ({ action: 'agent.build' }),
    handler: (a, ctx): Promise<BuildResult> => runBuild({
      k: ctx.k, dispatch: kernel.dispatch, sessionOf: kernel.sessionOf,
      caller: ctx.session, signal: ctx.signal, progress: ctx.progress,
    }, a.goal, opts),
  });
}
