// The process table (kernel layer): every PCB, in memory and checkpointed to SQLite on every
// change, so processes come back after a restart with their state and context. Only this
// file changes a PCB's state (through the transition table in states.ts). Called by the
// proc.* syscalls, resources, the bus, memory and the agent runtime.
import type { Clock } from '../base/clock.js';
import type { Emitter } from '../base/emitter.js';
import { NlshError, EXIT } from '../base/errors.js';
import type { Db } from '../base/sqlite.js';
import { cosine, type Embedder } from '../embed/types.js';
import { blobToVector, vectorToBlob } from './kernel-store.js';
import { loadedContent, pcbFromJson, pcbJson, type PcbLoaders } from './lazy-pcb.js';
import type { ProcessTable, Scheduler, SpawnOptions } from './services.js';
import { assertTransition } from './states.js';
import type { ContextMessage, KernelEvents, PCB, ProcState } from './types.js';

export interface ProcessTableDeps {
  db: Db;
  clock: Clock;
  events: Emitter<KernelEvents>;
  embedder: Embedder;
  /** Told about every change so its run queues follow the states. */
  scheduler?: Pick<Scheduler, 'update' | 'remove'>;
  defaults?: { budget?: number; contextWindow?: number; priority?: number };
  /** Below this similarity a description names no process (proc.notFound). */
  minScore?: number;
  /** When the best two matches are closer than this, the reference is ambiguous. */
  ambiguityMargin?: number;
}

export interface ProcessTableImpl extends ProcessTable {
  /** Number of processes held, terminated ones included. */
  readonly size: number;
}

export const DEFAULT_BUDGET = 50_000;
export const DEFAULT_CONTEXT_WINDOW = 8_192;
export const DEFAULT_PRIORITY = 10;

const PID_RE = /^p?(\d+)$/i;
const STOPWORDS = new Set(['a', 'an', 'the', 'agent', 'process', 'that', 'which', 'who', 'for', 'with', 'to', 'of', 'and', 'new', 'my', 'please', 'one', 'some']);

interface Row { pid: string; num: number; pcb: string }

