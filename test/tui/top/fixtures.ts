// Test fixtures for top: PCBs and a TopSource over a ManualClock and a real Emitter.
import { ManualClock } from '../../../src/base/clock.js';
import { Emitter } from '../../../src/base/emitter.js';
import type { KernelEvents, PCB, ProcState, TierStats } from '../../../src/kernel/types.js';
import type { TopSource } from '../../../src/tui/top/top-sampler.js';

export function pcb(n: number, over: Partial<PCB> = {}): PCB {
  return {
    pid: `p${n}`,
    vpid: [],
    name: `agent-${n}`,
    description: `agent number ${n}`,
    type: 'specialist',
    state: 'RUNNING' as ProcState,
    priority: 10,
    tokenBudget: { allocated: 1000, consumed: 100 * (n % 10), remaining: 1000 - 100 * (n % 10), reserved: 0 },
    contextWindow: { maxLength: 4096, currentLength: 400 * (n % 10), content: [] },
    resources: { gpuUnits: 0 },
    permissions: [],
    role: 'agent',
    owner: 'alice',
    parent: null,
    createdAt: 0,
    cpuTime: 1500 * n,
    ...over,
  };
}

export const TIERS: TierStats[] = [
  { tier: 'L1', used: 1850, capacity: 4096, unit: 'tok', hits: 10, misses: 2, swaps: 1 },
  { tier: 'L2', used: 300, capacity: 8192, unit: 'tok', hits: 4, misses: 1, swaps: 3 },
  { tier: 'L3', used: 120, capacity: 10000, unit: 'vec', hits: 50, misses: 20, swaps: 0 },
  { tier: 'semanticRAM', used: 900, capacity: 1000, unit: 'vec', hits: 7, misses: 0, swaps: 0 },
  { tier: 'semanticDisk', used: 900, capacity: 100000, unit: 'vec', hits: 0, misses: 0, swaps: 0 },
];

export interface FakeSource extends TopSource {
  clock: ManualClock;
  events: Emitter<KernelEvents>;
  procs: PCB[];
  switches: number;
}

export function fakeSource(procs: PCB[] = [pcb(1), pcb(2, { state: 'BLOCKED', blockedReason: 'token budget exhausted' }), pcb(3, { state: 'SUSPENDED', priority: 0 })]): FakeSource {
  const src: FakeSource = {
    clock: new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0)),
    events: new Emitter<KernelEvents>(),
    procs,
    switches: 0,
    processes: () => src.procs,
    tiers: () => TIERS,
    contextSwitches: () => src.switches,
  };
  return src;
}

export function message(id: number, from: string, to: string, payload: unknown): KernelEvents['message'] {
  return {
    event: 'sent',
    message: { id: `m${id}`, from, to, messageType: 'REQUEST', vector: [], payload, priority: 5, timestamp: Date.UTC(2026, 10, 25, 12, 0, id), requiresAck: false },
  };
}
