import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadCatalogModule = () => import('../commands/catalog-command.js');

export function defineCatalogCommand(program: Command): void {
  const catalog = program
    .command('catalog')
    .description(
      'The service catalogue (business units, cost centres, teams, services, environments) as YAML',
    );
  catalog
    .command('validate <path>')
    .description('Check a catalogue file or folder; every problem is reported with its file and line')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadCatalogModule, (m) => m.runCatalogValidate));
  catalog
    .command('apply <path>')
    .description(
      'Validate and store a catalogue as a new version (audited); unchanged content is not stored twice',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadCatalogModule, (m) => m.runCatalogApply));
}
