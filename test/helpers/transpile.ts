// For crash tests that run src/ in a real child `node` process without a build: transpiles a
// TypeScript entry and every relative import it reaches into a directory, keeping the layout.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const REPO = resolve(import.meta.dirname, '..', '..');

/** Transpiles entry and every relative import it reaches into out/, keeping the layout. */
export function transpileClosure(entry: string, out: string): void {
  const todo = [entry];
  const done = new Set<string>();
  while (todo.length) {
    const file = todo.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)\s(?!type\s)[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) {
      todo.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    }
    const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const dest = join(out, relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, js);
  }
}
