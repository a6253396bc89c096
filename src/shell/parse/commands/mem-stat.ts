// mem.stat: how the parser reads syscall mem.stat (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { MEM_READ_USAGE, MEM_WRITE_USAGE } from '../rules-ipc-mem.js';
import { isWord, joined, memIdOf, noMore, takeFlags } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, regionLine, str, table } from '../../format-kit.js';
import type { Obj, Paint } from '../../format-kit.js';

const extract: Extractor = () => ({});

function memStat(r: Obj, p: Paint): string {
  const tiers = Array.isArray(r.tiers) ? r.tiers.filter(isObj) : [];
  const out = [table(tiers.map((t) => [str(t.tier), `${str(t.used)}${typeof t.capacity === 'number' && t.capacity > 0 ? `/${str(t.capacity)}` : ''} ${str(t.unit)}`, str(t.hits), str(t.misses), str(t.swaps)]), ['TIER', 'USED', 'HITS', 'MISSES', 'SWAPS'], p)];
  const regions = Array.isArray(r.regions) ? r.regions.filter(isObj) : [];
  if (regions.length) out.push('', p.bold('regions:'), ...regions.map(regionLine));
  return out.join('\n');
}

export const command: CommandSpec = {
  name: 'mem.stat',
  format: memStat,
  intent: { cues: ['memory', 'usage', 'mem', 'tier', 'ram'], examples: [
    'how much memory is used', 'show memory usage', 'memory statistics', 'what is the memory status', 'how full are the memory tiers',
    'show me the memory'] },
  extract,
  rules: [
    {
      words: ['mem', 'memory', 'free-mem', 'meminfo'], usage: 'mem [stat] | mem read m1 ["query"] | mem write m1 "text" [--append]', syscall: 'mem.stat',
      rule: (rest) => {
        // mem read m1 ["query"] / mem write m1 "text" [--append] / mem append m1 "text": a region's contents
        if (isWord(rest[0], ['read', 'cat'])) {
          const [id, ...q] = rest.slice(1);
          if (!id) throw new Miss('mem read needs a memory id', MEM_READ_USAGE);
          return { syscall: 'mem.read', args: { id: memIdOf(id.value) ?? id.value, ...(q.length ? { query: joined(q) } : {}) } };
        }
        if (isWord(rest[0], ['write', 'append'])) {
          const { flags, rest: r } = takeFlags(rest.slice(1), { '--append': { key: 'append', value: false }, '-a': { key: 'append', value: false } }, MEM_WRITE_USAGE);
          const [id, ...text] = r;
          if (!id || !text.length) throw new Miss('mem write needs a memory id and the text', MEM_WRITE_USAGE);
          const append = flags.append === true || isWord(rest[0], ['append']);
          return { syscall: 'mem.write', args: { id: memIdOf(id.value) ?? id.value, content: joined(text), ...(append ? { append: true } : {}) } };
        }
        const r = rest.filter((t) => !isWord(t, ['stat', 'stats', 'status', 'info']));
        noMore(r, 'mem [stat]');
        return { syscall: 'mem.stat', args: {} };
      },
    },
  ],
  phrases: [],
};
