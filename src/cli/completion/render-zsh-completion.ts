import type { CompletionNode } from './completion-tree.js';
import { renderBashCompletion } from './render-bash-completion.js';

/**
 * A zsh completion script: zsh's bashcompinit runs the bash completion function as it is, so
 * both shells complete the same words from one generated script.
 */
export function renderZshCompletion(nodes: readonly CompletionNode[]): string {
  return `#compdef tollgate
# tollgate completion for zsh. Load it with:
#   source <(tollgate completion zsh)
# or add that line to ~/.zshrc.
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${renderBashCompletion(nodes).replace(/^# tollgate completion for bash[\s\S]*?\n(?=_tollgate_subcommands)/, '')}`;
}
