import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadJournalModule = () => import('../commands/journal-command.js');

export function defineJournalCommand(program: Command): void {
  const journal = program
    .command('journal')
    .description(
      "Finance's journal: the map of ledger accounts it posts to (export it with tollgate export journal)",
    );
  const map = journal
    .command('map')
    .description('The journal map: clearing and expense accounts, and each cost centre’s ledger code');
  map
    .command('apply <file>')
    .description(
      'Store a journal map (YAML: clearing_account, provider_clearing_accounts, expense_account, service_category_accounts, cost_centres) as a new version (audited)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadJournalModule, (m) => m.runJournalMapApply));
  map
    .command('show', { isDefault: true })
    .description('The journal map in force and its versions')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadJournalModule, (m) => m.runJournalMapShow));
}
