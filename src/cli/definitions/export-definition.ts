import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadExportModule = () => import('../commands/export-command.js');

export function defineExportCommand(program: Command): void {
  const exportCommand = program
    .command('export')
    .description('Write allocated cost out of Tollgate for other tools (FOCUS 1.3)');
  exportCommand
    .command('focus')
    .description(
      "A period's allocated lines as FOCUS 1.3 rows: split-cost allocation columns from the rule and split, owners as x_ columns, the rule set version and run",
    )
    .requiredOption('--period <YYYY-MM>', 'billing period (allocated)')
    .option('--format <format>', 'csv or parquet', 'csv')
    .option('--out <dir>', 'folder to write the file into (created if missing)', '.')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(loadExportModule, (m) => m.runExportFocus));
  exportCommand
    .command('journal')
    .description(
      "A period's allocated cost as finance's journal: balanced double-entry lines (debit each cost centre, credit the clearing account), rounded to the currency's minor unit by largest remainder",
    )
    .requiredOption('--period <YYYY-MM>', 'billing period (allocated)')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <dir>', 'folder to write journal-PERIOD-runN.csv|json into (default: print to stdout)')
    .option('--json', 'print the result (totals, file) as JSON')
    .action(lazyAction(loadExportModule, (m) => m.runExportJournal));
}
