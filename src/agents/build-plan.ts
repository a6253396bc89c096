// What the build agents produce and how it is checked (agents layer): the JSON schemas of the
// architect's plan and the reviewer's verdict (Ollama structured output), their parsers, the
// file-path rules that keep every planned file under /apps/<slug>/, the app slug, and the
// markdown-fence stripping of the coder's replies. Pure functions; used by build.ts.
import { NlshError } from '../base/errors.js';

export interface PlannedFile {
  /** Relative to the app directory, already checked by safeRelativePath. */
  path: string;
  purpose: string;
}

export interface Plan {
  summary: string;
  files: PlannedFile[];
}

export interface ReviewIssue {
  path: string;
  problem: string;
  fix: string;
}

export interface Review {
  approved: boolean;
  issues: ReviewIssue[];
}

/** Files a plan may name (the default cap). */
export const MAX_PLAN_FILES = 12;
const MAX_DEPTH = 5;
const MAX_PATH = 200;

/** The architect's structured output: { summary, files: [{ path, purpose }] }. */
export function planSchema(maxFiles = MAX_PLAN_FILES): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      summary: { type: 'string', description: 'the design in a few sentences' },
      files: {
        type: 'array', minItems: 1, maxItems: maxFiles,
        items: {
          type: 'object',
          properties: {
            path: { type: 'string', description: 'relative path, e.g. src/server.js' },
            purpose: { type: 'string', description: 'what the file contains' },
          },
          required: ['path', 'purpose'],
        },
      },
    },
    required: ['summary', 'files'],
  };
}

/** The reviewer's structured output: { approved, issues: [{ path, problem, fix }] }. */
export const REVIEW_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    approved: { type: 'boolean' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, problem: { type: 'string' }, fix: { type: 'string' } },
        required: ['path', 'problem', 'fix'],
      },
    },
  },
  required: ['approved', 'issues'],
};

const bad = (message: string, problems: string[]): NlshError =>
  new NlshError('agent.badOutput', message, { hint: 'try again, or use a larger model (--model llama3.1)', details: { problems } });

/** Returns the JSON value in a model reply (bare, fenced, or after some prose); fails agent.badOutput. */
export function parseJsonReply(text: string): unknown {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const c of candidates) {
    try {
      return JSON.parse(c) as unknown;
    } catch {
      // try the next reading
    }
  }
  const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  throw bad(`the model's reply is not JSON: ${JSON.stringify(shown)}`, ['not JSON']);
}

/** Returns p as a clean relative path (no ./, no //); fails agent.badOutput when it could leave the app directory or is not a plain file name. */
export function safeRelativePath(p: string): string {
  const raw = p.trim();
  const problem = (why: string): NlshError => bad(`planned path ${JSON.stringify(raw)} ${why}`, [`${raw}: ${why}`]);
  if (raw === '') throw problem('is empty');
  if (raw.length > MAX_PATH) throw problem(`is longer than ${MAX_PATH} characters`);
  if (raw.startsWith('/') || raw.startsWith('~') || /^[A-Za-z]:/.test(raw)) throw problem('is absolute; paths must be relative to the app directory');
  if (raw.includes('\\')) throw problem('contains a backslash');
  const parts = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw problem("contains '..' and would leave the app directory");
  if (parts.length === 0) throw problem('names no file');
  if (parts.length > MAX_DEPTH) throw problem(`is more than ${MAX_DEPTH} levels deep`);
  for (const s of parts) {
    if (!/^[A-Za-z0-9_.][A-Za-z0-9._-]*$/.test(s)) throw problem(`has a part ${JSON.stringify(s)} that is not a plain file name (letters, digits, . _ -)`);
  }
  return parts.join('/');
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns the checked plan in a reply; fails agent.badOutput listing every problem (bad JSON or shape, unsafe or duplicate paths, too many files). */
export function parsePlan(text: string, maxFiles = MAX_PLAN_FILES): Plan {
  const v = parseJsonReply(text);
  if (!isObj(v) || !Array.isArray(v.files)) throw bad('the plan is not { summary, files: [...] }', ['wrong shape']);
  const problems: string[] = [];
  if (v.files.length === 0) problems.push('the plan names no files');
  if (v.files.length > maxFiles) problems.push(`the plan names ${v.files.length} files; at most ${maxFiles} are allowed`);
  const files: PlannedFile[] = [];
  const seen = new Set<string>();
  for (const f of v.files) {
    if (!isObj(f) || typeof f.path !== 'string') {
      problems.push('a file entry has no path');
      continue;
    }
    try {
      const path = safeRelativePath(f.path);
      const key = path.toLowerCase();
      if (seen.has(key)) problems.push(`${path}: named twice`);
      seen.add(key);
      files.push({ path, purpose: str(f.purpose) || path });
    } catch (err) {
      problems.push(...(((err as NlshError).details?.problems as string[] | undefined) ?? [(err as Error).message]));
    }
  }
  for (const f of files) {
    if (files.some((g) => g.path.toLowerCase().startsWith(`${f.path.toLowerCase()}/`))) problems.push(`${f.path}: is both a file and a directory`);
  }
  if (problems.length > 0) throw bad(`the plan was refused: ${problems.join('; ')}`, problems);
  return { summary: str(v.summary) || 'no summary given', files };
}

/** Returns the reviewer's verdict in a reply; fails agent.badOutput when it is not { approved, issues }. */
export function parseReview(text: string): Review {
  const v = parseJsonReply(text);
  if (!isObj(v) || typeof v.approved !== 'boolean') throw bad('the review is not { approved, issues: [...] }', ['wrong shape']);
  const issues = (Array.isArray(v.issues) ? v.issues : []).filter(isObj)
    .map((i) => ({ path: str(i.path).replace(/^\.?\/+/, ''), problem: str(i.problem), fix: str(i.fix) }))
    .filter((i) => i.problem !== '' || i.fix !== '');
  return { approved: v.approved, issues };
}

/** Returns the file content in a coder reply: the longest fenced block if there is one, else the text; always ends with a newline. */
export function stripFences(text: string): string {
  const blocks = [...text.matchAll(/^[ \t]*```[^\n`]*\n([\s\S]*?)^[ \t]*```[ \t]*$/gm)].map((m) => m[1] ?? '');
  let body: string;
  if (blocks.length > 0) body = blocks.reduce((a, b) => (b.length > a.length ? b : a));
  else if (/^\s*```/.test(text)) body = text.replace(/^\s*```[^\n]*\n?/, ''); // cut off before the closing fence
  else body = text;
  body = body.replace(/^\n+/, '').replace(/\s+$/, '');
  return `${body}\n`;
}

const STOP = new Set(['a', 'an', 'the', 'with', 'and', 'or', 'for', 'of', 'to', 'in', 'on', 'that', 'which', 'me', 'my', 'some', 'simple']);

/** Returns a directory name for a goal: its first content words, kebab-case, at most 40 characters ("app" when none). */
export function slugify(goal: string): string {
  const words = goal.toLowerCase().normalize('NFKD').replace(/[^a-z0-9\s-]/g, ' ').split(/[\s-]+/).filter((w) => w && !STOP.has(w));
  let slug = '';
  for (const w of words.slice(0, 5)) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 40) break;
    slug = next;
  }
  return slug || 'app';
}
