// Lazily loaded PCB fields (kernel layer): a process read back from SQLite at boot carries
// only its small fields; its context turns and its vpid are read from their own columns the
// first time something touches them (an agent's turn, `mem` on it, a semantic reference, a
// content-routed message). With 50,000 processes a `ps` then parses 50,000 small JSON rows
// instead of every context and 50,000 vectors. The lazy fields are accessors on a class's
// prototype (not own properties), so the objects keep one fast shape, spreading or
// serialising a PCB never loads them, and nothing is allocated per process but the object.
// Used by process-table.ts and observer.ts (and proc.ts for the turn count and processInfo).
import type { ContextMessage, PCB, ProcessInfo } from './types.js';

/** Where a stored process's lazy fields come from (one object shared by every process of a table). */
export interface PcbLoaders {
  context(pid: string): ContextMessage[];
  vpid(pid: string): number[];
}

/** A stored process's context window: sizes now, turns on first read of `content`. */
class StoredContext {
  readonly #pid: string;
  readonly #loaders: PcbLoaders;
  readonly #turns: number;
  #value: ContextMessage[] | undefined;
  maxLength: number;
  currentLength: number;

  constructor(maxLength: number, currentLength: number, turns: number, pid: string, loaders: PcbLoaders) {
    this.maxLength = maxLength;
    this.currentLength = currentLength;
    this.#turns = turns;
    this.#pid = pid;
    this.#loaders = loaders;
  }

  get content(): ContextMessage[] {
    return (this.#value ??= this.#loaders.context(this.#pid));
  }
  set content(v: ContextMessage[]) {
    this.#value = v;
  }
  loaded(): ContextMessage[] | undefined {
    return this.#value;
  }
  turns(): number {
    return this.#value?.length ?? this.#turns;
  }
}

/** A stored process: its own fields are the PCB's stored JSON; vpid loads on first read. */
class StoredPcb {
  readonly #loaders: PcbLoaders;
  #vpid: number[] | undefined;

  constructor(loaders: PcbLoaders) {
    this.#loaders = loaders;
  }

  get vpid(): number[] {
    return (this.#vpid ??= this.#loaders.vpid((this as unknown as PCB).pid));
  }
  set vpid(v: number[]) {
    this.#vpid = v;
  }
  vpidLoaded(): boolean {
    return this.#vpid !== undefined;
  }
}

/** A PCB from its stored JSON: a context stored inline (before v2 of the schema) is used as is, else it loads lazily. */
export function pcbFromJson(json: string, loaders: PcbLoaders): PCB {
  const parsed = JSON.parse(json) as Omit<PCB, 'vpid'> & { contextWindow: { turns?: number } };
  const cw = parsed.contextWindow;
  if (!Array.isArray(cw.content)) {
    parsed.contextWindow = new StoredContext(cw.maxLength, cw.currentLength, cw.turns ?? 0, parsed.pid, loaders) as unknown as PCB['contextWindow'];
  }
  return Object.assign(new StoredPcb(loaders), parsed) as unknown as PCB;
}

/** The context's turns when they are in memory, or undefined when they were never loaded (nothing can have changed them). */
export function loadedContent(cw: PCB['contextWindow']): ContextMessage[] | undefined {
  return cw instanceof StoredContext ? cw.loaded() : cw.content;
}

/** The number of turns in a context, without loading it. */
export function contextTurns(cw: PCB['contextWindow']): number {
  return cw instanceof StoredContext ? cw.turns() : cw.content.length;
}

/** False while a stored process's vpid has not been read. */
export function vpidLoaded(pcb: PCB): boolean {
  return pcb instanceof StoredPcb ? pcb.vpidLoaded() : true;
}

/** The PCB's stored JSON: every field but vpid and the context turns (their count is kept as contextWindow.turns). */
export function pcbJson(pcb: PCB): string {
  const { contextWindow: cw, ...rest } = pcb;
  delete (rest as { vpid?: unknown }).vpid; // an own property on a PCB made by spawn
  return JSON.stringify({ ...rest, contextWindow: { maxLength: cw.maxLength, currentLength: cw.currentLength, turns: contextTurns(cw) } });
}

/** A PCB as shown to users: no vpid numbers, context as sizes. */
export function processInfo(pcb: PCB): ProcessInfo {
  // a stored process's vpid and turns are not own properties: spreading does not load them (lazy-pcb.ts)
  const { contextWindow, ...rest } = pcb;
  delete (rest as { vpid?: unknown }).vpid;
  return {
    ...rest,
    tokenBudget: { ...pcb.tokenBudget },
    resources: { ...pcb.resources },
    permissions: [...pcb.permissions],
    contextWindow: { maxLength: contextWindow.maxLength, currentLength: contextWindow.currentLength, turns: contextTurns(contextWindow) },
  };
}
