import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { positiveInteger } from './option-parsers.js';

const loadDatasetsModule = () => import('../commands/datasets-command.js');

export function defineDatasetsCommand(program: Command): void {
  program
    .command('datasets')
    .description(
      'List the records of a FOCUS dataset that is not cost lines (loaded with tollgate ingest): contract-commitment, billing-period, invoice-detail',
    )
    .argument('<dataset>', 'contract-commitment, billing-period or invoice-detail')
    .option('--limit <n>', 'at most this many records (1-10000)', positiveInteger, 100)
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDatasetsModule, (m) => m.runDatasets));
}
