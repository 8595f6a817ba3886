import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadStatementModule = () => import('../commands/statement-command.js');

export function defineStatementCommand(program: Command): void {
  program
    .command('statement')
    .description(
      "A team's bill for a month: direct costs, shares of shared costs with method and driver, credits, totals",
    )
    .option('--team <id>', 'team id from the catalogue')
    .option('--all-teams', "every team's statement, one file per team in --out-dir")
    .requiredOption('--period <YYYY-MM>', 'billing period (allocated)')
    .option('--model <model>', 'showback, full or partial', 'showback')
    .option('--subsidy <percent>', 'partial: the percentage of shared costs central IT absorbs')
    .option('--currency <code>', "reporting currency: every line converted at its charge day's rate")
    .option(
      '--format <format>',
      'json, csv, html or pdf (PDF to standard output: redirect it to a file)',
      'json',
    )
    .option('--out <file>', 'write the statement to this file instead of standard output')
    .option('--out-dir <dir>', 'with --all-teams: the folder for statement-<team>-<period>.<format> files')
    .option('--json', 'same as --format json')
    .action(lazyAction(loadStatementModule, (m) => m.runStatement));
}
