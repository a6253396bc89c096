// The agent.build syscall (agents layer): `build "<goal>"` from the shell, `nlsh build` from the
// CLI, kernel.call('agent.build', { goal }) from the library. It needs the kernel's dispatch (the
// coder writes its files through fs.write with its own credentials), so it is made per kernel
// and registered by createKernel in boot.ts. The workflow is build.ts.
import { objectSchema } from '../kernel/schema.js';
import { defineSyscall, type SyscallDef } from '../kernel/syscall.js';
import type { SyscallArgs } from '../kernel/syscall-args.js';
import type { Kernel } from '../kernel/kernel.js';
import { runBuild, type BuildOptions, type BuildResult } from './build.js';

/** Returns the agent.build definition bound to this kernel; its handler fails like runBuild(). */
export function buildSyscall(kernel: Pick<Kernel, 'dispatch' | 'sessionOf'>, opts: BuildOptions = {}): SyscallDef<SyscallArgs['agent.build'], BuildResult> {
  return defineSyscall<SyscallArgs['agent.build'], BuildResult>({
    name: 'agent.build',
    summary: 'architect, coder and reviewer agents build the goal into /apps/<name> (needs a model)',
    args: objectSchema({ goal: { type: 'string', minLength: 1, maxLength: 2000, description: 'what to build, in words' } }, ['goal']),
    permission: () => ({ action: 'agent.build' }),
    handler: (a, ctx) => runBuild({
      k: ctx.k, dispatch: kernel.dispatch, sessionOf: kernel.sessionOf,
      caller: ctx.session, signal: ctx.signal, progress: ctx.progress,
    }, a.goal, opts),
  });
}
