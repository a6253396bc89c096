// The prompts of the build workflow (agents layer): what the architect, coder and reviewer are
// asked at each step. Plain text builders; used by build.ts only.
import type { Plan, PlannedFile, ReviewIssue } from './build-plan.js';

// Prompts stay within a few thousand tokens: Ollama's default context (num_ctx) silently cuts
// longer prompts from the front, which would drop the instructions.
/** Characters of already written files shown to the coder for consistency. */
const CONTEXT_CHARS = 6_000;
/** Characters of all files shown to the reviewer, shared evenly (at least 1 500 per file). */
const REVIEW_CHARS = 16_000;

const fileList = (plan: Plan): string => plan.files.map((f) => `- ${f.path}: ${f.purpose}`).join('\n');
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}\n[… ${s.length - n} more characters]` : s);

/** The architect's task; `problem` explains why the previous plan was refused. */
export function planPrompt(goal: string, maxFiles: number, problem?: string): string {
  return [
    `Design a small, complete project for this goal: ${goal}`,
    `Reply with JSON only: {"summary": "...", "files": [{"path": "...", "purpose": "..."}]}.`,
    `Name between 1 and ${maxFiles} files (fewer is better). Paths are relative (e.g. "server.js", "src/auth.js"),`,
    `use only letters, digits, ".", "_", "-" and "/", and never start with "/" or contain "..".`,
    `Include a README.md that says how to run it.`,
    ...(problem ? [`Your previous plan was refused: ${problem}. Fix that.`] : []),
  ].join('\n');
}

/** The coder's task for one file; shows the files written so far while they are small. */
export function filePrompt(goal: string, plan: Plan, file: PlannedFile, written: { path: string; content: string }[]): string {
  let shown = 0;
  const context: string[] = [];
  for (const w of written) {
    if (shown + w.content.length > CONTEXT_CHARS) {
      context.push(`(${w.path} written; not shown)`);
      continue;
    }
    shown += w.content.length;
    context.push(`--- ${w.path}\n${w.content}`);
  }
  return [
    `Goal: ${goal}`,
    `Design: ${plan.summary}`,
    `Files of the project:\n${fileList(plan)}`,
    ...(context.length ? [`Already written:\n${context.join('\n')}`] : []),
    `Write the complete content of ${file.path} (${file.purpose}).`,
    `Reply with the content of this one file only: no explanation, no other files.`,
  ].join('\n\n');
}

/** The reviewer's task over the files (all of them, or the revised ones). */
export function reviewPrompt(goal: string, plan: Plan, files: { path: string; content: string }[], round: number): string {
  return [
    `Goal: ${goal}`,
    `Design: ${plan.summary}`,
    round > 0 ? `These files were revised after your last review:` : `Review these files:`,
    ...files.map((f) => `--- ${f.path}\n${clip(f.content, Math.max(1_500, Math.floor(REVIEW_CHARS / files.length)))}`),
    `Reply with JSON only: {"approved": true|false, "issues": [{"path": "...", "problem": "...", "fix": "..."}]}.`,
    `Approve when the files work for the goal; list only real problems (bugs, security holes, missing pieces), each with the file's path.`,
  ].join('\n\n');
}

/** The coder's task to fix one file. */
export function revisePrompt(goal: string, path: string, content: string, issues: ReviewIssue[]): string {
  return [
    `Goal: ${goal}`,
    `The reviewer found problems in ${path}:`,
    issues.map((i) => `- ${i.problem}${i.fix ? ` Fix: ${i.fix}` : ''}`).join('\n'),
    `Current content of ${path}:\n${content}`,
    `Reply with the complete corrected content of ${path} only: no explanation.`,
  ].join('\n\n');
}
