#!/usr/bin/env node
// Import checks for src/ (run by `npm test`): no import cycles, dependencies point down the
// layers of DESIGN.md, and each wrapped third-party library has exactly one importer.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');
const RANK = { base: 0, llm: 1, embed: 2, vfs: 3, kernel: 4, agents: 5, shell: 6, tui: 7, cli: 8 };
const WRAPPED = {
  'better-sqlite3': ['base/sqlite.ts'],
  'hnswlib-node': ['vfs/hnsw.ts'],
  ollama: ['llm/ollama.ts'],
};
const UI_ONLY = ['ink', 'react', 'ink-testing-library', '@inquirer/prompts'];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = walk(root);
const graph = new Map();
const problems = [];
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function layerOf(rel) {
  const top = rel.split('/')[0];
  return top in RANK ? top : null;
}

for (const file of files) {
  const rel = relative(root, file);
  const src = readFileSync(file, 'utf8');
  const deps = [];
  for (const m of src.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec) continue;
    if (spec.startsWith('.')) {
      let target = resolve(dirname(file), spec).replace(/\.js$/, '');
      const cands = [target + '.ts', target + '.tsx', join(target, 'index.ts')];
      const hit = cands.find((c) => files.includes(c));
      if (!hit) { problems.push(`${rel}: cannot resolve import '${spec}'`); continue; }
      deps.push(hit);
      const from = layerOf(rel);
      const to = layerOf(relative(root, hit));
      if (from && to && RANK[to] > RANK[from]) problems.push(`${rel}: imports up a layer (${from} -> ${to}) via '${spec}'`);
    } else {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (WRAPPED[pkg] && !WRAPPED[pkg].includes(rel)) problems.push(`${rel}: imports '${pkg}', which only ${WRAPPED[pkg].join(', ')} may import`);
      if (UI_ONLY.includes(pkg) && !rel.startsWith('tui/')) problems.push(`${rel}: imports '${pkg}', which only src/tui/ may import`);
    }
  }
  graph.set(file, deps);
}

// Cycle detection (iterative DFS with colours); type-only imports count too, as they couple files.
const colour = new Map();
const stack = [];
function dfs(start) {
  const work = [[start, 0]];
  colour.set(start, 1); stack.push(start);
  while (work.length) {
    const top = work[work.length - 1];
    const deps = graph.get(top[0]) ?? [];
    if (top[1] < deps.length) {
      const next = deps[top[1]++];
      const c = colour.get(next) ?? 0;
      if (c === 1) {
        const cycle = stack.slice(stack.indexOf(next)).concat(next).map((f) => relative(root, f));
        problems.push(`import cycle: ${cycle.join(' -> ')}`);
      } else if (c === 0) {
        colour.set(next, 1); stack.push(next); work.push([next, 0]);
      }
    } else {
      colour.set(top[0], 2); stack.pop(); work.pop();
    }
  }
}
for (const f of files) if (!colour.get(f)) dfs(f);

if (problems.length) {
  console.error(`check-imports: ${problems.length} problem(s)\n` + problems.map((p) => '  ' + p).join('\n'));
  process.exit(1);
}
console.log(`check-imports: ${files.length} files, no cycles, layers respected`);
