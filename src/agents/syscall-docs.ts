// The help text of the agents layer's syscalls (agents layer; callers: ask.ts and
// build-syscall.ts for their descriptors, and the shell's help before a kernel has registered
// them). It imports nothing, so `help` can show it without loading the kernel.

/** ipc.ask's help text: its descriptor's, and help's before a kernel has registered it. */
export const ASK_DOC = {
  summary: 'ask an agent a question and wait for its answer (ipc.timeout if it does not come)',
  usage: 'ask PROC "question" [--timeout 60s] [--ack]',
  examples: ['ask p2 "what does the scheduler do?"', 'ask coder-1 "any bugs left?" --timeout 2m'],
};

/** agent.build's help text: its descriptor's, and help's before a kernel has registered it. */
export const BUILD_DOC = {
  summary: 'architect, coder and reviewer agents build the goal into /apps/<name> (needs a model)',
  usage: 'build "goal"',
  examples: ['build "a web server with authentication and logging"'],
};
