import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadKpisModule = () => import('../commands/kpis-command.js');

export function defineKpisCommand(program: Command): void {
  program
    .command('kpis')
    .description('Deployment KPIs: DORA (versioned definitions), ITIL practice metrics and unit costs')
    .option('--from <date>', 'period start, YYYY-MM-DD (default 90 days before --to)')
    .option('--to <date>', 'period end (exclusive), YYYY-MM-DD (default now)')
    .option('--service <id>', 'one service')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadKpisModule, (m) => m.runKpis));
}
