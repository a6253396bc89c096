// tmux helpers for the real-terminal tests: run a command in a detached session, read the
// screen, type keys, and wait for the screen to match.
import { execFileSync, spawnSync } from 'node:child_process';

export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

/** Runs tmux with args; returns its stdout. */
export function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** The visible text of session s. */
export const screen = (s: string): string => tmux('capture-pane', '-p', '-t', s);

/** Sends key names (Enter, C-c, Down, ...) to session s. */
export const keys = (s: string, ...k: string[]): void => void tmux('send-keys', '-t', s, ...k);

/** Types text literally (no key-name lookup). */
export const typeText = (s: string, text: string): void => void tmux('send-keys', '-t', s, '-l', text);

/** Polls the screen until it matches re; fails with the last screen after ms. */
export async function waitFor(s: string, re: RegExp, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const text = screen(s);
    if (re.test(text)) return text;
    if (Date.now() > end) throw new Error(`screen never matched ${re}:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
