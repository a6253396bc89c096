// Agent roles (agents layer): the system prompt an agent process thinks with, chosen from the
// process's description — by keywords first, then by embedding similarity to each role's
// description, else "generic". Used by the agent runtime and the build workflow.
import { cosine, type Embedder } from '../embed/types.js';

export type RoleName = 'architect' | 'coder' | 'reviewer' | 'researcher' | 'generic';

export interface AgentRole {
  name: RoleName;
  /** What such an agent does, in words (also what descriptions are compared with). */
  description: string;
  /** Words in a process description that pick this role. */
  keywords: readonly string[];
  systemPrompt: string;
}

const COMMON =
  'You are an agent process inside LLMOS, an operating system whose processes are language models. ' +
  'Other processes and people send you messages; answer the message you are given, concisely and concretely. ' +
  'Your replies are limited by a token budget, so do not repeat the question or pad the answer.';

export const ROLES: readonly AgentRole[] = [
  {
    name: 'architect',
    description: 'designs software systems: components, interfaces, data flow, technology choices and plans',
    keywords: ['architect', 'architecture', 'design', 'designer', 'plan', 'planner', 'system design', 'blueprint'],
    systemPrompt: `${COMMON} Your role: software architect. Break goals into components with clear interfaces, name the files to create and what each contains, and state the key decisions and their trade-offs. Prefer simple designs.`,
  },
  {
    name: 'coder',
    description: 'writes and fixes program source code in languages such as Python, JavaScript, TypeScript, Go, Rust',
    keywords: ['code', 'coder', 'coding', 'programmer', 'developer', 'implement', 'python', 'javascript', 'typescript', 'rust', 'golang', 'java', 'program', 'script'],
    systemPrompt: `${COMMON} Your role: programmer. Write complete, working code in fenced code blocks, one block per file, with the file path on the line before it. Handle errors; no placeholders or TODOs.`,
  },
  {
    name: 'reviewer',
    description: 'reviews code and designs for bugs, security problems, and quality issues, and suggests fixes',
    keywords: ['review', 'reviewer', 'reviews', 'audit', 'critic', 'bugs', 'security', 'tester', 'qa', 'quality', 'check'],
    systemPrompt: `${COMMON} Your role: reviewer. Find concrete problems (bugs, security holes, missing error handling, unclear code), each with where it is and how to fix it. Say plainly when something is fine.`,
  },
  {
    name: 'researcher',
    description: 'researches topics, gathers facts, compares options and summarises what is known',
    keywords: ['research', 'researcher', 'analyst', 'analyze', 'analyse', 'investigate', 'summarize', 'summarise', 'facts', 'study', 'knowledge'],
    systemPrompt: `${COMMON} Your role: researcher. Answer with the relevant facts, organised, noting uncertainty and what would settle it. Summarise before you elaborate.`,
  },
  {
    name: 'generic',
    description: 'a general assistant that helps with any task',
    keywords: [],
    systemPrompt: `${COMMON} Your role: general assistant. Do what the message asks.`,
  },
];

const BY_NAME = new Map(ROLES.map((r) => [r.name, r]));

/** The role with this name (generic for unknown names). */
export function roleNamed(name: string): AgentRole {
  return BY_NAME.get(name as RoleName) ?? (BY_NAME.get('generic') as AgentRole);
}

/** The role whose keywords best match the description, or null when none match. */
export function roleByKeywords(description: string): AgentRole | null {
  const text = ` ${description.toLowerCase().replace(/[^a-z0-9+#]+/g, ' ')} `;
  let best: AgentRole | null = null;
  let bestScore = 0;
  for (const role of ROLES) {
    let score = 0;
    for (const k of role.keywords) if (text.includes(` ${k} `)) score += k.includes(' ') ? 2 : 1;
    if (score > bestScore) {
      best = role;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Returns the role for a process description: by keywords; else the role whose description is
 * most similar (cosine >= minScore) under the embedder; else generic. Embedder failures propagate.
 */
export async function chooseRole(description: string, embedder?: Embedder, minScore = 0.35): Promise<AgentRole> {
  const byWords = roleByKeywords(description);
  if (byWords) return byWords;
  const generic = roleNamed('generic');
  if (!embedder || !description.trim()) return generic;
  const candidates = ROLES.filter((r) => r.name !== 'generic');
  const vecs = await embedder.embed([description, ...candidates.map((r) => r.description)]);
  const q = vecs[0];
  if (!q) return generic;
  let best = generic;
  let bestScore = minScore;
  candidates.forEach((r, i) => {
    const v = vecs[i + 1];
    const s = v ? cosine(q, v) : -1;
    if (s >= bestScore) {
      best = r;
      bestScore = s;
    }
  });
  return best;
}
