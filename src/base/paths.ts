// Where nlsh keeps things (base layer). All state lives under the home directory
// (--home / NLSH_HOME, default $XDG_DATA_HOME/nlsh); caches that can be shared between homes
// (the GloVe binary) live under $XDG_CACHE_HOME/nlsh.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The home directory for state: explicit value, else NLSH_HOME, else XDG data dir. */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.NLSH_HOME) return resolve(env.NLSH_HOME);
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'nlsh');
}

/** The shared cache directory: NLSH_CACHE_DIR, else $XDG_CACHE_HOME/nlsh. */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NLSH_CACHE_DIR) return resolve(env.NLSH_CACHE_DIR);
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'nlsh');
}

/** The database file inside a home. */
export function databasePath(home: string): string {
  return join(home, 'nlsh.db');
}
