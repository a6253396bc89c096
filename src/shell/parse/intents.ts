// The intents of layer 2 (shell layer; caller: matcher.ts): for every syscall (and the
// built-ins help, exit, top, history, clear) a handful of example utterances, embedded once
// per parser, and cue words that nudge the nearest-neighbour vote. Each intent lives in its
// command's file (commands/<name>.ts); this is the list, in the commands' order. Examples use no pids,
// paths or quotes: the matcher masks those in the input too, so only the wording counts.

import { COMMAND_SPECS } from './commands/index.js';
import type { Intent } from './commands/kit.js';

export type { Intent };

/** Every command's intent (a syscall name, or "builtin:<name>"). */
export const INTENTS: readonly Intent[] = COMMAND_SPECS.flatMap((c) => (c.intent ? [{ name: c.name, ...c.intent }] : []));
