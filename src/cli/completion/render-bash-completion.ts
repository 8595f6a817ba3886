import type { CompletionNode } from './completion-tree.js';

/** A case branch: the command path (words joined by spaces) and the words offered there. */
function renderCaseBranches(nodes: readonly CompletionNode[], pick: (node: CompletionNode) => string[]) {
  return nodes.map((node) => `    "${node.path.join(' ')}") echo "${pick(node).join(' ')}" ;;`).join('\n');
}

/**
 * A bash completion script for the command tree. Method: 1. walk the words typed before the
 * cursor, skipping options and their values, keeping each word that names a subcommand of the
 * path so far (so `tollgate freeze add` reaches "freeze add"); 2. offer that path's subcommands
 * and options that start with the word under the cursor. Words are generated from the same
 * definitions `--help` prints, so completion never drifts from the commands.
 */
export function renderBashCompletion(nodes: readonly CompletionNode[]): string {
  return `# tollgate completion for bash. Load it with:
#   source <(tollgate completion bash)
# or save it once: tollgate completion bash > ~/.local/share/bash-completion/completions/tollgate
_tollgate_subcommands() {
  case "$1" in
${renderCaseBranches(nodes, (node) => node.subcommands)}
  esac
}
_tollgate_options() {
  case "$1" in
${renderCaseBranches(nodes, (node) => node.options)}
  esac
}
_tollgate() {
  local cur word i cmdpath=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in -*) continue ;; esac
    case " $(_tollgate_subcommands "$cmdpath") " in
      *" $word "*) cmdpath="\${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_tollgate_options "$cmdpath")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_tollgate_subcommands "$cmdpath")" -- "$cur"))
  fi
}
complete -o default -F _tollgate tollgate
`;
}
