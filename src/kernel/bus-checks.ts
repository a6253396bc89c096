// Argument checks and content-based routing for the message bus (kernel layer). Used by
// bus.ts only: a priority must be 0..19, a payload must be JSON, and a description routes
// to the running process whose vpid is nearest to its embedding.
import { NlshError } from '../base/errors.js';
import { cosine, type Embedder } from '../embed/types.js';
import { PRIORITY_LEVELS } from './inbox.js';
import type { ProcessTable } from './services.js';
import type { PCB } from './types.js';

/** Returns nothing for a whole number 0..19; fails ipc.badPriority otherwise. */
export function checkPriority(p: number): void {
  if (!Number.isInteger(p) || p < 0 || p >= PRIORITY_LEVELS) {
    throw new NlshError('ipc.badPriority', `priority must be a whole number 0..${PRIORITY_LEVELS - 1}, got ${p}`, { hint: '0 is the highest priority' });
  }
}

/** Returns nothing when payload can be stored as JSON (primitives skip the check); fails ipc.badPayload. */
export function checkPayload(payload: unknown): void {
  const t = typeof payload;
  if (payload === null || t === 'string' || t === 'number' || t === 'boolean') return;
  try {
    if (JSON.stringify(payload) === undefined) throw new Error('not representable');
  } catch (err) {
    throw new NlshError('ipc.badPayload', `a message payload must be JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** The running process whose vpid is nearest to description, with its cosine score; fails ipc.noRoute when none runs or the best scores below minScore. */
export async function nearestProcess(embedder: Embedder, procs: ProcessTable, description: string, minScore = 0): Promise<{ pcb: PCB; score: number }> {
  const text = description.trim();
  if (!text) throw new NlshError('ipc.noRoute', 'an empty description names no process');
  const [v] = await embedder.embed([text]);
  let best: { pcb: PCB; score: number } | undefined;
  for (const pcb of procs.list()) {
    if (pcb.state === 'TERMINATED' || pcb.vpid.length !== v!.length) continue;
    const score = cosine(v!, pcb.vpid);
    if (!best || score > best.score) best = { pcb, score };
  }
  if (!best) throw new NlshError('ipc.noRoute', `no running process to route "${text}" to`, { hint: 'spawn an agent first' });
  if (best.score < minScore) {
    // a guess this poor is not carried out: the sender sees the closest candidate instead
    throw new NlshError('ipc.noRoute', `no process matches "${text}" (closest: ${best.pcb.pid} ${best.pcb.name}, similarity ${best.score.toFixed(2)})`, {
      hint: `name the process (send ${best.pcb.pid} "...") or describe it in other words`,
      details: { closest: best.pcb.pid, score: best.score, minScore },
    });
  }
  return best;
}
