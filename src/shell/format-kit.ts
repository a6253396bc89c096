// Shared pieces of the plain-text formatters (shell layer; callers: format-plain.ts and each
// command's `format` in parse/commands/*.ts): the Paint type, the str()/block() escapes every
// piece of data goes through (safe-text.ts: a file name or a model's reply cannot drive the
// terminal), aligned tables, and the lines more than one command prints (ls/find entries, grep
// hits, a process, a region) and the `key: value` fallback. Imports nothing of the commands.
import { visible, visibleLines } from './safe-text.js';

export { visible, visibleLines };

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

/** A result object, as a formatter receives it. */
export type Obj = Record<string, unknown>;
/** Whether a value is a plain object (not null, not an array). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value as text, unescaped: strings as they are, objects as JSON, nothing as ''. */
export const raw = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
/** A one-line field, control characters (newlines too) made visible. */
export const str = (v: unknown): string => visible(raw(v));
/** Multi-line text (file contents, help), control characters but newline and tab made visible. */
export const block = (v: unknown): string => visibleLines(raw(v));
/** A similarity score to three decimals; '' when it is not a number. */
export const score = (v: unknown): string => (typeof v === 'number' ? v.toFixed(3) : '');

/** Pads cells into aligned columns; the last column is not padded. */
export function table(rows: string[][], header?: string[], p: Paint = NO_PAINT): string {
  const all = header ? [header, ...rows] : rows;
  const widths: number[] = [];
  for (const r of all) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [...(header ? [p.bold(line(header))] : []), ...rows.map(line)].join('\n');
}

/** Returns the first non-blank line of a text, trimmed, cut at 160 characters, made visible. */
// A chunk hit's text may span lines; grep-style output shows its first non-blank line (--json has it all).
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return visible(t.length > 160 ? `${t.slice(0, 157)}...` : t);
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

/** Returns directory entries a line each: paths (as find prints) or names, or ls -l's long form when they carry mtime. */
export function entries(list: unknown, p: Paint, paths: boolean): string {
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

/** Returns grep-style hits (`path:line  score  text`, context lines dimmed), or the file list of grep -l. */
export function hits(r: Obj, p: Paint): string {
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

/** Returns one process as a line (pid, name, state, priority, description); '' for a non-object. */
export function procLine(x: unknown, p: Paint): string {
  if (!isObj(x)) return '';
  const reason = x.blockedReason ? ` ${p.dim(`(${str(x.blockedReason)})`)}` : '';
  return `${p.bold(str(x.pid))} ${str(x.name)} ${str(x.state)}${reason} priority ${str(x.priority)}  ${p.dim(str(x.description))}`;
}

/** Returns one memory region as a line (id, description, owner, use, sharing). */
export function regionLine(r: Obj): string {
  const shared = Array.isArray(r.sharedWith) && r.sharedWith.length ? `  shared with ${r.sharedWith.map(str).join(', ')}` : '';
  return `${str(r.id)} "${str(r.description)}" owner ${str(r.owner)} ${str(r.usedTokens)}/${str(r.sizeTokens)} tokens${shared}`;
}

/** Returns a {process, merged?} result (proc.spawn, proc.kill, ...) as its process line; other shapes as generic(). */
export function processResult(r: Obj, p: Paint): string {
  if (!isObj(r.process)) return generic(r, p);
  return procLine(r.process, p) + (Array.isArray(r.merged) ? `  ${p.dim(`(merged ${r.merged.map(str).join(', ')})`)}` : '');
}

/** Returns a {region} result (mem.malloc, mem.free, mem.share) as its region line; other shapes as generic(). */
export function regionResult(r: Obj, p: Paint): string {
  return isObj(r.region) ? regionLine(r.region) : generic(r, p);
}

/** The rendering of a result no command formats: a process line, a region line, or fallback(). */
export function generic(r: Obj, p: Paint): string {
  if (isObj(r.process)) return processResult(r, p);
  if (isObj(r.region)) return regionResult(r, p);
  return fallback(r);
}

/** Returns an agent's RESPONSE payload ({ok, text | error, ...}) as its words on one line, cut at 200 (--json has it all). */
export function payloadText(v: unknown): string {
  let t: string;
  if (isObj(v) && typeof v.text === 'string') t = v.text;
  else if (isObj(v) && isObj(v.error)) t = `error ${raw(v.error.code)}: ${raw(v.error.message)}`;
  else t = raw(v);
  t = t.replace(/\s+/g, ' ').trim();
  return visible(t.length > 200 ? `${t.slice(0, 197)}...` : t);
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
