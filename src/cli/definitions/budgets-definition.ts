import { type Command, Option } from 'commander';
import { lazyAction } from './lazy-action.js';
import { burnRate, collect, positiveInteger } from './option-parsers.js';

const loadBudgetsModule = () => import('../commands/budgets-command.js');

export function defineBudgetsCommand(program: Command): void {
  const budgets = program
    .command('budgets')
    .description(
      'Budgets per scope and period: set, list, show (status and forecast), remove, apply a YAML file',
    );

  budgets
    .command('set')
    .description('Create or replace a budget')
    .argument('<name>', 'budget name: lower-case letters, digits, . _ -')
    .option(
      '--scope <dim=value>',
      'cost lines it covers, as costs --filter (tag:team=payments, service=...), repeatable',
      collect,
      [],
    )
    .addOption(
      new Option('--period <period>', 'budget period')
        .choices(['month', 'quarter', 'fiscal-year'])
        .default('month'),
    )
    .option('--fiscal-start <month>', 'first month of the fiscal year (1-12); quarters follow it', '1')
    .requiredOption('--amount <decimal>', 'amount per period, exact decimal, greater than zero')
    .requiredOption('--currency <code>', 'ISO 4217 currency of the amount (must match the data)')
    .addOption(
      new Option('--metric <metric>', 'cost metric')
        .choices(['billed', 'effective', 'list', 'contracted'])
        .default('effective'),
    )
    .addOption(new Option('--class <class>', 'expense class').choices(['opex', 'capex']).default('opex'))
    .option(
      '--threshold <basis:percent>',
      'alert threshold, e.g. actual:50 or forecast:100 (repeatable; default actual:50, forecast:80, forecast:100)',
      collect,
      [],
    )
    .option(
      '--page-fast-burn <x>',
      'page when the last day burns at this multiple of the daily budget (default 3)',
      burnRate,
    )
    .option('--page-slow-burn <x>', '...and the period so far at this multiple (default 1.1)', burnRate)
    .option(
      '--ticket-slow-burn <x>',
      'ticket when the period so far burns at this multiple (default 1.2)',
      burnRate,
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsSet));

  budgets
    .command('list', { isDefault: true })
    .description('List budgets')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsList));

  budgets
    .command('show')
    .description(
      'Status of a budget: actual to date, forecast to period end with interval, variance, days left, required burn rate',
    )
    .argument('<name>', 'budget name')
    .option('--as-of <date>', 'the day to report for (YYYY-MM-DD, default today UTC)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsShow));

  budgets
    .command('remove')
    .description('Remove a budget (its alerts stay in the history)')
    .argument('<name>', 'budget name')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsRemove));

  budgets
    .command('apply')
    .description('Create or replace every budget in a YAML file (budgets: [...]), all or nothing')
    .argument('<file>', 'budgets.yaml')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsApply));

  budgets
    .command('history')
    .description('Every version of a budget, oldest first: who saved or removed it, when, and what it was')
    .argument('<name>', 'budget name')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsHistory));

  budgets
    .command('diff')
    .description('What changed in a budget between two versions (default: the latest against the one before)')
    .argument('<name>', 'budget name')
    .option('--from <version>', 'the earlier version (default: the one before --to)', positiveInteger)
    .option('--to <version>', 'the later version (default: the latest)', positiveInteger)
    .option('--json', 'print as JSON')
    .action(lazyAction(loadBudgetsModule, (m) => m.runBudgetsDiff));
}
