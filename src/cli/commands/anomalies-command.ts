import { type Command, InvalidArgumentError, Option } from 'commander';
import { detectCostAnomalies } from '../../app/anomaly/detect-cost-anomalies.js';
import { detectSeriesAnomalies } from '../../app/anomaly/detect-series-anomalies.js';
import { parseHorizon } from '../../app/forecast/forecast-costs.js';
import {
  type CostFilter,
  isTimeDimension,
  parseDimension,
  parseFilter,
  parseMetric,
} from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface DetectFlags {
  series?: string;
  by?: string;
  filter: CostFilter[];
  metric: string;
  days: string;
  asOf?: string;
  minImpact: number;
  threshold?: number;
  contributorTag: string[];
  json?: boolean;
}

function nonNegativeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError('write a number of 0 or more.');
  return value;
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('write a number greater than 0.');
  return value;
}

export function registerAnomaliesCommand(program: Command): void {
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
      (t: string, all: CostFilter[]) => [...all, parseFilter(t)],
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
    .action(async (flags: DetectFlags, command: Command) => {
      if (flags.series) {
        const result = await detectSeriesAnomalies(flags.series, {
          minImpact: flags.minImpact ?? 0,
          ...(flags.threshold === undefined ? {} : { threshold: flags.threshold }),
        });
        printJson(result.anomalies);
        return;
      }
      const groupBy = flags.by ? parseDimension(flags.by) : undefined;
      if (groupBy && isTimeDimension(groupBy))
        throw new TollgateError(
          'ANOMALY_BAD_DIMENSION',
          `--by ${groupBy}: anomalies are daily already; group by a cost dimension.`,
          'usage',
        );
      const found = await withStores(command, (stores) =>
        detectCostAnomalies(stores, {
          filters: flags.filter,
          metric: parseMetric(flags.metric),
          ...(groupBy ? { groupBy } : {}),
          ...(flags.asOf ? { asOf: flags.asOf } : {}),
          days: Math.max(parseHorizon(flags.days), 43),
          minImpact: flags.minImpact ?? 10,
          ...(flags.threshold === undefined ? {} : { threshold: flags.threshold }),
          tagKeys: flags.contributorTag,
        }),
      );
      if (flags.json) {
        printJson(found);
        return;
      }
      if (found.length === 0) {
        process.stdout.write('No cost anomalies found.\n');
        return;
      }
      for (const a of found) {
        process.stdout.write(
          `${a.direction.toUpperCase()} ${a.scope} ${a.start}..${a.end}: actual ${formatAmount(a.actual)} vs expected ${formatAmount(a.expected)} ${a.currency} (impact ${formatAmount(a.impact)}, score ${a.score})\n`,
        );
        for (const d of a.deploymentsBefore)
          process.stdout.write(
            `  deployed just before: ${d.service} ${d.version} to ${d.environment} at ${d.finishedAt} (${d.outcome})\n`,
          );
        if (a.contributors.length > 0)
          process.stdout.write(
            `${renderTable(
              ['  dimension', 'value', 'actual', 'expected', 'change'],
              a.contributors.map((c) => [
                `  ${c.dimension}`,
                c.value ?? '(none)',
                formatAmount(c.actual),
                formatAmount(c.expected),
                formatAmount(c.change),
              ]),
              [2, 3, 4],
            )}\n`,
          );
      }
    });
}
