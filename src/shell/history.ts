// Persistent line history (shell layer): one line per entry in `<home>/history`, capped at
// `max` entries (oldest dropped). Multi-line inputs are stored with "\n" escaped. Called by
// the TUI's runner backend (interactive shell) and the `history` built-in.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NlshError } from '../base/errors.js';

export interface History {
  /** Entries, oldest first. */
  entries(): string[];
  /** Adds a line (blank lines and a repeat of the last line are not kept); fails with shell.history on an unwritable file. */
  add(line: string): void;
  readonly file: string;
}

export const DEFAULT_HISTORY_SIZE = 1000;

/** The history file of a home directory. */
export function historyPath(home: string): string {
  return join(home, 'history');
}

const escape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const unescape = (s: string): string => s.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));

/** Opens (or starts) the history at `file`; a missing file is an empty history. */
export function openHistory(file: string, max = DEFAULT_HISTORY_SIZE): History {
  const cap = Math.max(1, Math.floor(max));
  let list: string[] = existsSync(file)
    ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map(unescape)
    : [];
  if (list.length > cap) list = list.slice(-cap);
  let onDisk = list.length;

  return {
    file,
    entries: () => [...list],
    add(line: string) {
      const t = line.replace(/\s+$/, '');
      if (!t.trim() || list[list.length - 1] === t) return;
      list.push(t);
      try {
        mkdirSync(dirname(file), { recursive: true });
        if (list.length > cap) {
          list = list.slice(-cap);
          // the file may hold up to 2x cap lines before it is rewritten, so most adds are one append
        }
        if (onDisk + 1 > cap * 2) {
          writeFileSync(file, list.map(escape).join('\n') + '\n', { mode: 0o600 });
          onDisk = list.length;
        } else {
          appendFileSync(file, escape(t) + '\n', { mode: 0o600 });
          onDisk++;
        }
      } catch (err) {
        throw new NlshError('shell.history', `cannot write history file ${file}`, { hint: 'check the permissions of the nlsh home directory', cause: err });
      }
    },
  };
}
