// The build workflow behind `build "<goal>"` (agents layer): three agent processes — an
// architect, a coder and a reviewer, children of the caller — design, write and review a small
// project under /apps/<slug>/ in VectorFS. The workflow drives the agents itself (see
// build-agent.ts for why and how): each step is a model call on one agent's behalf, charged to
// that agent; every hand-over is a real bus message; every file is written by the coder's own
// credentials through dispatch (RBAC + audit). The agents exit at the end, whatever happened.
// Why not the runtime's turns (a REQUEST answered from the context window)? Each step needs
// structured output (a JSON schema), its own token cap and the reply in hand before the next
// step; the runtime answers free text within one quantum, asynchronously. So the workflow
// makes the calls itself with the same accounting the runtime applies, and the hand-overs are
// NOTIFICATIONs, which the runtime only records in the recipient's context (no extra thinking).
// Called by build-syscall.ts (agent.build). Plan/review shapes: build-plan.ts.
import { isNlshError, NlshError, PanicError, EXIT } from '../base/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import type { KernelServices } from '../kernel/services.js';
import type { Session } from '../kernel/types.js';
import { BuildAgent } from './build-agent.js';
import { MAX_PLAN_FILES, parsePlan, parseReview, planSchema, REVIEW_SCHEMA, slugify, stripFences, type Review } from './build-plan.js';
import { filePrompt, planPrompt, reviewPrompt, revisePrompt } from './build-prompts.js';
import type { RoleName } from './roles.js';

export interface BuildOptions {
  /** Token budgets of the three agents (defaults 2000 / 24000 / 8000). */
  budgets?: Partial<Record<'architect' | 'coder' | 'reviewer', number>>;
  /** Most files a plan may name (default 12). */
  maxFiles?: number;
  /** Review -> revise rounds after the first review (default 1; 0 = never revise). */
  revisionRounds?: number;
  /** Upper bounds on generated tokens per call (defaults plan 1024, file 2048, review 1024). */
  maxTokens?: Partial<Record<'plan' | 'file' | 'review', number>>;
}

/** The result of agent.build (the JSON contract; docs/build.md). */
export interface BuildResult {
  app: string;
  summary: string;
  files: { path: string; bytes: number }[];
  agents: { pid: string; name: string; role: RoleName; tokens: number }[];
  messages: number;
  tokens: number;
  review: { approved: boolean; issues: number; rounds: number };
  durationMs: number;
}

export interface BuildContext {
  k: KernelServices;
  dispatch: Kernel['dispatch'];
  sessionOf: Kernel['sessionOf'];
  /** Who asked: the agents are its children and the final message goes to its inbox. */
  caller: Session;
  signal: AbortSignal;
  progress: (done: number, total: number, label?: string) => void;
}

type AgentRole = 'architect' | 'coder' | 'reviewer';
const SPECS: Record<AgentRole, { priority: number; budget: number; contextWindow: number; does: string }> = {
  architect: { priority: 5, budget: 2_000, contextWindow: 8_192, does: 'designs the files of' },
  coder: { priority: 10, budget: 24_000, contextWindow: 32_768, does: 'writes the code of' },
  reviewer: { priority: 10, budget: 8_000, contextWindow: 32_768, does: 'reviews the code of' },
};
const inProgress = new Set<string>(); // app paths being built right now (two builds never share one)

