// Man page to text (vfs layer): mount imports man pages (roff: man and mdoc macros) as
// readable text, so that grep shows prose and the embedder sees words, not markup such as
// "\fB" or ".SH". A light converter, not a typesetter. Called by host-import.ts.

const DROP = new Set([
  'TH', 'PP', 'P', 'LP', 'TP', 'TQ', 'RS', 'RE', 'br', 'sp', 'nf', 'fi', 'in', 'ti', 'ad', 'na', 'ne', 'ds', 'de', 'if', 'ie',
  'el', 'so', 'hy', 'nh', 'ft', 'ps', 'vs', 'ta', 'ig', 'ce', 'UC', 'Dd', 'Dt', 'Os', 'Bl', 'El', 'Bd', 'Ed', 'Pp', 'Lp',
  'EX', 'EE', 'ns', 'rs', 'mk', 'rt', 'lf', 'cc', 'tr', 'nr', 'rm', 'als', 'ec', 'eo', 'Sm', 'YS',
]);

/** True when text looks like a roff man page (by its first macro lines). */
export function isManPage(name: string, text: string): boolean {
  if (!/\.\d[a-z]*$/i.test(name)) return false;
  const head = text.slice(0, 2000);
  return /^\.(TH|Dd|SH|Sh)\b/m.test(head) || head.startsWith('.\\"') || head.startsWith("'\\\"");
}

/** Replaces roff escapes in a line with their plain characters. */
function unescape(s: string): string {
  if (!s.includes('\\')) return s; // most lines: no escape to replace, and 14 regex scans saved
  return s
    .replace(/\\f(\[[^\]]*\]|\(..|.)/g, '')
    .replace(/\\\*(\[[^\]]*\]|\(..|.)/g, '')
    .replace(/\\\((em|en)/g, '-')
    .replace(/\\\((lq|rq|dq)/g, '"')
    .replace(/\\\((oq|cq|aq)/g, "'")
    .replace(/\\\((bu|bb)/g, '*')
    .replace(/\\\(../g, '')
    .replace(/\\\[[^\]]*\]/g, '')
    .replace(/\\[-]/g, '-')
    .replace(/\\e/g, '\\')
    .replace(/\\[ ~0]/g, ' ')
    .replace(/\\[&,/%|^)c:]/g, '')
    .replace(/\\s[-+]?\d/g, '')
    .replace(/\\"/g, '');
}

/** The args of a macro line, unquoted, with mdoc's flag macro shown as a dash. */
function macroText(name: string, rest: string): string {
  const args = (rest.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, ''));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'Fl' && i + 1 < args.length) {
      out.push('-' + args[++i]!);
      continue;
    }
    if (/^(Ar|Op|Oo|Oc|Ns|Xo|Xc|Ql|Pa|Cm|Ic|Em|Sy|Li|Nm|Dq|Sq|Pq|Xr|Ev|Va|Fn|Fa|Ft|No)$/.test(a)) continue;
    out.push(a);
  }
  const text = out.join(name === 'BR' || name === 'IR' || name === 'BI' || name === 'RB' || name === 'RI' || name === 'IB' ? '' : ' ');
  if (name === 'Fl') return '-' + text;
  if (name === 'Nd') return '- ' + text;
  if (name === 'Op') return '[' + text + ']';
  return text;
}

/** Converts a roff man page to plain text, one output line per text or macro line that shows something. */
export function manToText(roff: string): string {
  const out: string[] = [];
  for (const raw of roff.split('\n')) {
    if (/^['.]\s*\\"/.test(raw) || raw === '.') continue;
    const m = /^[.'](\S+)\s*(.*)$/.exec(raw);
    if (!m) {
      out.push(unescape(raw));
      continue;
    }
    const name = m[1]!;
    if (DROP.has(name)) {
      if (name === 'TP' || name === 'PP' || name === 'P' || name === 'LP' || name === 'Pp' || name === 'sp') {
        if (out.length && out[out.length - 1] !== '') out.push('');
      }
      continue;
    }
    const text = unescape(macroText(name, m[2] ?? '')).trim();
    if (name === 'SH' || name === 'Sh' || name === 'SS' || name === 'Ss') {
      if (out.length && out[out.length - 1] !== '') out.push('');
      out.push(text);
      continue;
    }
    if (text) out.push(text);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
