import type { Command } from 'commander';
import { TollgateError } from '../../core/errors.js';
import { listCompletionNodes } from '../completion/completion-tree.js';
import { renderBashCompletion } from '../completion/render-bash-completion.js';
import { renderZshCompletion } from '../completion/render-zsh-completion.js';

const RENDERERS = { bash: renderBashCompletion, zsh: renderZshCompletion } as const;

export async function runCompletion(shell: string, _flags: object, command: Command) {
  const render = RENDERERS[shell as keyof typeof RENDERERS];
  if (!Object.hasOwn(RENDERERS, shell)) {
    throw new TollgateError(
      'COMPLETION_SHELL',
      `No completion for '${shell}': give bash or zsh, as in source <(tollgate completion bash).`,
      'usage',
    );
  }
  // The whole tree: `completion` asks buildProgram for every command (needsWholeTree).
  process.stdout.write(render(listCompletionNodes(command.parent!)));
}
