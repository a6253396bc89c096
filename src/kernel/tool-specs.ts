// Tool specs for agents (kernel layer): the syscalls a set of credentials may call, as
// function tools a model can be offered (Ollama's `tools`): name = syscall name with '.' ->
// '_' (fs_write), parameters = the descriptor's argument schema as JSON Schema. Derived from
// the descriptors, so a tool can never disagree with what dispatch validates. The check is
// coarse (the syscall name only); dispatch still checks each call's objects. Called by the
// agents' tool loop.
import { jsonSchemaOf, type JSONSchemaObject } from './schema.js';
import { mayCall } from './security.js';
import type { SyscallTable } from './syscall-table.js';
import type { Credentials } from './types.js';

/** One tool: what the model sees, and the syscall it runs. */
export interface ToolSpec {
  /** The syscall's name with '.' -> '_': 'fs_write'. */
  name: string;
  /** The syscall it runs: 'fs.write'. */
  syscall: string;
  description: string;
  parameters: JSONSchemaObject;
}

/** The tool name of a syscall ('fs.grepMeaning' -> 'fs_grepMeaning'). */
export function toolName(syscall: string): string {
  return syscall.replaceAll('.', '_');
}

const cache = new WeakMap<object, JSONSchemaObject>();

/** Returns a tool spec for each registered syscall these credentials' permissions allow, in table order. */
export function toolSpecs(table: Pick<SyscallTable, 'list'>, creds: Credentials): ToolSpec[] {
  return table.list()
    .filter((d) => mayCall(creds, d.name))
    .map((d) => {
      let parameters = cache.get(d.args);
      if (!parameters) cache.set(d.args, (parameters = jsonSchemaOf(d.args)));
      return {
        name: toolName(d.name),
        syscall: d.name,
        description: `${d.summary}. Shell form: ${d.usage}`,
        parameters: structuredClone(parameters),
      };
    });
}
