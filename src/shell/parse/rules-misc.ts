// Helpers of the layer-1 rules (the rules live in commands/*.ts) for the rest (shell layer; caller: grammar.ts): build, audit, and the shell
// built-ins help, exit, top, history, clear, config.
import { Miss, flagCount, isWord, joined, noMore, takeFlags } from './grammar-kit.js';

/** True for words `help` has a page for: command words, syscall names ("proc.spawn") and areas ("proc"). */
export function isTopic(w: string): boolean {
  return /^(proc|ipc|mem|fs|agent|sys|language|quoting|priority|priorities)(\.\w+)?$/i.test(w) || /^[a-z][\w-]*$/i.test(w) && !/^(me|please|us|with|out)$/i.test(w);
}

export const AUDIT_USAGE = 'audit [-n N] [by PRINCIPAL] | audit verify';
export const CONFIG_USAGE = 'config list | config get KEY | config set KEY VALUE | config unset KEY | config path';


