import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadCompletionModule = () => import('../commands/completion-command.js');

export function defineCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script: source <(tollgate completion bash), or zsh')
    .argument('<shell>', 'bash or zsh')
    .action(lazyAction(loadCompletionModule, (m) => m.runCompletion));
}
