// proc.spawn: how the parser reads syscall proc.spawn (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { SPAWN_USAGE, spawnArgs } from '../rules-proc.js';
import type { CommandRule } from '../grammar-kit.js';
import { SPAWN_AGENT, SPAWN_VERBS, budgetIn, correctFirst, need, opt, priorityIn, stripLead, syscall, utterance, without } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { processResult } from '../../format-kit.js';

const extract: Extractor = (u) => {
    const priority = priorityIn(u.text, false);
    const budget = budgetIn(u.text);
    let desc = u.quoted[0] ?? stripLead('proc.spawn', correctFirst(u.text, SPAWN_VERBS));
    if (!u.quoted[0]) {
      desc = without(desc,
        /,?\s*(?:with|at|and)?\s*(?:a\s+)?(?:realtime|real-time|critical|urgent|highest|high|important|normal|medium|regular|low|lowest|idle|background)\s+priority\b/i,
        /,?\s*(?:with|at|and)?\s*(?:a\s+)?priority\s+(?:of\s+)?(?:\d{1,2}|realtime|high|normal|low|idle)\b/i,
        /,?\s*(?:with|and)?\s*(?:a\s+)?(?:token\s+)?budget\s+(?:of\s+)?\d[\d,.]*[kKmM]?(?:\s+tokens?)?/i,
        /,?\s*(?:with|and)?\s*\d[\d,.]*[kKmM]?\s+tokens?(?:\s+(?:of\s+)?budget)?/i);
    }
    return { description: need(desc, 'a description of the agent'), ...opt('priority', priority), ...opt('budget', budget) };
  };

export const command: CommandSpec = {
  name: 'proc.spawn',
  format: processResult,
  intent: { heads: ['spawn', 'launch', 'fire up', 'spin up', 'create an agent', 'create a new agent', 'start an agent', 'start a new agent', 'bring up'], cues: ['spawn', 'creat', 'launch', 'agent', 'spin', 'new'], examples: [
    'start an agent that cleans up logs with low priority', 'create a helper agent with a budget of tokens',
    'create a code-writing agent with python expertise', 'spawn an agent that reviews code', 'start a new agent to summarize documents',
    'launch a research assistant', 'make an agent that writes tests', 'i need an agent that knows about databases',
    'spin up a helper that translates text', 'create a new process for data analysis', 'start an assistant with high priority',
    'run a new writer agent', 'bring up an agent specialised in security'] },
  extract,
  rules: [
    { words: ['spawn'], usage: SPAWN_USAGE, syscall: 'proc.spawn', rule: (rest) => ({ syscall: 'proc.spawn', args: spawnArgs(rest) }) },
  ],
  phrases: [
    [SPAWN_AGENT, (_m, text) => {
      const u = utterance(text);
      const args = extract(u);
      return syscall('proc.spawn', args);
    }],
  ],
};
