import type { Command } from 'commander';
import { detectCostAnomalies } from '../../app/anomaly/detect-cost-anomalies.js';
import { detectSeriesAnomalies } from '../../app/anomaly/detect-series-anomalies.js';
import { parseHorizon } from '../../app/forecast/forecast-costs.js';
import {
  type CostFilter,
  isTimeDimension,
  parseDimension,
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

export async function runAnomaliesDetect(flags: DetectFlags, command: Command) {
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
    if (a.deploymentsBefore.length > 0)
      process.stdout.write(
        `  deployments of services whose cost moved, finished ${a.deploymentWindow.from} to ${a.deploymentWindow.to}:\n`,
      );
    for (const d of a.deploymentsBefore)
      process.stdout.write(
        `  deployed just before: ${d.service} ${d.version} to ${d.environment} at ${d.finishedAt} (${d.outcome}; ${d.matchedBy} moved ${formatAmount(d.change)})\n`,
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
}
