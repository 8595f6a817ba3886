import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadAllocateModule = () => import('../commands/allocate-command.js');

export function defineAllocateCommand(program: Command): void {
  program
    .command('allocate')
    .description('Allocate a billing period (or a range) with the rule set in effect; re-running replaces it')
    .requiredOption('--period <YYYY-MM[..YYYY-MM]>', 'a period, or an inclusive range like 2026-01..2026-03')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAllocateModule, (m) => m.runAllocate));
}
