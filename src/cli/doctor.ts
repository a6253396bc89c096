// `nlsh doctor` (cli layer): runs the checks in doctor-checks.ts and prints each one — status,
// what was found, and for a problem what to do — or, with --json, one object
// {"ok", "checks": [{"name", "status", "detail", "fix"?}]}. Exit 1 when a check failed (warnings
// do not fail). It boots no kernel and creates nothing. Called by main.ts.
import { EXIT } from '../base/errors.js';
import type { Paint } from '../shell/format-plain.js';
import { checkAddons, checkHome, checkNode, checkOllama, checkWordVectors, type Check } from './doctor-checks.js';
import type { OutStream } from './run-lines.js';
import type { Settings } from './settings.js';

export interface DoctorOptions {
  settings: Settings;
  env: NodeJS.ProcessEnv;
  json: boolean;
  paint: Paint;
  stdout: OutStream;
  /** Per-call limit for the Ollama server, in ms (default 5000). */
  timeoutMs?: number;
}

/** Runs every check; returns them in order (never throws). */
export async function runChecks(settings: Settings, env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<Check[]> {
  return [
    checkNode(),
    ...checkAddons(),
    checkWordVectors(settings, env),
    ...(await checkOllama(settings, env, timeoutMs)),
    ...checkHome(settings.home),
  ];
}

/** Renders the checks as aligned lines, a fix under each problem, and a summary line. */
export function formatChecks(checks: Check[], p: Paint): string {
  const width = Math.min(28, Math.max(...checks.map((c) => c.name.length)));
  const tag = (s: Check['status']): string => (s === 'ok' ? p.green('ok  ') : s === 'warn' ? p.yellow('warn') : p.red('FAIL'));
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${tag(c.status)}  ${c.name.padEnd(width)}  ${c.detail}`);
    if (c.fix && c.status !== 'ok') lines.push(`      ${' '.repeat(width)}  ${p.dim(`fix: ${c.fix}`)}`);
  }
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  lines.push(failed ? p.red(`${failed} problem${failed === 1 ? '' : 's'} to fix${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}`)
    : p.green(`all good${warned ? ` (${warned} warning${warned === 1 ? '' : 's'})` : ''}`));
  return `${lines.join('\n')}\n`;
}

/** `nlsh doctor`: prints the checks; resolves 0 when nothing failed, else 1. */
export async function runDoctor(o: DoctorOptions): Promise<number> {
  const checks = await runChecks(o.settings, o.env, o.timeoutMs);
  const ok = !checks.some((c) => c.status === 'fail');
  o.stdout.write(o.json ? `${JSON.stringify({ ok, checks })}\n` : formatChecks(checks, o.paint));
  return ok ? EXIT.ok : EXIT.failed;
}
