import { type Command, Option } from 'commander';
import { type CostFilter, parseFilter } from '../../core/costs/cost-query.js';
import { lazyAction } from './lazy-action.js';
import { DATE_RANGE_FLAGS, nonNegativeNumber, positiveNumber } from './option-parsers.js';

const loadAnomaliesModule = () => import('../commands/anomalies-command.js');

export function defineAnomaliesCommand(program: Command): void {
  const anomalies = program
    .command('anomalies')
    .description('Cost anomalies: spikes and drops against a seasonal, robust baseline');
  anomalies
    .command('detect')
    .description(
      'Detect anomalies in stored daily costs (per scope), or in any timestamp,value CSV with --series',
    )
    .option(
      '--series <csv>',
      'a CSV with timestamp,value columns (daily or sub-daily); prints the anomalies as JSON',
    )
    .option('--by <dim>', 'detect per value of a dimension: service, billing-account, region, tag:<key>, ...')
    .option(
      '--filter <dim=value>',
      'keep lines where dim is value (repeatable)',
      (t: string, all: CostFilter[]) => [...all, parseFilter(t, DATE_RANGE_FLAGS)],
      [],
    )
    .addOption(
      new Option('--metric <metric>', 'cost metric')
        .choices(['billed', 'effective', 'list', 'contracted'])
        .default('effective'),
    )
    .option('--days <n>', 'days of history to scan (the first 42 only teach the baseline)', '90d')
    .option('--as-of <date>', 'look at data before this day (YYYY-MM-DD)')
    .option(
      '--min-impact <amount>',
      'smallest |actual - expected| per day and per anomaly worth reporting (stored costs default 10; --series default 0)',
      nonNegativeNumber,
    )
    .option('--threshold <score>', 'robust z-score to flag (default 5)', positiveNumber)
    .option(
      '--contributor-tag <key>',
      'also rank values of this tag as contributors (repeatable)',
      (t: string, all: string[]) => [...all, t],
      [],
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAnomaliesModule, (m) => m.runAnomaliesDetect));
}