/** Builds the goal; returns what was built; fails agent.noModel, llm.*, agent.badOutput, res.budgetExhausted, agent.terminated or sys.interrupted (details list what was written). */
export async function runBuild(ctx: BuildContext, goal: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const { k, signal } = ctx;
  if (!k.llm) {
    throw new NlshError('agent.noModel', 'build needs a language model, and none is configured', {
      hint: 'start Ollama and pass --model llama3.2 (and --ollama-host URL or OLLAMA_HOST when it is not on 127.0.0.1:11434)',
    });
  }
  const started = performance.now();
  const maxFiles = opts.maxFiles ?? MAX_PLAN_FILES;
  const rounds = opts.revisionRounds ?? 1;
  const caps = { plan: 1024, file: 2048, review: 1024, ...opts.maxTokens };
  const app = reserveApp(k, goal);
  const task = `build ${app.slice('/apps/'.length)}`;
  let done = 0;
  let total = 3;
  const step = (label: string): void => {
    ctx.progress(done, total, label);
    k.events.emit('progress', { task, done, total, label });
  };
  const written = new Map<string, { path: string; content: string; bytes: number }>();
  const agents: BuildAgent[] = [];
  let messages = 0;
  let exitCode: number = EXIT.failed;
  try {
    step('spawning agents');
    const n = freeNumber(k);
    for (const role of ['architect', 'coder', 'reviewer'] as const) agents.push(await spawn(ctx, role, n, goal, opts, app));
    const [architect, coder, reviewer] = agents as [BuildAgent, BuildAgent, BuildAgent];
    const coderSession = ctx.sessionOf(coder.pid);
    const send = async (from: BuildAgent, to: string, text: string, type?: 'RESPONSE'): Promise<void> => {
      await from.send(to, text, type);
      messages++;
    };

    step(`${architect.name}: planning`);
    const plan = await structured(architect, (problem) => planPrompt(goal, maxFiles, problem), planSchema(maxFiles), (t) => parsePlan(t, maxFiles), caps.plan, signal);
    done++;
    total = 1 + plan.files.length + 1;
    await send(architect, coder.pid, `Design for "${goal}": ${plan.summary}\nFiles:\n${plan.files.map((f) => `- ${f.path}: ${f.purpose}`).join('\n')}`);
    await ctx.dispatch('fs.mkdir', { path: app, parents: true, description: `${goal}: ${plan.summary}`.slice(0, 2000) }, coderSession, { signal });

    const write = async (rel: string, content: string): Promise<void> => {
      const path = `${app}/${rel}`;
      const dir = path.slice(0, path.lastIndexOf('/'));
      if (dir !== app && !k.vfs.stat(dir)) await ctx.dispatch('fs.mkdir', { path: dir, parents: true }, coderSession, { signal });
      const r = (await ctx.dispatch('fs.write', { path, content }, coderSession, { signal })) as { bytes: number };
      written.set(rel, { path, content, bytes: r.bytes });
    };
    coder.take(); // the design
    for (const f of plan.files) {
      step(`${coder.name}: ${f.path}`);
      const { text } = await coder.think({ prompt: filePrompt(goal, plan, f, [...written.values()].map((w) => ({ path: w.path.slice(app.length + 1), content: w.content }))), maxTokens: caps.file, signal });
      await write(f.path, stripFences(text));
      done++;
    }
    await send(coder, reviewer.pid, `Code complete, ${written.size} files written to ${app}, please review`);

    let review: Review = { approved: false, issues: [] };
    let round = 0;
    let toReview = [...written.keys()];
    for (;;) {
      step(`${reviewer.name}: reviewing${round ? ` (round ${round + 1})` : ''}`);
      reviewer.take(); // the request to review
      const files = toReview.map((p) => ({ path: p, content: written.get(p)!.content }));
      review = await structured(reviewer, (problem) => reviewPrompt(goal, plan, files, round) + (problem ? `\n\nYour previous reply was refused: ${problem}` : ''), REVIEW_SCHEMA, parseReview, caps.review, signal);
      done++;
      const byFile = issuesByFile(review, [...written.keys()], app);
      await send(reviewer, coder.pid, review.approved
        ? `Approved${review.issues.length ? ` with ${review.issues.length} remarks` : ''}`
        : `${review.issues.length} issues found: ${review.issues.map((i) => `${i.path}: ${i.problem}`).join('; ')}`);
      coder.take(); // the review
      if (review.approved || round >= rounds || byFile.size === 0) break;
      round++;
      total += byFile.size + 1;
      for (const [rel, issues] of byFile) {
        step(`${coder.name}: revising ${rel}`);
        const { text } = await coder.think({ prompt: revisePrompt(goal, rel, written.get(rel)!.content, issues), maxTokens: caps.file, signal });
        await write(rel, stripFences(text));
        done++;
      }
      toReview = [...byFile.keys()];
      await send(coder, reviewer.pid, `Revised ${byFile.size} files (${toReview.join(', ')}), please review again`);
    }

    const files = [...written.values()].map((w) => ({ path: w.path, bytes: w.bytes }));
    await send(coder, ctx.caller.creds.principal, `ready, deployed to ${app}: ${files.length} files, review ${review.approved ? 'approved' : `not approved (${review.issues.length} issues)`}`, 'RESPONSE');
    done = total;
    step('done');
    exitCode = EXIT.ok;
    return {
      app, summary: plan.summary, files,
      agents: agents.map((a) => ({ pid: a.pid, name: a.name, role: a.role, tokens: a.tokens })),
      messages,
      tokens: agents.reduce((s, a) => s + a.tokens, 0),
      review: { approved: review.approved, issues: review.issues.length, rounds: round },
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    if (signal.aborted) exitCode = EXIT.interrupted;
    done = total; // a finished task leaves top's list, failed or not
    step(signal.aborted ? 'interrupted' : `failed${isNlshError(err) ? `: ${err.code}` : ''}`);
    throw explain(err, signal, app, [...written.values()].map((w) => ({ path: w.path, bytes: w.bytes })));
  } finally {
    inProgress.delete(app);
    for (const a of agents) {
      try {
        a.exit(exitCode);
      } catch (e) {
        if (e instanceof PanicError) throw e; // a process that cannot be ended is our bug; the rest already ended
      }
    }
  }
}

/** Picks /apps/<slug>, /apps/<slug>-2, ...: the first that neither exists nor is being built. */
function reserveApp(k: KernelServices, goal: string): string {
  const slug = slugify(goal);
  for (let i = 1; ; i++) {
    const app = `/apps/${i === 1 ? slug : `${slug}-${i}`}`;
    if (!inProgress.has(app) && !k.vfs.stat(app)) {
      inProgress.add(app);
      return app;
    }
  }
}

/** The smallest n for which architect-n, coder-n and reviewer-n are all free names. */
function freeNumber(k: KernelServices): number {
  const taken = new Set(k.procs.list().map((p) => p.name.toLowerCase()));
  let n = 1;
  while (['architect', 'coder', 'reviewer'].some((r) => taken.has(`${r}-${n}`))) n++;
  return n;
}

async function spawn(ctx: BuildContext, role: AgentRole, n: number, goal: string, opts: BuildOptions, app: string): Promise<BuildAgent> {
  const spec = SPECS[role];
  const r = (await ctx.dispatch('proc.spawn', {
    description: `${role} agent that ${spec.does} the build of ${goal}`.slice(0, 2000),
    name: `${role}-${n}`, type: 'specialist', priority: spec.priority,
    budget: opts.budgets?.[role] ?? spec.budget, contextWindow: spec.contextWindow,
    ...(ctx.k.llm?.model ? { model: ctx.k.llm.model } : {}),
  }, ctx.caller, { signal: ctx.signal })) as { process: { pid: string; name: string } };
  if (role === 'coder') {
    // agents write only in their own workspace unless granted: the build grants its coder the app's directory
    const pcb = ctx.k.procs.get(r.process.pid);
    if (pcb) {
      pcb.permissions.push(`fs.write:${app}/**`, `fs.mkdir:${app}/**`);
      ctx.k.procs.save(pcb.pid);
    }
  }
  return new BuildAgent(ctx.k, ctx.dispatch, ctx.sessionOf, r.process.pid, r.process.name, role);
}

/** Asks for structured output; a reply that does not parse is asked for once more, with the problem. */
async function structured<T>(
  agent: BuildAgent, prompt: (problem?: string) => string, format: Record<string, unknown>,
  parse: (text: string) => T, maxTokens: number, signal: AbortSignal,
): Promise<T> {
  let problem: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const { text } = await agent.think({ prompt: prompt(problem), format, maxTokens, signal });
    try {
      return parse(text);
    } catch (err) {
      if (!isNlshError(err, 'agent.badOutput')) throw err;
      if (attempt >= 2) {
        throw new NlshError('agent.badOutput', `the ${agent.role} ${agent.name} (${agent.pid}) gave no usable answer twice: ${err.message}`, {
          ...(err.hint ? { hint: err.hint } : {}), ...(err.details ? { details: err.details } : {}), cause: err,
        });
      }
      problem = err.message;
    }
  }
}

