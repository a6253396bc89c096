// Kernel boot with agents (agents layer): bootKernel() plus the agent.build syscall, plus the
// agent runtime when a model backend is configured. This is what the CLI, the shell and library users call
// (createKernel); the kernel itself never imports the agents layer.
import { bootKernel, type BootOptions, type Kernel } from '../kernel/kernel.js';
import type { BuildOptions } from './build.js';
import { buildSyscall } from './build-syscall.js';
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
export type KernelWithAgents = Kernel & { runtime: AgentRuntime | null };

/** Boots the kernel and attaches the agent runtime; fails like bootKernel(). close() stops the runtime first. */
export async function createKernel(opts: CreateKernelOptions = {}): Promise<KernelWithAgents> {
  const kernel = await bootKernel(opts);
  // registered with or without a model: without one, build fails with agent.noModel and a hint
  kernel.register(buildSyscall(kernel, opts.build));
  const runtime = kernel.services.llm && opts.agents !== false ? attachAgentRuntime(kernel, opts.runtime) : null;
  const closeKernel = kernel.close.bind(kernel);
  return Object.assign(kernel, {
    runtime,
    async close() {
      await runtime?.stop();
      await closeKernel();
    },
  });
}
