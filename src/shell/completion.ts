// Tab completion (shell layer): command words for the first word, pids and process names after
// commands whose syscall takes a process (its descriptor declares a process, inbox or recipient
// reference), VectorFS paths elsewhere. Names come from an injected CompletionSource so the
// logic is tested without a kernel; sourceFromKernel() adapts a kernel. Called by the TUI.
import { KERNEL_SYSCALLS } from '../kernel/syscall-list.js';
import type { RefKind } from '../kernel/syscall.js';
import type { ShellKernel } from './runner.js';
import { COMMAND_RULES, COMMAND_WORDS } from './parse/grammar.js';

/** Where candidates come from. Failures (a missing directory) yield no candidates, never errors. */
export interface CompletionSource {
  list(dir: string): Promise<{ name: string; kind: string }[]>;
  processes(): Promise<{ pid: string; name: string }[]>;
}

/** Replace line[from, to) with one of the candidates. */
export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

const PROCESS_KINDS: ReadonlySet<RefKind> = new Set(['process', 'inbox', 'recipient']);
const TAKES_PROCESS = new Set(KERNEL_SYSCALLS
  .filter((d) => Object.values(d.refs ?? {}).some((r) => r !== undefined && PROCESS_KINDS.has(typeof r === 'string' ? r : r.kind)))
  .map((d) => d.name as string));
/** Command words (aliases included) whose syscall takes a process: derived from the descriptors. */
export const PROC_WORDS: ReadonlySet<string> = new Set(COMMAND_RULES.filter((r) => r.syscall && TAKES_PROCESS.has(r.syscall)).flatMap((r) => r.words));
// every word the grammar takes first (aliases included), minus punctuation forms like `?` and `:q`
const FIRST_WORDS = [...new Set(COMMAND_WORDS.filter((w) => /^[a-z][a-z-]*$/.test(w)))].sort();

/** Candidates for the word at `cursor`; resolves with an empty list when nothing fits. */
export async function complete(line: string, cursor: number, source: CompletionSource): Promise<Completion> {
  const before = line.slice(0, cursor);
  // the word being typed starts after the last space (or an opening quote)
  const m = /(?:^|[\s"'])([^\s"']*)$/.exec(before);
  const word = m?.[1] ?? '';
  const from = cursor - word.length;
  let to = cursor;
  while (to < line.length && !/\s/.test(line[to]!)) to++;
  const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean);
  const none: Completion = { from, to, candidates: [] };

  try {
    if (words.length === 0) return { from, to, candidates: FIRST_WORDS.filter((w) => w.startsWith(word)) };
    const first = words[0]!.toLowerCase();
    if (PROC_WORDS.has(first) && !word.startsWith('/') && !word.startsWith('.')) {
      const procs = await source.processes();
      const names = new Set<string>();
      for (const p of procs) {
        if (p.pid.startsWith(word)) names.add(p.pid);
        if (p.name.startsWith(word)) names.add(p.name);
      }
      return { from, to, candidates: [...names].sort(naturalOrder) };
    }
    const slash = word.lastIndexOf('/');
    const dir = slash < 0 ? '.' : slash === 0 ? '/' : word.slice(0, slash);
    const prefix = slash < 0 ? '' : word.slice(0, slash + 1);
    const rest = word.slice(slash + 1);
    const entries = await source.list(dir);
    const candidates = entries
      .filter((e) => e.name.startsWith(rest))
      .map((e) => prefix + e.name + (e.kind === 'dir' ? '/' : ''))
      .sort();
    return { from, to, candidates };
  } catch {
    // completion is a convenience: a failing lookup means "no suggestions", the command itself will report errors
    return none;
  }
}

function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

/** A CompletionSource that asks the kernel (fs.ls, proc.ps) as the user's session. */
export function sourceFromKernel(kernel: () => Promise<ShellKernel>): CompletionSource {
  return {
    async list(dir) {
      const k = await kernel();
      const r = await k.dispatch('fs.ls', { path: dir }, k.session()) as { entries?: { name: string; kind: string }[] };
      return r.entries ?? [];
    },
    async processes() {
      const k = await kernel();
      const r = await k.dispatch('proc.ps', {}, k.session()) as { processes?: { pid: string; name: string }[] };
      return r.processes ?? [];
    },
  };
}
