// agent.build: how the parser reads syscall agent.build (shell layer; collected by ./index.ts) —
// its layer-2 intent (example utterances, cue words, leading verbs), its slot extractor and
// its whole-sentence phrases: a new phrasing for it goes here. Help (usage, summary, examples)
// comes from its kernel descriptor; its layer-1 grammar rules are here too (their shared helpers in ../rules-*.ts).
import { isWord, joined } from '../grammar-kit.js';
import type { CommandRule } from '../grammar-kit.js';
import { Miss, need, stripLead, syscall } from './kit.js';
import type { CommandSpec, Extractor } from './kit.js';
import { isObj, str } from '../../format-kit.js';
import type { Obj, Paint } from '../../format-kit.js';

const extract: Extractor = (u) => ({ goal: need(u.quoted[0] ?? stripLead('agent.build', u.text), 'what to build') });

function buildReport(r: Obj, p: Paint): string {
  const files = Array.isArray(r.files) ? r.files.filter(isObj) : [];
  const review = isObj(r.review) ? r.review : {};
  const agents = Array.isArray(r.agents) ? r.agents.filter(isObj) : [];
  return [
    `${p.bold(`built ${str(r.app)}`)}  ${p.dim(str(r.summary))}`,
    ...files.map((f) => `  ${str(f.path)}  ${p.dim(`${str(f.bytes)} bytes`)}`),
    `review: ${review.approved ? p.green('approved') : p.yellow('not approved')}, ${str(review.issues)} issues in ${str(review.rounds)} rounds`,
    `agents: ${agents.map((a) => `${str(a.pid)} ${str(a.name)} (${str(a.tokens)} tokens)`).join(', ')}; ${str(r.tokens)} tokens, ${str(r.messages)} messages, ${str(r.durationMs)} ms`,
  ].join('\n');
}

export const command: CommandSpec = {
  name: 'agent.build',
  format: buildReport,
  intent: { heads: ['build', 'develop', 'implement'], cues: ['build', 'develop', 'implement', 'code', 'app', 'server', 'website'], examples: [
    'implement a cache in rust',
    'build a web server with authentication and logging', 'make me a todo app', 'develop a command line tool that counts words',
    'write a python script that parses csv files', 'implement a rest api for users', 'create a website for my bakery'] },
  extract,
  rules: [
    {
      words: ['build'], usage: 'build "a web server with authentication and logging"', syscall: 'agent.build',
      rule: (rest) => {
        const r = isWord(rest[0], ['me']) ? rest.slice(1) : rest;
        if (r.length === 0) throw new Miss('build needs a goal', 'build "goal"');
        return { syscall: 'agent.build', args: { goal: joined(r) } };
      },
    },
  ],
  phrases: [],
};
