// The plain-text formatter (shell layer): renders an Outcome the way a Unix tool would — ls
// columns, a ps table, grep's `path:line  score  text` — and errors as "nlsh: <message>" plus
// "hint: ..." for stderr. Unknown result shapes fall back to readable `key: value` lines.
// Colour comes from an injected Paint (chalk, made by the CLI only when colour is allowed).
// Every piece of data goes through str()/block(), which show control characters as visible
// escapes (safe-text.ts): a file name or a model's reply cannot drive the terminal.
// Called by the CLI's script runner and the TUI's runner backend.
import type { Outcome } from './runner.js';
import { visible, visibleLines } from './safe-text.js';

/** Colour functions; the identity when colour is off. */
export interface Paint {
  dim(s: string): string;
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const id = (s: string): string => s;
/** No colour at all. */
export const NO_PAINT: Paint = { dim: id, bold: id, red: id, yellow: id, green: id, cyan: id };

/** Text for stdout and for stderr; either may be empty; neither ends with a newline. */
export interface Rendered {
  out: string;
  err: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const raw = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
/** A one-line field, control characters (newlines too) made visible. */
const str = (v: unknown): string => visible(raw(v));
/** Multi-line text (file contents, help), control characters but newline and tab made visible. */
const block = (v: unknown): string => visibleLines(raw(v));
const score = (v: unknown): string => (typeof v === 'number' ? v.toFixed(3) : '');

/** The line shown for an understood call: `-> fs.cd {"path":"..."}`. */
export function understoodLine(o: Outcome, p: Paint = NO_PAINT): string {
  return o.syscall ? p.dim(`-> ${o.syscall.name} ${visible(JSON.stringify(o.syscall.args))}`) : '';
}

/** Renders an outcome: its result for stdout, or its error (and hint) for stderr. */
export function formatPlain(o: Outcome, p: Paint = NO_PAINT): Rendered {
  if (!o.ok) {
    const e = o.error ?? { code: 'sys.internal', message: 'failed' };
    const lines = [`${p.red('nlsh:')} ${visible(e.message)} ${p.dim(`(${visible(e.code)})`)}`];
    if (e.hint) lines.push(`${p.yellow('hint:')} ${visible(e.hint)}`);
    return { out: '', err: lines.join('\n') };
  }
  if (o.dryRun) {
    const head = o.syscall ? `-> ${o.syscall.name} ${visible(JSON.stringify(o.syscall.args))}` : `-> ${o.builtin ?? '?'} (built-in)`;
    const res = Object.entries(o.resolved ?? {}).map(([k, v]) => p.dim(`   ${visible(k)} = ${visible(String(v))}`));
    return { out: [head, ...res].join('\n'), err: '' };
  }
  return { out: formatResult(o.syscall?.name ?? o.builtin ?? '', o.result, p), err: '' };
}

/** Renders a result by the syscall (or built-in) that produced it; never fails. */
export function formatResult(name: string, r: unknown, p: Paint = NO_PAINT): string {
  if (r === undefined || r === null) return '';
  if (!isObj(r)) return str(r);
  switch (name) {
    case 'fs.pwd': return str(r.cwd);
    case 'fs.cd': return cdLine(r, p);
    case 'fs.ls': return entries(r.entries, p, false);
    case 'fs.find': return entries(r.entries, p, true);
    case 'fs.tree': return Array.isArray(r.lines) ? r.lines.map(str).join('\n') : fallback(r);
    case 'fs.cat': return block(r.content).replace(/\n$/, '');
    case 'fs.write': return p.dim(`wrote ${str(r.bytes)} bytes to ${str(r.path)}`);
    case 'fs.mkdir': return p.dim(`created ${str(r.path)}`);
    case 'fs.rm': return p.dim(`removed ${str(r.removed)}`);
    case 'fs.mv': return p.dim(`moved ${str(r.from)} -> ${str(r.to)}`);
    case 'fs.cp': return p.dim(`copied ${str(r.from)} -> ${str(r.to)}`);
    case 'fs.embed': return p.dim(`stored at ${str(r.path)}`);
    case 'fs.grep': case 'fs.grepMeaning': case 'fs.search': return hits(r, p);
    case 'fs.mount': return `mounted at ${str(r.root)}: ${str(r.files)} files imported, ${str(r.unchanged)} unchanged, ${str(r.removed)} removed, `
      + `${Array.isArray(r.skipped) ? r.skipped.length : 0} skipped; ${str(r.chunks)} chunks (${str(r.distinct)} distinct, ${str(r.embedded)} embedded) in ${str(r.ms)} ms`;
    case 'fs.export': return `exported ${str(r.files)} files (${str(r.bytes)} bytes) to ${str(r.host)}`;
    case 'proc.ps': return psTable(r.processes, p);
    case 'proc.split': return [procLine(r.parent, p), ...(Array.isArray(r.children) ? r.children.map((c) => `  ${procLine(c, p)}`) : [])].join('\n');
    case 'proc.lend': return `lent ${str(r.tokens)} tokens: ${procLine(r.from, p)}  ->  ${procLine(r.to, p)}`;
    case 'ipc.send': return messageSent(r, p);
    case 'ipc.broadcast': case 'ipc.multicast': return `delivered to ${str(r.delivered)} ${r.delivered === 1 ? 'process' : 'processes'}`;
    case 'ipc.group': return `${str(r.group)}: ${Array.isArray(r.members) && r.members.length ? r.members.map(str).join(' ') : '(deleted)'}`;
    case 'ipc.receive': return messages(r.messages, p);
    // streamed: the REPL already showed the answer as it came (runner-backend.ts)
    case 'ipc.ask': return (r.streamed === true ? '' : visibleLines(raw(r.answer).replace(/\n$/, ''))) + (r.blocked !== undefined ? `\n${p.yellow(`(the agent is now blocked: ${str(r.blocked)})`)}` : '');
    case 'mem.stat': return memStat(r, p);
    case 'agent.build': return buildReport(r, p);
    case 'sys.audit': return auditTable(r.records, p);
    case 'mem.read': return Array.isArray(r.entries) && r.entries.length ? r.entries.filter(isObj).map((e) => `${e.score !== undefined ? `${score(e.score)}  ` : ''}${p.dim(`${str(e.author)}:`)} ${str(e.text)}`).join('\n') : p.dim('(empty)');
    case 'mem.write': return p.dim(`wrote ${str(r.bytes)} bytes to ${isObj(r.region) ? str(r.region.id) : '?'}`);
    case 'sys.grant': case 'sys.revoke': return `${r.changed ? '' : p.dim('(unchanged) ')}${name === 'sys.grant' ? 'granted' : 'revoked'} ${str(r.permission)} ${name === 'sys.grant' ? 'to' : 'from'} ${isObj(r.process) ? str(r.process.pid) : '?'}`;
    case 'sys.auditVerify': return r.ok ? p.green(`audit chain intact (${str(r.records)} records)`) : p.red(`audit chain broken at record ${str(r.brokenAt)}: ${str(r.reason)}`);
    case 'help': case 'top': return block(r.text);
    case 'history': return Array.isArray(r.entries) ? r.entries.map((e, i) => `${String(i + 1).padStart(5)}  ${str(e)}`).join('\n') : '';
  }
  if (isObj(r.process)) return procLine(r.process, p) + (Array.isArray(r.merged) ? `  ${p.dim(`(merged ${r.merged.map(str).join(', ')})`)}` : '');
  if (isObj(r.region)) return regionLine(r.region);
  return fallback(r);
}

// cd by meaning says where it went; when others were nearly as close, it names them too.
function cdLine(r: Obj, p: Paint): string {
  if (r.score === undefined) return '';
  const others = Array.isArray(r.candidates) ? r.candidates.filter(isObj).filter((c) => c.path !== r.cwd) : [];
  const also = others.length ? `\n${p.dim(`also close: ${others.map((c) => `${str(c.path)} (${score(c.score)})`).join(', ')}`)}` : '';
  return `${str(r.cwd)}  ${p.dim(`(score ${score(r.score)})`)}${also}`;
}

// ls -l: size, modification time (UTC), name, description — a row per entry, like ls -l.
function longEntries(list: Obj[], p: Paint): string {
  const size = (e: Obj): string => (typeof e.size === 'number' ? humanSize(e.size) : '-');
  const when = (e: Obj): string => (typeof e.mtime === 'number' ? new Date(e.mtime).toISOString().slice(0, 16).replace('T', ' ') : '-');
  const w = Math.max(...list.map((e) => size(e).length));
  return list.map((e) => {
    const name = e.kind === 'dir' ? p.cyan(`${str(e.name)}/`) : str(e.name ?? e.path);
    const desc = typeof e.description === 'string' && e.description ? `  ${p.dim(firstLine(e.description))}` : '';
    return `${size(e).padStart(w)}  ${p.dim(when(e))}  ${name}${desc}`;
  }).join('\n');
}

/** "812", "1.2K", "3.4M": a size as ls -lh shows it. */
function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]!}`;
}

// find prints paths (as find does); ls prints names, or the long form when the entries carry mtime.
function entries(list: unknown, p: Paint, paths: boolean): string {
  if (!Array.isArray(list)) return '';
  const objs = list.filter(isObj);
  if (!paths && objs.length > 0 && objs.some((e) => 'mtime' in e)) return longEntries(objs, p);
  return objs.map((e) => {
    const label = paths ? str(e.path ?? e.name) : str(e.name ?? e.path);
    const name = e.kind === 'dir' ? p.cyan(`${label}/`) : label;
    const desc = typeof e.description === 'string' && e.description ? `  ${p.dim(str(e.description))}` : '';
    return e.score !== undefined ? `${score(e.score)}  ${name}${desc}` : `${name}${desc}`;
  }).join('\n');
}

function hits(r: Obj, p: Paint): string {
  const list = Array.isArray(r.hits) ? r.hits.filter(isObj) : [];
  if (Array.isArray(r.files) && list.length === 0) return r.files.map(str).join('\n');
  const out: string[] = [];
  for (const h of list) {
    for (const c of Array.isArray(h.context) ? h.context.filter(isObj) : []) {
      if (c.line !== h.line) out.push(p.dim(`${str(h.path)}-${str(c.line)}-  ${str(c.text)}`));
    }
    const sc = h.score !== undefined ? `  ${p.yellow(score(h.score))}` : '';
    out.push(`${p.cyan(`${str(h.path)}:${str(h.line)}`)}${sc}  ${firstLine(raw(h.text))}`);
  }
  return out.join('\n');
}

// A chunk hit's text may span lines; grep-style output shows its first non-blank line (--json has it all).
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return visible(t.length > 160 ? `${t.slice(0, 157)}...` : t);
}

/** Pads cells into aligned columns; the last column is not padded. */
export function table(rows: string[][], header?: string[], p: Paint = NO_PAINT): string {
  const all = header ? [header, ...rows] : rows;
  const widths: number[] = [];
  for (const r of all) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [...(header ? [p.bold(line(header))] : []), ...rows.map(line)].join('\n');
}

function psTable(list: unknown, p: Paint): string {
  const procs = Array.isArray(list) ? list.filter(isObj) : [];
  if (procs.length === 0) return p.dim('no processes');
  const rows = procs.map((x) => {
    const b = isObj(x.tokenBudget) ? x.tokenBudget : {};
    return [str(x.pid), str(x.name), str(x.state), str(x.priority), `${str(b.remaining)}/${str(b.allocated)}`, `${Math.round(Number(x.cpuTime) || 0)}ms`, str(x.description)];
  });
  const out = table(rows, ['PID', 'NAME', 'STATE', 'PRI', 'BUDGET', 'CPU', 'DESCRIPTION'], p);
  // ps -l: what each process may do, under the table (grants are long; a column would not fit)
  const grants = procs.filter((x) => Array.isArray(x.grants));
  if (!grants.length) return out;
  return [out, '', ...grants.map((x) => `${p.bold(str(x.pid))} ${str(x.role)}: ${(x.grants as unknown[]).map(str).join('  ')}`)].join('\n');
}

function procLine(x: unknown, p: Paint): string {
  if (!isObj(x)) return '';
  const reason = x.blockedReason ? ` ${p.dim(`(${str(x.blockedReason)})`)}` : '';
  return `${p.bold(str(x.pid))} ${str(x.name)} ${str(x.state)}${reason} priority ${str(x.priority)}  ${p.dim(str(x.description))}`;
}

function messageSent(r: Obj, p: Paint): string {
  const m = isObj(r.message) ? r.message : {};
  const route = isObj(r.route) ? `  ${p.dim(`(routed by meaning to ${str(r.route.pid)} ${str(r.route.name)}, score ${score(r.route.score)})`)}` : '';
  return `sent ${str(m.id)} to ${str(m.to)}${route}`;
}

function messages(list: unknown, p: Paint): string {
  const ms = Array.isArray(list) ? list.filter(isObj) : [];
  if (ms.length === 0) return p.dim('no messages');
  return table(ms.map((m) => [str(m.id), str(m.from), str(m.messageType), str(m.priority), payloadText(m.payload)]), ['ID', 'FROM', 'TYPE', 'PRI', 'MESSAGE'], p);
}

// An agent's RESPONSE payload is {ok, text | error, ...}: show the words, on one line (--json has it all).
function payloadText(v: unknown): string {
  let t: string;
  if (isObj(v) && typeof v.text === 'string') t = v.text;
  else if (isObj(v) && isObj(v.error)) t = `error ${raw(v.error.code)}: ${raw(v.error.message)}`;
  else t = raw(v);
  t = t.replace(/\s+/g, ' ').trim();
  return visible(t.length > 200 ? `${t.slice(0, 197)}...` : t);
}

function regionLine(r: Obj): string {
  const shared = Array.isArray(r.sharedWith) && r.sharedWith.length ? `  shared with ${r.sharedWith.map(str).join(', ')}` : '';
  return `${str(r.id)} "${str(r.description)}" owner ${str(r.owner)} ${str(r.usedTokens)}/${str(r.sizeTokens)} tokens${shared}`;
}

function memStat(r: Obj, p: Paint): string {
  const tiers = Array.isArray(r.tiers) ? r.tiers.filter(isObj) : [];
  const out = [table(tiers.map((t) => [str(t.tier), `${str(t.used)}/${str(t.capacity)} ${str(t.unit)}`, str(t.hits), str(t.misses), str(t.swaps)]), ['TIER', 'USED', 'HITS', 'MISSES', 'SWAPS'], p)];
  const regions = Array.isArray(r.regions) ? r.regions.filter(isObj) : [];
  if (regions.length) out.push('', p.bold('regions:'), ...regions.map(regionLine));
  return out.join('\n');
}

function auditTable(list: unknown, p: Paint): string {
  const recs = Array.isArray(list) ? list.filter(isObj) : [];
  if (recs.length === 0) return p.dim('no audit records');
  return table(recs.map((a) => [
    str(a.seq), typeof a.at === 'number' ? new Date(a.at).toISOString().replace('T', ' ').slice(0, 19) : str(a.at), str(a.principal), str(a.syscall),
    a.outcome === 'ok' ? str(a.outcome) : `${str(a.outcome)}${a.errorCode ? ` ${str(a.errorCode)}` : ''}`,
  ]), ['SEQ', 'TIME', 'WHO', 'SYSCALL', 'OUTCOME'], p);
}

function buildReport(r: Obj, p: Paint): string {
  const files = Array.isArray(r.files) ? r.files.filter(isObj) : [];
  const review = isObj(r.review) ? r.review : {};
  const agents = Array.isArray(r.agents) ? r.agents.filter(isObj) : [];
  return [
    `${p.bold(`built ${str(r.app)}`)}  ${p.dim(str(r.summary))}`,
    ...files.map((f) => `  ${str(f.path)}  ${p.dim(`${str(f.bytes)} bytes`)}`),
    `review: ${review.approved ? p.green('approved') : p.yellow('not approved')}, ${str(review.issues)} issues in ${str(review.rounds)} rounds`,
    `agents: ${agents.map((a) => `${str(a.pid)} ${str(a.name)} (${str(a.tokens)} tokens)`).join(', ')}; ${str(r.tokens)} tokens, ${str(r.messages)} messages, ${str(r.durationMs)} ms`,
  ].join('\n');
}

/** Readable `key: value` lines for any object; nested objects are indented. */
export function fallback(v: unknown, indent = ''): string {
  if (!isObj(v)) return `${indent}${str(v)}`;
  const out: string[] = [];
  for (const [k, val] of Object.entries(v)) {
    const key = visible(k);
    if (isObj(val)) out.push(`${indent}${key}:`, fallback(val, `${indent}  `));
    else if (Array.isArray(val) && val.some(isObj)) {
      out.push(`${indent}${key}:`);
      for (const item of val) out.push(fallback(item, `${indent}  `).replace(/^(\s*)/, '$1- '));
    } else out.push(`${indent}${key}: ${Array.isArray(val) ? val.map(str).join(', ') : str(val)}`);
  }
  return out.join('\n');
}
