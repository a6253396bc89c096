// `nlsh completion bash|zsh|fish` (cli layer): completion scripts for the outer command line —
// subcommands, options, their values, script files, and the shell's command words after -c
// (help's list, whose syscall commands come from the kernel's descriptors; `mount`'s
// description is fs.mount's summary). (Completion inside the interactive shell is
// src/shell/completion.ts.) Called by main.ts.
import { EXIT, NlshError } from '../base/errors.js';
import { KERNEL_SYSCALLS } from '../kernel/syscall-list.js';
import { COMMANDS } from '../shell/help.js';

const SUBCOMMANDS = ['top', 'build', 'mount', 'config', 'doctor', 'completion'];
const OPTIONS = ['--home', '--json', '--embedder', '--model', '--ollama-host', '--yes', '--keep-going', '--dry-run', '--no-color', '--no-wait', '--version', '--help', '-c', '-y', '-V', '-h'];
const CONFIG_ACTIONS = ['get', 'set', 'unset', 'list', 'path'];
const CONFIG_KEYS = ['embedder', 'model', 'ollamaHost', 'historySize'];
/** The first words of the shell's commands, for `-c '...'`. */
const COMMAND_WORDS = [...new Set(COMMANDS.map((c) => c.word.split(' ')[0]!))];
// descriptions go inside single quotes in every shell's script
const quoted = (s: string): string => s.replace(/'/g, '').replace(/:/g, ' -');
const MOUNT = quoted(KERNEL_SYSCALLS.find((d) => d.name === 'fs.mount')?.summary ?? 'import a host directory into VectorFS');

const bash = `# bash completion for nlsh; install: nlsh completion bash > ~/.local/share/bash-completion/completions/nlsh
_nlsh() {
  local cur prev words cword
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    --home|mount) COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
    --embedder) COMPREPLY=( $(compgen -W "glove ollama hash" -- "$cur") ); return ;;
    completion) COMPREPLY=( $(compgen -W "bash zsh fish" -- "$cur") ); return ;;
    config) COMPREPLY=( $(compgen -W "${CONFIG_ACTIONS.join(' ')}" -- "$cur") ); return ;;
    get|set|unset) COMPREPLY=( $(compgen -W "${CONFIG_KEYS.join(' ')}" -- "$cur") ); return ;;
    -c) COMPREPLY=( $(compgen -W "${COMMAND_WORDS.join(' ')}" -- "$cur") ); return ;;
    --model|--ollama-host|--at|build) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "${OPTIONS.join(' ')}" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "${SUBCOMMANDS.join(' ')}" -- "$cur") $(compgen -f -X '!*.nl' -- "$cur") $(compgen -d -- "$cur") )
  fi
}
complete -F _nlsh nlsh
`;

const zsh = `#compdef nlsh
# zsh completion for nlsh; install: nlsh completion zsh > "\${fpath[1]}/_nlsh"
_nlsh() {
  local -a subcmds
  subcmds=(
    'top:live view of processes, messages, memory and metrics'
    'build:agents build a project from a goal'
    'mount:${MOUNT}'
    'config:get, set, unset, list settings; path of the file'
    'doctor:check the setup and say what to fix'
    'completion:print a completion script'
  )
  _arguments -s \\
    '--home[where all state lives]:directory:_files -/' \\
    '--json[one JSON line per command]' \\
    '--embedder[embedder]:embedder:(glove ollama hash)' \\
    '--model[Ollama chat model]:model:' \\
    '--ollama-host[Ollama URL]:url:' \\
    '(-y --yes)'{-y,--yes}'[carry out destructive commands without asking]' \\
    '--keep-going[do not stop at the first failed command]' \\
    '--dry-run[parse and show each command, carry out nothing]' \\
    '--no-color[no colour]' \\
    '--no-wait[do not wait for agents at the end]' \\
    '(-c)-c[run commands and exit]:commands:(${COMMAND_WORDS.join(' ')})' \\
    '(- *)'{-V,--version}'[print the version]' \\
    '(- *)'{-h,--help}'[show help]' \\
    '1: :->first' \\
    '*:: :->rest'
  case $state in
    first) _describe 'command' subcmds; _files -g '*.nl' ;;
    rest)
      case $words[1] in
        completion) _values 'shell' bash zsh fish ;;
        config) if (( CURRENT == 2 )); then _values 'action' ${CONFIG_ACTIONS.join(' ')}; else _values 'key' ${CONFIG_KEYS.join(' ')}; fi ;;
        mount) _files -/ ;;
      esac ;;
  esac
}
_nlsh "$@"
`;

const fish = `# fish completion for nlsh; install: nlsh completion fish > ~/.config/fish/completions/nlsh.fish
complete -c nlsh -f
complete -c nlsh -n '__fish_use_subcommand' -a 'top' -d 'live view of processes, messages, memory and metrics'
complete -c nlsh -n '__fish_use_subcommand' -a 'build' -d 'agents build a project from a goal'
complete -c nlsh -n '__fish_use_subcommand' -a 'mount' -d '${MOUNT}'
complete -c nlsh -n '__fish_use_subcommand' -a 'config' -d 'settings'
complete -c nlsh -n '__fish_use_subcommand' -a 'doctor' -d 'check the setup and say what to fix'
complete -c nlsh -n '__fish_use_subcommand' -a 'completion' -d 'print a completion script'
complete -c nlsh -n '__fish_use_subcommand' -k -a '(__fish_complete_suffix .nl)'
complete -c nlsh -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
complete -c nlsh -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from ${CONFIG_ACTIONS.join(' ')}' -a '${CONFIG_ACTIONS.join(' ')}'
complete -c nlsh -n '__fish_seen_subcommand_from get set unset' -a '${CONFIG_KEYS.join(' ')}'
complete -c nlsh -n '__fish_seen_subcommand_from mount' -F -a '(__fish_complete_directories)'
complete -c nlsh -l home -r -F -d 'where all state lives'
complete -c nlsh -l json -d 'one JSON line per command'
complete -c nlsh -l embedder -x -a 'glove ollama hash' -d 'embedder'
complete -c nlsh -l model -x -d 'Ollama chat model'
complete -c nlsh -l ollama-host -x -d 'Ollama URL'
complete -c nlsh -s y -l yes -d 'carry out destructive commands without asking'
complete -c nlsh -l keep-going -d 'do not stop at the first failed command'
complete -c nlsh -l dry-run -d 'parse and show each command, carry out nothing'
complete -c nlsh -l no-color -d 'no colour'
complete -c nlsh -l no-wait -d 'do not wait for agents at the end'
complete -c nlsh -s c -x -a '${COMMAND_WORDS.join(' ')}' -d 'run commands and exit'
complete -c nlsh -s V -l version -d 'print the version'
complete -c nlsh -s h -l help -d 'show help'
`;

/** The completion script for `shell`; fails with cli.usage for an unknown shell. */
export function completionScript(shell: string): string {
  switch (shell) {
    case 'bash': return bash;
    case 'zsh': return zsh;
    case 'fish': return fish;
    default:
      throw new NlshError('cli.usage', `no completion for '${shell}'`, { hint: 'use bash, zsh or fish', exitCode: EXIT.usage });
  }
}
