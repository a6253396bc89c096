// Help and grammar cannot disagree (issue 12): every kernel syscall's descriptor usage line
// (placeholders filled in, optional parts dropped) and every one of its examples parses to
// that syscall through the whole parser (glove embedder, no model).
import { beforeAll, describe, expect, it } from 'vitest';
import { createGloveEmbedder } from '../../../src/embed/glove.js';
import { KERNEL_SYSCALLS } from '../../../src/kernel/syscall-list.js';
import { createParser, type Parser } from '../../../src/shell/parse/parser.js';

let parser: Parser;
beforeAll(async () => {
  const glove = await createGloveEmbedder();
  parser = createParser({ embedder: async () => glove });
}, 120_000);

const FILL: [RegExp, string][] = [
  [/\bPROC(?:\.\.\.)?\b/g, 'p3'], [/\bREGION\b/g, 'm1'], [/\bHOSTDIR\b/g, './out'], [/\/PATH\b/g, '/apps/web'], [/\bPATH\b/g, '/apps/a.md'],
  [/\bFROM\b/g, '/apps/a.md'], [/\bTO\b/g, '/apps/b.md'], [/\bGROUP\b/g, 'team'], [/\bNAME\b/g, 'n1'], [/\bWHO\b/g, 'alice'],
  [/\bPRIORITY\b/g, 'high'], [/\bPERMISSION\b/g, 'fs.write:/apps/**'], [/\bN%/g, '50%'], [/\bN\b/g, '5'], [/\bCOMMAND\b/g, 'ls'],
];

/** The usage line's forms, optional parts dropped and placeholders filled in. */
function forms(usage: string): string[] {
  // split on the top-level " | " only (not inside [optional | parts])
  const alts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < usage.length; i++) {
    const ch = usage[i]!;
    depth += ch === '[' ? 1 : ch === ']' ? -1 : 0;
    if (depth === 0 && usage.startsWith(' | ', i)) { alts.push(cur); cur = ''; i += 2; continue; }
    cur += ch;
  }
  alts.push(cur);
  return alts.map((f) => {
    let s = f.replace(/\s*\[[^\]]*\]/g, '').trim();
    for (const [re, v] of FILL) s = s.replace(re, v);
    return s;
  });
}

describe('descriptors and the parser agree', () => {
  for (const d of KERNEL_SYSCALLS) {
    it(`${d.name}: usage "${d.usage}" and its examples parse to ${d.name}`, async () => {
      for (const line of [...forms(d.usage), ...d.examples]) {
        const c = await parser.parse(line).catch((e: unknown) => ({ kind: 'error' as const, code: (e as { code?: string }).code ?? String(e) }));
        const got = c.kind === 'syscall' ? c.syscall : c.kind === 'builtin' ? `builtin:${c.builtin}` : c.code;
        // a usage may name a sibling's form ("audit verify" in audit's usage): it must be exactly that sibling's usage
        const sibling = KERNEL_SYSCALLS.find((o) => o.name === got && o.name !== d.name && forms(o.usage).includes(line));
        expect(sibling ? d.name : got, line).toBe(d.name);
      }
    });
  }
});
