import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadRatecardModule = () => import('../commands/ratecard-command.js');

export function defineRatecardCommand(program: Command): void {
  const ratecard = program
    .command('ratecard')
    .description('Hourly rates by role, with effective dates, for release estimates and deployment labour');
  ratecard
    .command('apply')
    .description(
      'Apply a rate card file (rates: role, hourlyRate, currency, effectiveFrom, effectiveTo); it becomes the current one',
    )
    .argument('<file>', 'YAML or JSON rate card')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRatecardModule, (m) => m.runRatecardApply));
  ratecard
    .command('show')
    .description('Show the current rate card')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRatecardModule, (m) => m.runRatecardShow));
}
