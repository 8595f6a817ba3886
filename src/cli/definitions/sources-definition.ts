import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadSourcesModule = () => import('../commands/sources-command.js');

export function defineSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description('What has been loaded: list (the default) and remove');
  sources
    .command('list', { isDefault: true })
    .description('List what has been loaded (provider, account, billing period, file, rows, hash, when)')
    .option('--all', 'include loads that were replaced or removed')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadSourcesModule, (m) => m.runSourcesList));

  sources
    .command('remove')
    .description('Remove one load: its cost lines are deleted, its record kept as removed')
    .argument('<id>', 'load id, as listed by tollgate sources')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadSourcesModule, (m) => m.runSourcesRemove));
}