/** Builds the table and loads every stored process (THINKING ones come back RUNNING: their inference died with the old process); contexts and vpids load when first touched (lazy-pcb.ts). */
export function createProcessTable(deps: ProcessTableDeps): ProcessTableImpl {
  const { db, clock, events, embedder } = deps;
  // tuned on GloVe: unrelated queries score < 0.25, a loose but right one ("the architect") ~0.3;
  // near-ties are refused because the runner-up is then often the right one
  const minScore = deps.minScore ?? 0.28;
  const margin = deps.ambiguityMargin ?? 0.05;
  const procs = new Map<string, PCB>();
  const liveNames = new Map<string, string>(); // lower-cased name of a live process -> pid
  const insert = db.prepare('INSERT INTO processes(pid, num, state, name, owner, pcb, vpid, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE processes SET state = ?, name = ?, owner = ?, pcb = ? WHERE pid = ?');
  const updateWithContext = db.prepare('UPDATE processes SET state = ?, name = ?, owner = ?, pcb = ?, context = ? WHERE pid = ?');
  const contextOf = db.prepare('SELECT context FROM processes WHERE pid = ?');
  let nextNum = 1;

  const persist = (pcb: PCB): void => {
    // turns never loaded cannot have changed: only the small PCB is written
    const turns = loadedContent(pcb.contextWindow);
    if (turns === undefined) update.run(pcb.state, pcb.name, pcb.owner, pcbJson(pcb), pcb.pid);
    else updateWithContext.run(pcb.state, pcb.name, pcb.owner, pcbJson(pcb), JSON.stringify(turns), pcb.pid);
  };
  // the first vpid anyone needs (a semantic reference, content routing) compares them all: load them in one query
  let vpids: Map<string, number[]> | undefined;
  const loaders: PcbLoaders = {
    context(pid) {
      const row = contextOf.get(pid) as { context: string } | undefined;
      return row ? (JSON.parse(row.context) as ContextMessage[]) : [];
    },
    vpid(pid) {
      vpids ??= new Map((db.prepare('SELECT pid, vpid FROM processes').all() as { pid: string; vpid: Buffer }[]).map((r) => [r.pid, blobToVector(r.vpid)]));
      const v = vpids.get(pid) ?? [];
      vpids.delete(pid); // the PCB keeps it from now on
      return v;
    },
  };
  const notify = (pcb: PCB, change: KernelEvents['proc']['change']): void => {
    if (pcb.state === 'TERMINATED') {
      if (liveNames.get(pcb.name.toLowerCase()) === pcb.pid) liveNames.delete(pcb.name.toLowerCase());
      deps.scheduler?.remove(pcb.pid);
    } else deps.scheduler?.update(pcb);
    events.emit('proc', { pcb, change });
  };

  // rows are streamed (not all held at once: that doubles the peak memory at 50,000 processes);
  // the THINKING ones are written back after the scan, which cannot write while it reads
  const wasThinking: PCB[] = [];
  for (const row of db.prepare('SELECT pid, num, pcb FROM processes ORDER BY num').iterate() as Iterable<Row>) {
    const pcb = pcbFromJson(row.pcb, loaders);
    // A fresh kernel holds no inference slot; older homes also stored memoryMB/diskMB (never measured).
    const stale = pcb.resources.gpuUnits !== 0 || Object.keys(pcb.resources).length !== 1;
    if (stale) pcb.resources = { gpuUnits: 0 };
    const thinking = pcb.state === 'THINKING';
    if (thinking) pcb.state = 'RUNNING';
    if (stale || thinking) wasThinking.push(pcb);
    procs.set(pcb.pid, pcb);
    nextNum = Math.max(nextNum, row.num + 1);
    if (pcb.state !== 'TERMINATED') {
      liveNames.set(pcb.name.toLowerCase(), pcb.pid);
      deps.scheduler?.update(pcb);
    }
  }
  if (wasThinking.length) db.transaction(() => wasThinking.forEach(persist))(); // THINKING or holding stale resources

  const must = (pid: string): PCB => {
    const pcb = procs.get(pid);
    if (!pcb) throw notFound(pid);
    return pcb;
  };
  const live = (): PCB[] => [...procs.values()].filter((p) => p.state !== 'TERMINATED');

  const table: ProcessTableImpl = {
    get size() {
      return procs.size;
    },

    async spawn(opts: SpawnOptions): Promise<PCB> {
      const description = opts.description.trim();
      if (!description) throw new NlshError('proc.badSpawn', 'a process needs a description', { hint: 'spawn "an agent that reviews code"' });
      const priority = opts.priority ?? deps.defaults?.priority ?? DEFAULT_PRIORITY;
      checkPriority(priority);
      const budget = opts.budget ?? deps.defaults?.budget ?? DEFAULT_BUDGET;
      const window = opts.contextWindow ?? deps.defaults?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
      if (!Number.isInteger(budget) || budget < 0) throw new NlshError('proc.badSpawn', `budget must be a whole number >= 0, got ${budget}`);
      if (!Number.isInteger(window) || window < 1) throw new NlshError('proc.badSpawn', `context window must be a whole number >= 1, got ${window}`);
      const given = opts.name?.trim();
      const checkFree = (name: string): void => {
        checkName(name);
        const clash = liveNames.get(name.toLowerCase());
        if (clash) throw new NlshError('proc.nameTaken', `${clash} is already called ${name}`, { hint: 'choose another name, or leave it out' });
      };
      if (given) checkFree(given);
      const vec = embedder.embedSync ? embedder.embedSync(description) : (await embedder.embed([description]))[0]!;
      // from here on synchronous: concurrent spawns cannot take the same pid or name
      const num = nextNum;
      let name = given || defaultName(description, num);
      // an automatic name never fails: someone may have chosen "coder-5" by hand already
      for (let k = 2; !given && liveNames.has(name.toLowerCase()); k++) name = `${defaultName(description, num)}-${k}`;
      checkFree(name);
      nextNum = num + 1;
      const pcb: PCB = {
        pid: `p${num}`,
        vpid: Array.from(vec),
        name,
        description,
        type: opts.type ?? 'user',
        state: 'RUNNING',
        priority,
        tokenBudget: { allocated: budget, consumed: 0, remaining: budget, reserved: 0 },
        contextWindow: { maxLength: window, currentLength: 0, content: [] },
        resources: { gpuUnits: 0 },
        permissions: [...(opts.permissions ?? [])],
        role: opts.role ?? 'agent',
        owner: opts.owner,
        parent: opts.parent ?? null,
        createdAt: clock.now(),
        cpuTime: 0,
        ...(opts.model ? { model: opts.model } : {}),
      };
      insert.run(pcb.pid, num, pcb.state, pcb.name, pcb.owner, pcbJson(pcb), vectorToBlob(vec), '[]');
      procs.set(pcb.pid, pcb);
      liveNames.set(name.toLowerCase(), pcb.pid);
      notify(pcb, 'spawn');
      return pcb;
    },

    get: (pid) => procs.get(pid),

    async resolve(ref: string): Promise<PCB> {
      const text = ref.trim();
      if (!text) throw notFound(ref);
      const m = PID_RE.exec(text);
      if (m) return must(`p${Number(m[1])}`);
      const lower = text.toLowerCase();
      for (const pool of [live(), [...procs.values()]]) {
        const named = pool.filter((p) => p.name.toLowerCase() === lower);
        if (named.length === 1) return named[0]!;
        if (named.length > 1) throw ambiguous(text, named.map((p) => ({ pid: p.pid, name: p.name, description: p.description })));
      }
      const alive = live();
      const exact = alive.filter((p) => p.description.toLowerCase() === lower);
      if (exact.length === 1) return exact[0]!;
      if (alive.length === 0) throw notFound(text, [], 'no process is running; spawn one first');
      const q = embedder.embedSync ? embedder.embedSync(text) : (await embedder.embed([text]))[0]!;
      const ranked = alive.map((p) => ({ p, score: cosine(q, p.vpid) })).sort((a, b) => b.score - a.score);
      const cands = ranked.slice(0, 3).map(({ p, score }) => ({ pid: p.pid, name: p.name, description: p.description, score: round(score) }));
      const best = ranked[0]!;
      if (best.score < minScore) throw notFound(text, cands);
      const second = ranked[1];
      if (second && best.score - second.score < margin) throw ambiguous(text, cands.slice(0, 2));
      return best.p;
    },

    list(opts = {}) {
      const all = [...procs.values()];
      return opts.includeTerminated ? all : all.filter((p) => p.state !== 'TERMINATED');
    },

    transition(pid: string, to: ProcState, reason?: string): PCB {
      const pcb = must(pid);
      assertTransition(pid, pcb.state, to);
      const before = { state: pcb.state, blockedReason: pcb.blockedReason, exitCode: pcb.exitCode };
      pcb.state = to;
      if (to === 'BLOCKED') pcb.blockedReason = reason ?? 'waiting';
      else delete pcb.blockedReason;
      if (to === 'TERMINATED') pcb.exitCode ??= 0;
      try {
        persist(pcb);
      } catch (err) {
        Object.assign(pcb, before); // memory never runs ahead of the database
        throw err;
      }
      notify(pcb, to === 'TERMINATED' ? 'exit' : 'state');
      return pcb;
    },

    setPriority(pid: string, priority: number): PCB {
      const pcb = must(pid);
      checkPriority(priority);
      if (pcb.state === 'TERMINATED') throw new NlshError('proc.terminated', `${pid} has terminated`, { hint: 'ps -a shows terminated processes' });
      const before = pcb.priority;
      pcb.priority = priority;
      try {
        persist(pcb);
      } catch (err) {
        pcb.priority = before;
        throw err;
      }
      notify(pcb, 'priority');
      return pcb;
    },

    save(pid: string, change?: 'budget' | 'context'): void {
      const pcb = must(pid);
      persist(pcb);
      if (change) notify(pcb, change);
    },

    waitFor(pid: string, signal?: AbortSignal, timeoutMs?: number): Promise<PCB> {
      const pcb = must(pid);
      if (pcb.state === 'TERMINATED') return Promise.resolve(pcb);
      return new Promise<PCB>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const done = (): void => {
          off();
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        const off = events.on('proc', ({ pcb: p }) => {
          if (p.pid === pid && p.state === 'TERMINATED') {
            done();
            resolve(p);
          }
        });
        const onAbort = (): void => {
          done();
          reject(new NlshError('sys.interrupted', `stopped waiting for ${pid}`, { exitCode: EXIT.interrupted }));
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            done();
            reject(new NlshError('proc.waitTimeout', `${pid} did not terminate within ${timeoutMs} ms`, {
              hint: 'wait longer, or kill it',
              details: { pid, state: procs.get(pid)?.state },
            }));
          }, timeoutMs);
        }
      });
    },
  };
  return table;
}

