import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadDriversModule = () => import('../commands/drivers-command.js');

export function defineDriversCommand(program: Command): void {
  const drivers = program
    .command('drivers')
    .description('Usage drivers for driver splits (CPU hours, requests, headcount, storage GB)');
  drivers
    .command('load <csv>')
    .description(
      'Load period,driver,team,quantity rows; each (period, driver) in the file replaces earlier values',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDriversModule, (m) => m.runDriversLoad));
  drivers
    .command('list', { isDefault: true })
    .description('Drivers loaded, per period')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDriversModule, (m) => m.runDriversList));
}
