// Syscalls as model tools (kernel layer): the tool list an agent's turn offers the model,
// derived from the syscall table and filtered by the caller's credentials (name-level check;
// dispatch still checks each call's object). Tool name = syscall name with '.' -> '_'
// (fs_write, ipc_send, fs_grepMeaning); parameters = the syscall's argument JSON schema.
// Called by the agent runtime; the descriptors work (issue 9 part 1) owns the schemas.
import { parsePermission, ROLE_GRANTS } from './security.js';
import type { SyscallTable } from './syscall-table.js';
import type { Credentials } from './types.js';

export interface SyscallToolSpec {
  /** The tool's name as the model sees it, e.g. fs_write. */
  name: string;
  /** The syscall it runs, e.g. fs.write. */
  syscall: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** The tool name of a syscall (fs.grepMeaning -> fs_grepMeaning). */
export const toolName = (syscall: string): string => syscall.replaceAll('.', '_');

/** The syscall a tool name stands for (only the first '_' separates the namespace), or the name itself. */
export const syscallOfTool = (tool: string): string => {
  const i = tool.indexOf('_');
  return i > 0 ? `${tool.slice(0, i)}.${tool.slice(i + 1)}` : tool;
};

/** Returns one tool per registered syscall whose name creds may use at all, in table order. */
export function toolSpecs(table: Pick<SyscallTable, 'list'>, creds: Credentials): SyscallToolSpec[] {
  const grants = [...ROLE_GRANTS[creds.role], ...creds.permissions].flatMap((text) => {
    try {
      return [parsePermission(text, creds.principal).action];
    } catch {
      return []; // a malformed extra grant grants nothing
    }
  });
  return table.list()
    .filter((def) => grants.some((re) => re.test(def.name)))
    .map((def) => ({
      name: toolName(def.name),
      syscall: def.name,
      description: def.summary,
      parameters: JSON.parse(JSON.stringify(def.args)) as Record<string, unknown>,
    }));
}
