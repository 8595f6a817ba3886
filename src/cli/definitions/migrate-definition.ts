import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadMigrateModule = () => import('../commands/migrate-command.js');

export function defineMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (PostgreSQL server mode or a DuckDB file)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadMigrateModule, (m) => m.runMigrate));
}