/** Review issues grouped by the written file they name (paths may come back absolute or with the app prefix). */
function issuesByFile(review: Review, files: string[], app: string): Map<string, Review['issues']> {
  const out = new Map<string, Review['issues']>();
  const prefix = app.slice(1).toLowerCase();
  for (const issue of review.issues) {
    let p = issue.path.toLowerCase().replace(/^\/+/, '');
    if (p.startsWith(`${prefix}/`)) p = p.slice(prefix.length + 1);
    const file = files.find((f) => f.toLowerCase() === p) ?? files.find((f) => p.endsWith(`/${f.toLowerCase()}`));
    if (!file) continue;
    out.set(file, [...(out.get(file) ?? []), issue]);
  }
  return out;
}

/** The error a failed build reports: interrupted when the caller cancelled, else the cause, with what was written in details. */
function explain(err: unknown, signal: AbortSignal, app: string, written: { path: string; bytes: number }[]): unknown {
  if (err instanceof PanicError) return err;
  const details = { app, written };
  if (signal.aborted) {
    return new NlshError('sys.interrupted', `build of ${app} interrupted after writing ${written.length} files; what was written stays`, {
      exitCode: EXIT.interrupted, hint: written.length ? `'ls ${app}' shows what was written` : 'run the build again', details, cause: err,
    });
  }
  if (!isNlshError(err)) return err;
  const message = err.code === 'res.budgetExhausted' ? `${err.message}, after writing ${written.length} files` : err.message;
  return new NlshError(err.code, message, { ...(err.hint ? { hint: err.hint } : {}), exitCode: err.exitCode, details: { ...err.details, ...details }, cause: err });
}
