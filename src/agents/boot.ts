// Kernel boot with agents (agents layer): bootKernel() plus the agent.build and ipc.ask syscalls, plus the
// agent runtime when a model backend is configured. This is what the CLI, the shell and library users call
// (createKernel); the kernel itself never imports the agents layer.
import type { DispatchOptions } from '../kernel/dispatch.js';
import { bootKernel, type BootOptions, type Kernel } from '../kernel/kernel.js';
import type { Session } from '../kernel/types.js';
import { askSyscall, type AskArgs, type AskResult } from './ask.js';
import type { BuildOptions, BuildResult } from './build.js';
import { buildSyscall, type BuildArgs } from './build-syscall.js';
import { warnWithoutModel } from './no-model.js';
import { announceToolSupport } from './tool-notice.js';
import { attachAgentRuntime, type AgentRuntime, type AgentRuntimeOptions } from './runtime.js';

export interface CreateKernelOptions extends BootOptions {
  /** false boots without the agent runtime even when a model is configured. */
  agents?: boolean;
  /** Options of the agent runtime (concurrency). */
  runtime?: AgentRuntimeOptions;
  /** Options of the build workflow (agent budgets, file cap, revision rounds). */
  build?: BuildOptions;
}

/** A kernel and its agent runtime (null when there is no model backend or agents are off). */
export type KernelWithAgents = Kernel & {
  runtime: AgentRuntime | null;
  /** Kernel.call, plus the syscall this layer registers. */
  call: Kernel['call']
    & ((name: 'agent.build', args: BuildArgs, session?: Session, opts?: DispatchOptions) => Promise<BuildResult>)
    & ((name: 'ipc.ask', args: AskArgs, session?: Session, opts?: DispatchOptions) => Promise<AskResult>);
};

/** Boots the kernel and attaches the agent runtime; fails like bootKernel(). close() stops the runtime first. */
export async function createKernel(opts: CreateKernelOptions = {}): Promise<KernelWithAgents> {
  const kernel = await bootKernel(opts);
  // registered with or without a model: without one, build fails with agent.noModel and a hint
  kernel.register(buildSyscall(kernel, opts.build));
  const runtime = kernel.services.llm && opts.agents !== false ? attachAgentRuntime(kernel, opts.runtime) : null;
  kernel.register(askSyscall(() => runtime !== null, (pid) => runtime?.waitingOn(pid)));
  // without a model nothing answers a request: say so at once (send still queues it)
  const offWarn = !kernel.services.llm && opts.onNotice ? warnWithoutModel(kernel.services, opts.onNotice) : null;
  // a model without tool support answers in text only: say so when an agent on it starts
  const tools = runtime && opts.onNotice ? announceToolSupport(kernel.services, opts.onNotice) : null;
  const closeKernel = kernel.close.bind(kernel);
  return Object.assign(kernel as KernelWithAgents, {
    runtime,
    async close() {
      offWarn?.();
      await tools?.settle();
      tools?.stop();
      await runtime?.stop();
      await closeKernel();
    },
  });
}
