// Process states and their legal transitions (kernel layer), in one table. The process table
// moves a PCB only through assertTransition(); anything not listed here is an error.
import { NlshError } from '../base/errors.js';
import type { ProcState } from './types.js';

export const PROC_STATES: readonly ProcState[] = ['RUNNING', 'THINKING', 'BLOCKED', 'SUSPENDED', 'TERMINATED'];

/**
 * from -> the states it may move to. RUNNING means runnable (the scheduler may pick it);
 * THINKING means an inference is in flight; BLOCKED waits for something named in
 * blockedReason (budget, a message, a slot); SUSPENDED is stopped by a person; TERMINATED is final.
 * A state never moves to itself: suspending a suspended process is a mistake worth reporting.
 */
export const TRANSITIONS: Readonly<Record<ProcState, readonly ProcState[]>> = {
  RUNNING: ['THINKING', 'BLOCKED', 'SUSPENDED', 'TERMINATED'],
  THINKING: ['RUNNING', 'BLOCKED', 'SUSPENDED', 'TERMINATED'],
  BLOCKED: ['RUNNING', 'SUSPENDED', 'TERMINATED'],
  SUSPENDED: ['RUNNING', 'TERMINATED'],
  TERMINATED: [],
};

/** True when a process in `from` may move to `to`. */
export function canTransition(from: ProcState, to: ProcState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns nothing when the move is legal; fails with proc.badTransition naming the legal moves. */
export function assertTransition(pid: string, from: ProcState, to: ProcState): void {
  if (canTransition(from, to)) return;
  const legal = TRANSITIONS[from];
  throw new NlshError('proc.badTransition', `${pid} is ${from} and cannot become ${to}`, {
    hint: legal.length ? `from ${from} a process can become ${legal.join(', ')}` : `${pid} has terminated; spawn a new process`,
    details: { pid, from, to, legal: [...legal] },
  });
}

/** True for states in which the scheduler may give the process a quantum. */
export function isRunnable(state: ProcState): boolean {
  return state === 'RUNNING';
}
