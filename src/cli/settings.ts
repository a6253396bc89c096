// Settings resolution (cli layer): flags > NLSH_* environment > config file > defaults. The
// config file lives under --home (or NLSH_HOME) when given, else under $XDG_CONFIG_HOME/nlsh
// on every OS. Reading it here is a plain JSON read (conf, which writes it, is only loaded by
// `nlsh config`), so starting up stays fast. Called by main.ts and config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT, NlshError } from '../base/errors.js';
import { resolveHome } from '../base/paths.js';
import type { EmbedderKind } from '../embed/types.js';

/** Everything a run needs to know. */
export interface Settings {
  home: string;
  configFile: string;
  embedder: EmbedderKind;
  model: string | undefined;
  ollamaHost: string | undefined;
  historySize: number;
  /** Host directories mount and export may touch besides the current directory. */
  allowedRoots: string[];
}

/** Settings given on the command line (undefined = not given). */
export interface SettingFlags {
  home?: string;
  embedder?: string;
  model?: string;
  ollamaHost?: string;
}

/** One configurable key: its environment variable, default and checker. */
export interface ConfigKey {
  env: string;
  describe: string;
  default?: string | number;
  /** Returns the stored value for a text value; fails with config.invalid. */
  parse(text: string): string | number;
}

const EMBEDDERS: readonly EmbedderKind[] = ['glove', 'ollama', 'hash'];

/** The keys `nlsh config` knows. */
export const CONFIG_KEYS: Readonly<Record<string, ConfigKey>> = {
  embedder: {
    env: 'NLSH_EMBEDDER', describe: 'glove (default, offline), ollama, or hash (tests)', default: 'glove',
    parse: (t) => oneOf('embedder', t, EMBEDDERS),
  },
  model: { env: 'NLSH_MODEL', describe: 'Ollama chat model for agents, e.g. llama3.2', parse: (t) => nonEmpty('model', t) },
  ollamaHost: { env: 'NLSH_OLLAMA_HOST', describe: 'Ollama URL (else OLLAMA_HOST, else http://127.0.0.1:11434)', parse: (t) => url(t) },
  allowedRoots: {
    env: 'NLSH_ALLOWED_ROOTS', describe: 'host directories mount/export may touch besides the current one, comma-separated', default: '',
    parse: (t) => t.split(',').map((d) => d.trim()).filter((d) => d !== '').map((d) => resolve(d.replace(/^~(?=\/|$)/, homedir()))).join(','),
  },
  historySize: {
    env: 'NLSH_HISTORY_SIZE', describe: 'lines of shell history kept', default: 1000,
    parse: (t) => {
      const n = Number(t);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw invalid('historySize', t, 'a whole number from 1 to 1000000');
      return n;
    },
  },
};

function invalid(key: string, value: string, want: string): NlshError {
  return new NlshError('config.invalid', `invalid ${key}: '${value}'`, { hint: `${key} must be ${want}`, exitCode: EXIT.usage });
}
function oneOf<T extends string>(key: string, t: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(t)) throw invalid(key, t, `one of ${allowed.join(', ')}`);
  return t as T;
}
function nonEmpty(key: string, t: string): string {
  if (!t.trim()) throw invalid(key, t, 'a non-empty name');
  return t.trim();
}
function url(t: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(t) ? t : `http://${t}`;
  try {
    return new URL(withScheme).toString().replace(/\/$/, '');
  } catch {
    throw invalid('ollamaHost', t, 'a URL such as http://127.0.0.1:11434');
  }
}

/** The directory holding config.json: the home when one is given (flag or NLSH_HOME), else XDG config. */
export function configDir(homeFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (homeFlag) return resolve(homeFlag);
  if (env.NLSH_HOME) return resolve(env.NLSH_HOME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'nlsh');
}

/** The config file's values; a missing file is {}; a broken one fails with config.broken. */
export function readConfigFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch (err) {
    throw new NlshError('config.broken', `cannot read config file ${file}`, { hint: 'fix or delete it (nlsh config path shows where it is)', cause: err });
  }
}

/** Resolves every setting: flags > NLSH_* env (OLLAMA_HOST for the host) > file > defaults; fails with config.invalid. */
export function resolveSettings(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const dir = configDir(flags.home, env);
  const configFile = join(dir, 'config.json');
  const file = readConfigFile(configFile);
  const pick = (key: string, flag: string | undefined, extraEnv?: string): string | number | undefined => {
    const k = CONFIG_KEYS[key]!;
    if (flag !== undefined) return k.parse(flag);
    const e = env[k.env] ?? (extraEnv ? env[extraEnv] : undefined);
    if (e !== undefined && e !== '') return k.parse(e);
    const f = file[key];
    if (f !== undefined && f !== null) return k.parse(String(f));
    return k.default;
  };
  return {
    home: resolveHome(flags.home, env),
    configFile,
    embedder: pick('embedder', flags.embedder) as EmbedderKind,
    model: pick('model', flags.model) as string | undefined,
    ollamaHost: pick('ollamaHost', flags.ollamaHost, 'OLLAMA_HOST') as string | undefined,
    historySize: pick('historySize', undefined) as number,
    allowedRoots: String(pick('allowedRoots', undefined) ?? '').split(',').filter((d) => d !== ''),
  };
}
