import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadProcessCostModule = () => import('../commands/process-cost-command.js');

export function defineProcessCostCommand(program: Command): void {
  program
    .command('process-cost')
    .description(
      "The cost of the deployment process for a service's last N changes (setup, opportunity, run), now and if small changes were standard",
    )
    .requiredOption('--service <id>', 'catalogue service')
    .option('--last <n>', 'how many of the latest deployed changes', '20')
    .option('--setup-cost <amount>', 'one-off setup cost of the process, shown apart', '0')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadProcessCostModule, (m) => m.runProcessCost));
}
