// sys.audit: how the parser reads syscall sys.audit (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { AUDIT_USAGE } from '../rules-misc.js';
import { flagCount, isWord, noMore, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { countIn, opt, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, str, table } from '../../format-kit.js';
import type { Paint } from '../../format-kit.js';

const extract: Extractor = (u) => ({ ...opt('limit', countIn(u.text, /\b(?:last|latest|recent|first|top)\s+(\S+)/i)) });

function auditTable(list: unknown, p: Paint): string {
  const recs = Array.isArray(list) ? list.filter(isObj) : [];
  if (recs.length === 0) return p.dim('no audit records');
  return table(recs.map((a) => [
    str(a.seq), typeof a.at === 'number' ? new Date(a.at).toISOString().replace('T', ' ').slice(0, 19) : str(a.at), str(a.principal), str(a.syscall),
    a.outcome === 'ok' ? str(a.outcome) : `${str(a.outcome)}${a.errorCode ? ` ${str(a.errorCode)}` : ''}`,
  ]), ['SEQ', 'TIME', 'WHO', 'SYSCALL', 'OUTCOME'], p);
}

export const command: CommandSpec = {
  name: 'sys.audit',
  format: (r, p) => auditTable(r.records, p),
  intent: { heads: ['audit'], cues: ['audit', 'happened'], examples: [
    'show the audit log', 'what happened recently', 'who did what', 'list the audit records', 'show me the security log'] },
  extract,
  rules: [
    {
      words: ['audit'], usage: AUDIT_USAGE, syscall: 'sys.audit',
      rule: (rest) => {
        if (isWord(rest[0], ['verify', 'check', '--verify'])) {
          noMore(rest.slice(1), AUDIT_USAGE);
          return { syscall: 'sys.auditVerify', args: {} };
        }
        const { flags, rest: r } = takeFlags(rest, { '-n': { key: 'limit', value: true }, '--limit': { key: 'limit', value: true }, '--by': { key: 'by', value: true } }, AUDIT_USAGE);
        const limit = flagCount(flags.limit, '-n', AUDIT_USAGE);
        let principal = typeof flags.by === 'string' ? flags.by : undefined;
        if (isWord(r[0], ['by', 'of', 'for']) && r.length === 2) principal = r[1]!.value;
        else noMore(r, AUDIT_USAGE);
        return { syscall: 'sys.audit', args: { ...(limit !== undefined ? { limit } : {}), ...(principal !== undefined ? { principal } : {}) } };
      },
    },
  ],
  phrases: [],
};
