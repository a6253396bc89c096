#!/usr/bin/env node
// Writes BENCHMARKS.md: bench/results/headline.md (the figures against the issues' targets),
// then every area's results file from bench/results/, its headings one level down.
// Run after updating a results file: node scripts/assemble-benchmarks.mjs
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'bench', 'results');
const AREAS = ['kernel-core', 'scheduler', 'bus-memory', 'embed', 'vfs', 'scaling', 'parser', 'startup', 'repl', 'top', 'build', 'agents', 'hardening'];

/** Headings one level down, outside fenced code blocks (where `# ...` is a shell comment). */
function demote(md) {
  let fenced = false;
  return md
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) fenced = !fenced;
      return !fenced && /^#+ /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}
const parts = [fs.readFileSync(path.join(dir, 'headline.md'), 'utf8').trimEnd()];
for (const area of AREAS) parts.push(demote(fs.readFileSync(path.join(dir, `${area}.md`), 'utf8').trimEnd()));
fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), parts.join('\n\n---\n\n') + '\n');
console.log(`BENCHMARKS.md: headline + ${AREAS.length} areas`);
