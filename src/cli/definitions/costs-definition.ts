import { type Command, Option } from 'commander';
import { type CostFilter, parseCostFilter } from '../../core/costs/cost-query.js';
import { lazyAction } from './lazy-action.js';
import { DATE_RANGE_FLAGS, positiveInteger } from './option-parsers.js';

const loadCostsModule = () => import('../commands/costs-command.js');
const loadCostsAddModule = () => import('../commands/costs-add-action.js');

export function defineCostsCommand(program: Command): void {
  const costs = program
    .command('costs')
    .description('What did we spend: one cost metric summed by any dimensions, one row per currency')
    .option('--from <date>', 'first charge day, inclusive (YYYY-MM-DD)')
    .option('--to <date>', 'end charge day, exclusive (YYYY-MM-DD)')
    .option(
      '--by <dims>',
      'comma-separated: provider, billing-account, sub-account, service, service-category, region, resource, charge-category, pricing-category, currency, tag:<key>, day, week, month; on allocated data (tollgate allocate): team, catalog-service, cost-centre, business-unit, environment',
      '',
    )
    .addOption(
      new Option('--metric <metric>', 'cost metric')
        .choices(['billed', 'effective', 'list', 'contracted'])
        .default('effective'),
    )
    .option(
      '--filter <dim=value>',
      'keep lines where dim is value, or leave them out with dim!=value (repeatable; tag:team= for a missing tag)',
      (text: string, all: CostFilter[]) => [...all, parseCostFilter(text, DATE_RANGE_FLAGS)],
      [],
    )
    .option(
      '--top <n>',
      'keep the N largest groups per currency, the rest summed as "other"',
      positiveInteger,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--json', 'same as --format json')
    .option(
      '--currency <code>',
      'show every amount in this currency, converted per charge day (tollgate rates); "billing" for each billing currency. Default: TOLLGATE_REPORTING_CURRENCY, else billing',
    )
    .action(lazyAction(loadCostsModule, (m) => m.runCosts));
  costs
    .command('add')
    .description(
      'Add costs no bill carries (labour, licences, invoices, support, SaaS, hardware, data centre) from a CSV or YAML file',
    )
    .argument('<file>', 'a costs file (.csv or .yaml; docs/costs-no-bill-carries.md)')
    .option(
      '--ledger <name>',
      "the ledger the lines are kept under (default: the YAML's ledger: or the file name)",
    )
    .option('--dry-run', 'check the file and report without writing anything')
    .option('--json', 'print the summary as JSON')
    .action(lazyAction(loadCostsAddModule, (m) => m.runCostsAdd));
}
