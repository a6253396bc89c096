// Vitest global setup: builds the GloVe binary cache once, before any test worker starts, in a
// directory shared by all workers and runs (NLSH_CACHE_DIR if set, else <tmpdir>/nlsh-test-cache),
// and exports that directory to the workers through NLSH_CACHE_DIR. Tests never touch the real home.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGloveTables, locateGloveSource } from '../src/embed/glove-cache.js';
import { closeGlove } from '../src/embed/glove-format.js';

export default async function setup(): Promise<void> {
  const dir = process.env.NLSH_CACHE_DIR || join(tmpdir(), 'nlsh-test-cache');
  process.env.NLSH_CACHE_DIR = dir;
  if (!locateGloveSource()) return; // glove tests will report embed.gloveMissing themselves
  const started = Date.now();
  const load = await loadGloveTables({ cacheDir: dir });
  closeGlove(load.tables);
  if (load.origin !== 'cache') {
    process.stderr.write(`[global-setup] GloVe cache ${load.origin} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${load.file}\n`);
  }
}
