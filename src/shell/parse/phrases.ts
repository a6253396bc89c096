// The phrasebook (shell layer; caller: parser.ts, between layer 1 and the intent matcher):
// whole-sentence English patterns people type that the canonical grammar does not take —
// questions ("which files mention X?", "what's in /agents?"), requests ("make room for ...",
// "let p2 use m3", "add "x" to the end of f") — each with its slot rules. A pattern either
// fits the whole sentence and yields a confident reading, or throws Miss (the slot is not
// what it must be: a path where a process is meant, "everything" where one thing is meant),
// and the next pattern is tried. Deterministic: no embedder. Each command's phrases live in its
// file (commands/<name>.ts); they are tried in the commands' order.
import { Miss, type RuleResult } from './grammar-kit.js';
import { pathsIn, unpolite } from './slots.js';
import { COMMAND_SPECS } from './commands/index.js';

const PHRASES = COMMAND_SPECS.flatMap((c) => c.phrases);

/** Returns the phrasebook's reading of a line, or null when no pattern fits it whole. */
export function phraseOf(line: string): RuleResult | null {
  const text = unpolite(line);
  // every phrase is a sentence of two words or more (test/shell/parse/phrases.test.ts checks it);
  // a one-word line (pwd, ls, help) skips compiling and running the ~50 patterns at start-up
  if (!/\s/.test(text)) return null;
  if (pathsIn(text).length > 3) return null;
  for (const [re, build] of PHRASES) {
    const m = re.exec(text);
    if (!m) continue;
    try {
      return build(m, text);
    } catch (err) {
      if (!(err instanceof Miss)) throw err;
    }
  }
  return null;
}
