// The most common command line read without commander (cli layer; called by main.ts):
// `nlsh [flags] -c 'cmd; cmd'`. Loading and configuring commander was a few per cent of
// `nlsh -c pwd`. Anything else — a script, a subcommand, --help, an unknown or repeated flag,
// `--flag=value`, a value that starts with '-' — gives null and goes to commander, which stays
// the one definition of the command line; test/cli/fast-args.test.ts checks that both read
// every line taken here the same way.
import type { GlobalOpts } from './jobs.js';

type ValueKey = 'command' | 'home' | 'embedder' | 'model' | 'ollamaHost';
type FlagKey = 'json' | 'yes' | 'keepGoing' | 'dryRun' | 'color' | 'wait';

const VALUES: Readonly<Record<string, ValueKey>> = {
  '-c': 'command', '--command': 'command', '--home': 'home', '--embedder': 'embedder', '--model': 'model', '--ollama-host': 'ollamaHost',
};
const FLAGS: Readonly<Record<string, readonly [FlagKey, boolean]>> = {
  '--json': ['json', true], '-y': ['yes', true], '--yes': ['yes', true], '--keep-going': ['keepGoing', true],
  '--dry-run': ['dryRun', true], '--no-color': ['color', false], '--no-wait': ['wait', false],
};

/** Returns the options of a plain `-c` command line (args after node and the script), as commander would give them; null for any other line. */
export function fastOptions(args: readonly string[]): GlobalOpts | null {
  const o: GlobalOpts = { color: true, wait: true }; // commander's defaults for --no-color and --no-wait
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = Object.hasOwn(VALUES, arg) ? VALUES[arg] : undefined;
    const flag = Object.hasOwn(FLAGS, arg) ? FLAGS[arg] : undefined;
    const key = value ?? flag?.[0];
    if (key === undefined || seen.has(key)) return null;
    seen.add(key);
    if (value) {
      const v = args[++i];
      if (v === undefined || v.startsWith('-')) return null;
      o[value] = v;
    } else if (flag) {
      o[flag[0]] = flag[1];
    }
  }
  return o.command !== undefined ? o : null;
}
