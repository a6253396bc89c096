// sys.audit: the English side of syscall sys.audit (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rule is in ../rules-*.ts.
import { countIn, opt } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';

const extract: Extractor = (u) => ({ ...opt('limit', countIn(u.text, /\b(?:last|latest|recent|first|top)\s+(\S+)/i)) });

export const command: CommandSpec = {
  name: 'sys.audit',
  intent: { heads: ['audit'], cues: ['audit', 'happened'], examples: [
    'show the audit log', 'what happened recently', 'who did what', 'list the audit records', 'show me the security log'] },
  extract,
  phrases: [],
};
