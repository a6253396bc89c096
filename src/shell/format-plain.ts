// The plain-text formatter (shell layer): renders an Outcome the way a Unix tool would — ls
// columns, a ps table, grep's `path:line  score  text` — and errors as "nlsh: <message>" plus
// "hint: ..." for stderr. Each command's result rendering is the `format` in its own file
// (parse/commands/<name>.ts, helpers in format-kit.ts); this file looks it up by the syscall or
// built-in name, and results no command formats fall back to readable `key: value` lines.
// Colour comes from an injected Paint (chalk, made by the CLI only when colour is allowed).
// Every piece of data goes through str()/block(), which show control characters as visible
// escapes (safe-text.ts): a file name or a model's reply cannot drive the terminal.
// Called by the CLI's script runner and the TUI's runner backend.
import { fallback, generic, isObj, NO_PAINT, str, table, visible, type Obj, type Paint } from './format-kit.js';
import { COMMAND_SPECS } from './parse/commands/index.js';
import type { Outcome } from './runner.js';

export { fallback, NO_PAINT, table, type Paint };

// Each command's formatter, by the name an outcome carries: the syscall, or the bare built-in ("help").
const FORMATS = new Map<string, (r: Obj, p: Paint) => string>(
  COMMAND_SPECS.flatMap((c) => (c.format ? [[c.name.replace(/^builtin:/, ''), c.format] as const] : [])),
);

/** Text for stdout and for stderr; either may be empty; neither ends with a newline. */
export interface Rendered {
  out: string;
  err: string;
}

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
  return FORMATS.get(name)?.(r, p) ?? generic(r, p);
}
