// Default process names (kernel layer): "a code reviewer" -> reviewer-3. Pure functions over
// the description; the process table calls defaultName when a spawn gives no name.

const STOPWORDS = new Set(['a', 'an', 'the', 'agent', 'process', 'that', 'which', 'who', 'for', 'with', 'to', 'of', 'and', 'new', 'my', 'please', 'one', 'some']);

/** Nouns that name what an agent is; the preferred source of a default name. */
const ROLE_NOUNS = new Set([
  'architect', 'designer', 'planner', 'coder', 'programmer', 'developer', 'engineer', 'debugger', 'reviewer',
  'auditor', 'critic', 'tester', 'writer', 'editor', 'proofreader', 'researcher', 'analyst', 'scientist',
  'summarizer', 'summariser', 'translator', 'tutor', 'teacher', 'explainer',
  'manager', 'coordinator', 'monitor', 'optimizer', 'documenter', 'poet',
]);

/** Activity words (verbs, gerunds, subjects) and the role noun they stand for. */
const ACTIVITY: Record<string, string> = {
  code: 'coder', coding: 'coder', program: 'coder', programming: 'coder', implement: 'coder', implementing: 'coder',
  write: 'writer', writes: 'writer', writing: 'writer', review: 'reviewer', reviews: 'reviewer', reviewing: 'reviewer',
  test: 'tester', tests: 'tester', testing: 'tester', research: 'researcher', researches: 'researcher', researching: 'researcher',
  plan: 'planner', plans: 'planner', planning: 'planner', design: 'designer', designs: 'designer', designing: 'designer',
  summarize: 'summarizer', summarizes: 'summarizer', summarizing: 'summarizer', summarise: 'summariser', summarises: 'summariser',
  summarising: 'summariser', translate: 'translator', translates: 'translator', translating: 'translator', translation: 'translator',
  analyze: 'analyst', analyzes: 'analyst', analyzing: 'analyst', analyse: 'analyst', analyses: 'analyst', analysing: 'analyst',
  analysis: 'analyst', debug: 'debugger', debugs: 'debugger', debugging: 'debugger', audit: 'auditor', audits: 'auditor',
  auditing: 'auditor', document: 'documenter', documents: 'documenter', documenting: 'documenter', documentation: 'documenter',
};

/** Words that open a clause after the head noun ("a reviewer *that* ...", "an agent *with* ..."). */
const CLAUSE = new Set(['with', 'that', 'who', 'whom', 'whose', 'for', 'which', 'to', 'of', 'about', 'on', 'in', 'using', 'from', 'by', 'and']);

/** Words too generic to name a process by. */
const GENERIC = new Set(['agent', 'process', 'proc', 'bot', 'ai', 'llm', 'model', 'worker', 'helper', 'task', 'job']);

/**
 * Returns "<head noun>-<num>" for a description: the last role noun before any clause, else any
 * role noun, else an activity's role ("code-writing" -> coder), else the last content word before
 * a clause, else an activity anywhere, else the first content word, else "proc". Never fails.
 * "a code reviewer", 1 -> "reviewer-1"; "a code-writing agent with Python expertise", 3 -> "coder-3".
 */
export function defaultName(description: string, num: number): string {
  const words = description.toLowerCase().split(/[^a-z0-9-]+/).map((w) => w.replace(/^-+|-+$/g, '')).filter((w) => w && !/^\d+$/.test(w));
  const cut = words.findIndex((w, i) => i > 0 && CLAUSE.has(w));
  const head = cut < 0 ? words : words.slice(0, cut);
  const parts = (w: string): string[] => [w, ...w.split('-').filter(Boolean)];
  const role = (ws: string[]): string | undefined => ws.flatMap(parts).find((w) => ROLE_NOUNS.has(w));
  const activity = (ws: string[]): string | undefined => ws.flatMap(parts).map((w) => ACTIVITY[w]).find(Boolean);
  const content = words.filter((w) => !STOPWORDS.has(w) && !CLAUSE.has(w) && !GENERIC.has(w));
  const headContent = head.filter((w) => !STOPWORDS.has(w) && !CLAUSE.has(w) && !GENERIC.has(w));
  const word =
    role([...head].reverse()) ??
    role(words) ??
    activity(head) ??
    headContent.at(-1) ??
    activity(words) ??
    content[0] ??
    'proc';
  return `${word.replace(/[^a-z0-9-]/g, '').slice(0, 24).replace(/-+$/, '') || 'proc'}-${num}`;
}