function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > 19) {
    throw new NlshError('proc.badPriority', `priority must be a whole number from 0 (highest) to 19 (lowest), got ${priority}`, {
      hint: 'renice p3 5',
    });
  }
}

function checkName(name: string): void {
  if (PID_RE.test(name) || name.length > 64 || /\s/.test(name)) {
    throw new NlshError('proc.badName', `'${name}' cannot be a process name`, {
      hint: 'a name is one word of at most 64 characters that does not look like a pid (p3)',
    });
  }
}

/** Nouns that name what an agent is; the preferred source of a default name. */
const ROLE_NOUNS = new Set([
  'architect', 'designer', 'planner', 'coder', 'programmer', 'developer', 'engineer', 'debugger', 'reviewer',
  'auditor', 'critic', 'tester', 'writer', 'editor', 'proofreader', 'researcher', 'analyst', 'scientist',
  'summarizer', 'summariser', 'translator', 'tutor', 'teacher', 'explainer',
  'manager', 'coordinator', 'monitor', 'optimizer', 'documenter', 'poet',
]);

/** Activity words (verbs, gerunds, subjects) and the role noun they stand for. */
const ACTIVITY: Record<string, string> = {
  code: 'coder', coding: 'coder', program: 'coder', programming: 'coder', implement: 'coder', implementing: 'coder',
  write: 'writer', writes: 'writer', writing: 'writer', review: 'reviewer', reviews: 'reviewer', reviewing: 'reviewer',
  test: 'tester', tests: 'tester', testing: 'tester', research: 'researcher', researches: 'researcher', researching: 'researcher',
  plan: 'planner', plans: 'planner', planning: 'planner', design: 'designer', designs: 'designer', designing: 'designer',
  summarize: 'summarizer', summarizes: 'summarizer', summarizing: 'summarizer', summarise: 'summariser', summarises: 'summariser',
  summarising: 'summariser', translate: 'translator', translates: 'translator', translating: 'translator', translation: 'translator',
  analyze: 'analyst', analyzes: 'analyst', analyzing: 'analyst', analyse: 'analyst', analyses: 'analyst', analysing: 'analyst',
  analysis: 'analyst', debug: 'debugger', debugs: 'debugger', debugging: 'debugger', audit: 'auditor', audits: 'auditor',
  auditing: 'auditor', document: 'documenter', documents: 'documenter', documenting: 'documenter', documentation: 'documenter',
};

