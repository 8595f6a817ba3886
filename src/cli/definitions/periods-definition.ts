import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadPeriodsModule = () => import('../commands/periods-command.js');

export function definePeriodsCommand(program: Command): void {
  const periods = program
    .command('periods')
    .description('Close billing periods (frozen allocation) and reopen them (audited)');
  periods
    .command('close <period>')
    .description('Freeze an allocated period (YYYY-MM): allocate and later rule sets leave it alone')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadPeriodsModule, (m) => m.runPeriodsClose));
  periods
    .command('reopen <period>')
    .description('Reopen a closed period so it can be allocated again (audited)')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadPeriodsModule, (m) => m.runPeriodsReopen));
  periods
    .command('list', { isDefault: true })
    .description('Allocated and closed periods')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadPeriodsModule, (m) => m.runPeriodsList));
}
