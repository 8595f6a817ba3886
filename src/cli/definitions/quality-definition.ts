import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { listLength } from './option-parsers.js';

const loadQualityModule = () => import('../commands/quality-command.js');

export function defineQualityCommand(program: Command): void {
  program
    .command('quality')
    .description(
      'Allocation quality of a period: tag coverage, unallocated ratio (goal under 5%), unknown tag values, top untagged resources',
    )
    .requiredOption('--period <YYYY-MM>', 'billing period')
    .option(
      '--required-tags <keys>',
      'tag keys every cost line should carry (default: the owner tag, service, environment)',
    )
    .option('--top <n>', 'how many unknown values and untagged resources to list', listLength, 10)
    .option('--json', 'print as JSON')
    .action(lazyAction(loadQualityModule, (m) => m.runQuality));
}