/** Words that open a clause after the head noun ("a reviewer *that* ...", "an agent *with* ..."). */
const CLAUSE = new Set(['with', 'that', 'who', 'whom', 'whose', 'for', 'which', 'to', 'of', 'about', 'on', 'in', 'using', 'from', 'by', 'and']);

/** Words too generic to name a process by. */
const GENERIC = new Set(['agent', 'process', 'proc', 'bot', 'ai', 'llm', 'model', 'worker', 'helper', 'task', 'job']);

/**
 * Returns "<head noun>-<num>" for a description: the last role noun before any clause, else any
 * role noun, else an activity's role ("code-writing" -> coder), else the last content word before
 * a clause, else an activity anywhere, else the first content word, else "proc". Never fails.
 * "a code reviewer", 1 -> "reviewer-1"; "a code-writing agent with Python expertise", 3 -> "coder-3".
 */
export function defaultName(description: string, num: number): string {
  const words = description.toLowerCase().split(/[^a-z0-9-]+/).map((w) => w.replace(/^-+|-+$/g, '')).filter((w) => w && !/^\d+$/.test(w));
  const cut = words.findIndex((w, i) => i > 0 && CLAUSE.has(w));
  const head = cut < 0 ? words : words.slice(0, cut);
  const parts = (w: string): string[] => [w, ...w.split('-').filter(Boolean)];
  const role = (ws: string[]): string | undefined => ws.flatMap(parts).find((w) => ROLE_NOUNS.has(w));
  const activity = (ws: string[]): string | undefined => ws.flatMap(parts).map((w) => ACTIVITY[w]).find(Boolean);
  const content = words.filter((w) => !STOPWORDS.has(w) && !CLAUSE.has(w) && !GENERIC.has(w));
  const headContent = head.filter((w) => !STOPWORDS.has(w) && !CLAUSE.has(w) && !GENERIC.has(w));
  const word =
    role([...head].reverse()) ??
    role(words) ??
    activity(head) ??
    headContent.at(-1) ??
    activity(words) ??
    content[0] ??
    'proc';
  return `${word.replace(/[^a-z0-9-]/g, '').slice(0, 24).replace(/-+$/, '') || 'proc'}-${num}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function notFound(ref: string, candidates: unknown[] = [], hint?: string): NlshError {
  return new NlshError('proc.notFound', `no process matches '${ref}'`, {
    hint: hint ?? (candidates.length ? 'closest: ' + candidates.map((c) => (c as { pid: string; name: string }).pid + ' ' + (c as { name: string }).name).join(', ') : "'ps' lists the processes"),
    details: { ref, candidates },
  });
}

function ambiguous(ref: string, candidates: unknown[]): NlshError {
  return new NlshError('proc.ambiguous', `'${ref}' could mean more than one process`, {
    hint: 'name it by pid: ' + candidates.map((c) => (c as { pid: string }).pid).join(' or '),
    details: { ref, candidates },
  });
}
