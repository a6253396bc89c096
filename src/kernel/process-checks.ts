// Checks and errors of the process table (kernel layer): priorities and names a spawn or a
// renice may use, and the proc.notFound / proc.ambiguous errors of a reference. Used by
// process-table.ts only.
import { NlshError } from '../base/errors.js';

const PID_RE = /^p?(\d+)$/i;

/** Fails proc.badPriority unless priority is a whole number 0..19. */
export function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > 19) {
    throw new NlshError('proc.badPriority', `priority must be a whole number from 0 (highest) to 19 (lowest), got ${priority}`, {
      hint: 'renice p3 5',
    });
  }
}

/** Fails proc.badName for a name that looks like a pid, has blanks, or is longer than 64. */
export function checkName(name: string): void {
  if (PID_RE.test(name) || name.length > 64 || /\s/.test(name)) {
    throw new NlshError('proc.badName', `'${name}' cannot be a process name`, {
      hint: 'a name is one word of at most 64 characters that does not look like a pid (p3)',
    });
  }
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** proc.notFound for a reference, with the closest candidates when there are some. */
export function notFound(ref: string, candidates: unknown[] = [], hint?: string): NlshError {
  return new NlshError('proc.notFound', `no process matches '${ref}'`, {
    hint: hint ?? (candidates.length ? 'closest: ' + candidates.map((c) => (c as { pid: string; name: string }).pid + ' ' + (c as { name: string }).name).join(', ') : "'ps' lists the processes"),
    details: { ref, candidates },
  });
}

/** proc.ambiguous: the reference could mean any of the candidates. */
export function ambiguous(ref: string, candidates: unknown[]): NlshError {
  return new NlshError('proc.ambiguous', `'${ref}' could mean more than one process`, {
    hint: 'name it by pid: ' + candidates.map((c) => (c as { pid: string }).pid).join(' or '),
    details: { ref, candidates },
  });
}
