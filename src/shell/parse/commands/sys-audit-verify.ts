// sys.auditVerify: how the parser reads syscall sys.auditVerify (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 form (`audit verify`) is read by the rule in sys-audit.ts.
import type { CommandSpec, Extractor } from './kit.js';
import { str } from '../../format-kit.js';

const extract: Extractor = () => ({});

export const command: CommandSpec = {
  name: 'sys.auditVerify',
  format: (r, p) => (r.ok ? p.green(`audit chain intact (${str(r.records)} records)`) : p.red(`audit chain broken at record ${str(r.brokenAt)}: ${str(r.reason)}`)),
  intent: { heads: ['verify'], cues: ['verify', 'tamper', 'integrit', 'check', 'chain', 'intact'], examples: [
    'verify the audit log', 'check the audit chain for tampering', 'is the audit log intact', 'check the integrity of the log'] },
  extract,
  phrases: [],
};
