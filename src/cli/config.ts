// `nlsh config get|set|unset|list|path` (cli layer), through conf with cwd = the config
// directory (the home when --home is given, else $XDG_CONFIG_HOME/nlsh). conf is imported
// lazily so ordinary runs never load it. Called by main.ts and the shell's `config` built-in.
import { EXIT, NlshError } from '../base/errors.js';
import { CONFIG_KEYS, configDir, type SettingFlags, resolveSettings } from './settings.js';

/** What a config action returns: text lines for plain output, and a value for --json. */
export interface ConfigAnswer {
  lines: string[];
  value: unknown;
}

const ACTIONS = ['get', 'set', 'unset', 'list', 'path'] as const;

function knownKey(key: string | undefined): string {
  if (!key) throw new NlshError('config.usage', 'which key?', { hint: `keys: ${Object.keys(CONFIG_KEYS).join(', ')}`, exitCode: EXIT.usage });
  if (!CONFIG_KEYS[key]) {
    throw new NlshError('config.unknownKey', `no setting called '${key}'`, { hint: `keys: ${Object.keys(CONFIG_KEYS).join(', ')}`, exitCode: EXIT.usage });
  }
  return key;
}

/** Runs one config action; fails with config.usage, config.unknownKey, config.invalid or config.unset (get of an unset key). */
export async function runConfig(
  action: string, key: string | undefined, value: string | undefined, flags: SettingFlags, env: NodeJS.ProcessEnv = process.env,
): Promise<ConfigAnswer> {
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new NlshError('config.usage', `unknown config action '${action}'`, { hint: `use one of: ${ACTIONS.join(', ')}`, exitCode: EXIT.usage });
  }
  const { default: Conf } = await import('conf');
  const store = new Conf<Record<string, unknown>>({ cwd: configDir(flags.home, env), configName: 'config', projectName: 'nlsh' });
  switch (action) {
    case 'path':
      return { lines: [store.path], value: store.path };
    case 'get': {
      const k = knownKey(key);
      // get shows the effective value (flags > env > file > default), which is what a run would use
      const eff = resolveSettings(flags, env) as unknown as Record<string, unknown>;
      const v = eff[k];
      if (v === undefined) throw new NlshError('config.unset', `${k} is not set`, { hint: `nlsh config set ${k} VALUE` });
      return { lines: [String(v)], value: v };
    }
    case 'set': {
      const k = knownKey(key);
      if (value === undefined) throw new NlshError('config.usage', `no value for ${k}`, { hint: `nlsh config set ${k} VALUE`, exitCode: EXIT.usage });
      const v = CONFIG_KEYS[k]!.parse(value);
      store.set(k, v);
      return { lines: [`${k} = ${String(v)}`], value: { [k]: v } };
    }
    case 'unset': {
      const k = knownKey(key);
      store.delete(k);
      return { lines: [], value: { [k]: null } };
    }
    default: {
      // list: every key with its effective value and where it came from
      const file = store.store;
      const eff = resolveSettings(flags, env) as unknown as Record<string, unknown>;
      const rows = Object.entries(CONFIG_KEYS).map(([k, def]) => {
        const from = (flags as Record<string, unknown>)[k] !== undefined ? 'flag' : env[def.env] !== undefined && env[def.env] !== '' ? 'env' : file[k] !== undefined ? 'file' : eff[k] !== undefined ? 'default' : 'unset';
        return { key: k, value: eff[k] ?? null, from, describe: def.describe };
      });
      const w = Math.max(...rows.map((r) => r.key.length));
      return {
        lines: rows.map((r) => `${r.key.padEnd(w)}  ${r.value === null ? '-' : String(r.value)}  (${r.from})`),
        value: Object.fromEntries(rows.map((r) => [r.key, r.value])),
      };
    }
  }
}
