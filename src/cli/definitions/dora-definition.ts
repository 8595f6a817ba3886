import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadDoraModule = () => import('../commands/dora-command.js');

export function defineDoraCommand(program: Command): void {
  program
    .command('dora')
    .description(
      'The five DORA 2024 metrics per service and team, with their definitions, version and performance band',
    )
    .option('--from <date>', 'period start, YYYY-MM-DD (default 90 days before --to)')
    .option('--to <date>', 'period end (exclusive), YYYY-MM-DD (default now)')
    .option('--service <id>', 'one service')
    .option('--team <id>', "one team's services")
    .option('--definitions', "print each metric's definition and band rule")
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDoraModule, (m) => m.runDora));
}
