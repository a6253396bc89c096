// proc.ps: how the parser reads syscall proc.ps (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { flagCount, isWord, Miss, noMore, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, str, table } from '../../format-kit.js';
import type { Paint } from '../../format-kit.js';

const extract: Extractor = (u) => (/\b(?:all|every|everything|including|dead|terminated|finished|exited|ever)\b/i.test(u.text) ? { all: true } : {});

const USAGE = 'ps [-a] [-l] [--limit N] [--offset N] [--sort pid|name|priority|cpu|tokens]';
const SORTS = ['pid', 'name', 'priority', 'cpu', 'tokens'];

function psTable(list: unknown, total: unknown, offset: number, sort: string, p: Paint): string {
  const procs = Array.isArray(list) ? list.filter(isObj) : [];
  const count = typeof total === 'number' ? total : procs.length;
  if (procs.length === 0) return p.dim(count > 0 ? `no processes past the first ${offset.toLocaleString('en')} (${count.toLocaleString('en')} in all)` : 'no processes');
  const rows = procs.map((x) => {
    const b = isObj(x.tokenBudget) ? x.tokenBudget : {};
    return [str(x.pid), str(x.name), str(x.state), str(x.priority), `${str(b.remaining)}/${str(b.allocated)}`, `${Math.round(Number(x.cpuTime) || 0)}ms`, str(x.description)];
  });
  const out = [table(rows, ['PID', 'NAME', 'STATE', 'PRI', 'BUDGET', 'CPU', 'DESCRIPTION'], p)];
  // a page of a longer listing says so, and how to see the rest (plain output asks for a page: runner.ts)
  if (count > offset + procs.length || offset > 0) out.push(p.dim(pageNote(offset, procs.length, count, sort)));
  // ps -l: what each process may do, under the table (grants are long; a column would not fit)
  const grants = procs.filter((x) => Array.isArray(x.grants));
  if (!grants.length) return out.join('\n');
  return [...out, '', ...grants.map((x) => `${p.bold(str(x.pid))} ${str(x.role)}: ${(x.grants as unknown[]).map(str).join('  ')}`)].join('\n');
}

/** "processes 1-1,000 of 50,000 (pid order); next: ps --offset 1000; all: ps --limit 0" */
function pageNote(offset: number, shown: number, total: number, sort: string): string {
  const n = (x: number): string => x.toLocaleString('en');
  const by = sort === 'pid' ? '' : ` --sort ${sort}`;
  const next = offset + shown < total ? `; next: ps${by} --offset ${offset + shown}` : '';
  return `processes ${n(offset + 1)}-${n(offset + shown)} of ${n(total)} (${sort === 'pid' ? 'pid order' : `by ${sort}`})${next}; all: ps --limit 0 (or --json)`;
}

export const command: CommandSpec = {
  name: 'proc.ps',
  format: (r, p) => psTable(r.processes, r.total, typeof r.offset === 'number' ? r.offset : 0, typeof r.sort === 'string' && SORTS.includes(r.sort) ? r.sort : 'pid', p),
  intent: { cues: ['running', 'process', 'ps', 'agents', 'list'], examples: [
    'show me what agents are alive', 'are any processes running', 'list every agent',
    'what is running', 'show me the processes', 'list all processes', 'which agents are running', 'show running agents',
    'what processes are there', 'list the agents', 'who is alive', 'show all the processes including finished ones', 'what is going on'] },
  extract,
  rules: [
    {
      words: ['ps'], usage: USAGE, syscall: 'proc.ps',
      rule: (rest) => {
        const { flags, rest: r } = takeFlags(rest, {
          '-a': { key: 'all', value: false }, '--all': { key: 'all', value: false }, '-e': { key: 'all', value: false }, '-ef': { key: 'all', value: false }, '-A': { key: 'all', value: false },
          '-l': { key: 'long', value: false }, '--long': { key: 'long', value: false }, '-al': { key: 'both', value: false }, '-la': { key: 'both', value: false },
          '--limit': { key: 'limit', value: true }, '-n': { key: 'limit', value: true }, '--offset': { key: 'offset', value: true },
          '--sort': { key: 'sort', value: true },
        }, USAGE);
        const all = flags.all === true || flags.both === true || (r.length === 1 && isWord(r[0], ['aux', 'all', 'ax']));
        const long = flags.long === true || flags.both === true;
        const limit = flagCount(flags.limit, '--limit', USAGE);
        const offset = flagCount(flags.offset, '--offset', USAGE);
        const sort = typeof flags.sort === 'string' ? flags.sort.toLowerCase() : undefined;
        if (sort !== undefined && !SORTS.includes(sort)) throw new Miss(`ps --sort takes ${SORTS.join(', ')}, not ${JSON.stringify(sort.slice(0, 20))}`, USAGE);
        if (!all) noMore(r, USAGE);
        return { syscall: 'proc.ps', args: { ...(all ? { all: true } : {}), ...(long ? { long: true } : {}), ...(limit !== undefined ? { limit } : {}), ...(offset ? { offset } : {}), ...(sort ? { sort } : {}) } };
      },
    },
  ],
  phrases: [
    [/^(?:show|list|print|display|give)(?:\s+me)?\s+(?:the\s+)?(?:process\s+(?:table|list)|list\s+of\s+(?:processes|agents)|processes|running\s+(?:processes|agents))$/i, () => syscall('proc.ps', {})],
    [/^(?:is|are)\s+(?:there\s+)?(?:anything|anyone|any\s+(?:agents?|process(?:es)?|tasks?))\s+(?:stuck|blocked|hung|hanging|frozen|waiting|busy|running|alive|idle)(?:\s+or\s+\w+)*$/i, () => syscall('proc.ps', {})],
    [/^how many\s+(?:agents|processes)\b.*$/i, () => syscall('proc.ps', {})],
    [/^what\s+(?:is|are)\s+(?:everyone|everybody|all\s+(?:the\s+)?agents|the\s+agents|my\s+agents)\s+doing$/i, () => syscall('proc.ps', {})],
    [/^(?:the\s+)?(?:status|state)\s+of\s+(?:my\s+|the\s+|all\s+)?(?:agents|processes)$/i, () => syscall('proc.ps', {})],
  ],
};
