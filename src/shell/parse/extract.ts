// Per-syscall slot extractors for layer 2 (shell layer; callers: parser.ts, rules-proc.ts):
// given an English sentence already classified as syscall S, return S's arguments in the
// exact shapes of its kernel descriptor, or throw Miss naming the slot that is missing. Each
// extractor lives in its command's file (commands/<name>.ts); this is the lookup by name.
import { COMMAND_SPECS } from './commands/index.js';
import type { Extractor } from './commands/kit.js';

export type { Extractor };

/** The extractor of each command that has one, by syscall name. */
export const EXTRACTORS: Partial<Record<string, Extractor>> = Object.fromEntries(
  COMMAND_SPECS.flatMap((c) => (c.extract ? [[c.name, c.extract] as const] : [])),
);
