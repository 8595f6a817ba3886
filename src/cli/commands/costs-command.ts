import type { Command } from 'commander';
import type { ConvertedCostReport } from '../../app/costs/convert-cost-report.js';
import type { CostReport } from '../../app/costs/query-costs.js';
import { convertedJson, queryCostsAsAsked } from '../../app/costs/query-costs-as-asked.js';
import { splitCostRemainder } from '../../app/costs/split-cost-remainder.js';
import { loadConfig } from '../../config/tollgate-config.js';
import {
  type CostFilter,
  type CostMetric,
  parseDimension,
  parseMetric,
  usesAllocatedLines,
} from '../../core/costs/cost-query.js';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { formatMoney } from '../../core/money.js';
import { type GlobalOptions, printJson, withStores } from '../cli-context.js';
import { displayScale, formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface CostsFlags {
  from?: string;
  to?: string;
  by: string;
  metric: CostMetric;
  filter: CostFilter[];
  top?: number;
  format: 'table' | 'json' | 'csv';
  json?: boolean;
  currency?: string;
}

const METRIC_DESCRIPTION: Record<CostMetric, string> = {
  billed: 'BilledCost, as invoiced',
  effective: 'EffectiveCost, amortised commitments',
  list: 'ListCost, at public prices',
  contracted: 'ContractedCost, at negotiated prices',
};

export async function runCosts(flags: CostsFlags, command: Command) {
  const groupBy = flags.by
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseDimension);
  const settings = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db }).server;
  const currency = flags.currency ?? settings.reportingCurrency ?? 'billing';
  const report = await withStores(command, (stores) =>
    queryCostsAsAsked(
      stores,
      {
        from: flags.from,
        to: flags.to,
        groupBy,
        metric: parseMetric(flags.metric),
        filters: flags.filter,
      },
      flags.top,
      { currency, rateBasis: settings.rateBasis },
      { from: '--from', to: '--to', metric: '--metric', currency: '--currency' },
    ),
  );
  const format = flags.json ? 'json' : flags.format;
  if (format === 'json')
    printJson({
      ...toJson(report),
      monthsWithoutAllocation: report.monthsWithoutAllocation,
      ...convertedJson(report),
    });
  else if (format === 'csv') process.stdout.write(toCsv(report, flags.top !== undefined));
  else process.stdout.write(toTable(report));
  if (report.monthsWithoutAllocation.length > 0)
    process.stderr.write(`${describeMonthsWithoutAllocation(report.monthsWithoutAllocation)}\n`);
}

/** Said on standard error (the table, CSV or JSON on standard output stay as they are). */
export function describeMonthsWithoutAllocation(months: string[]): string {
  const period = months.length === 1 ? months[0] : `${months[0]}..${months.at(-1)}`;
  return `Not in these owner figures: ${months.join(', ')} ${months.length === 1 ? 'has' : 'have'} cost lines but no allocation run; run tollgate allocate --period ${period} to include ${months.length === 1 ? 'it' : 'them'}.`;
}

/** The JSON contract scripts rely on: dimension values under the names given to --by, amounts as decimal strings. */
export function toJson(report: CostReport) {
  const split = splitCostRemainder(report.rows);
  return {
    metric: report.query.metric,
    from: report.query.from ?? null,
    to: report.query.to ?? null,
    rows: split.ranked.map((row) => ({
      ...row.dimensions,
      currency: row.currency,
      cost: formatMoney(row.cost),
    })),
    remainder: split.remainder,
  };
}

/**
 * With --top, a last column `remainder` says which row sums the groups past the top N (`true`,
 * its dimension cells empty) apart from the ranked groups (`false`): a service really named
 * "other" stays a group of its own.
 */
function toCsv(report: CostReport, withRemainder: boolean): string {
  type Row = CostReport['rows'][number];
  const columns: CsvColumn<Row>[] = [
    ...report.query.groupBy.map((dimension) => ({
      label: dimension,
      value: (row: Row) => (row.isRemainder ? null : (row.dimensions[dimension] ?? null)),
    })),
    { label: 'currency', value: (row) => row.currency },
    { label: 'cost', kind: 'number', value: (row) => formatMoney(row.cost) },
    ...(withRemainder ? [{ label: 'remainder', value: (row: Row) => String(row.isRemainder === true) }] : []),
  ];
  // Lines end in \n on standard output, where Unix tools read them.
  return writeCsv(columns, report.rows, '\n');
}

function toTable(report: CostReport | ConvertedCostReport): string {
  const { query } = report;
  const range = `${query.from ?? 'the beginning'} to ${query.to ?? 'the end'}`;
  const converted =
    'billingTotals' in report ? `, in ${report.currency} at each charge ${report.rateBasis}'s rate` : '';
  const header = `Metric: ${query.metric} (${METRIC_DESCRIPTION[query.metric]}), charge period ${range}${query.to ? ' (exclusive)' : ''}${converted}`;
  const source = usesAllocatedLines(query)
    ? '\nOwners from allocation: allocated periods only; unallocated cost shows as owner "unallocated".'
    : '';
  if (report.rows.length === 0) return `${header}${source}\nNo cost lines match.\n`;
  const headers = [...query.groupBy, 'currency', `${query.metric} cost`];
  const scale = displayScale(report.rows.map((row) => row.cost));
  // The remainder of --top is no group: it says so, and comes last in its currency.
  const rows = report.rows.map((row) => [
    ...query.groupBy.map((dimension, index) =>
      row.isRemainder ? (index === 0 ? '(all others)' : '') : (row.dimensions[dimension] ?? '(none)'),
    ),
    row.currency,
    formatAmount(row.cost, scale),
  ]);
  for (const total of report.totals) {
    rows.push([
      ...query.groupBy.map((_, index) => (index === 0 ? 'Total' : '')),
      total.currency,
      formatAmount(total.cost, scale),
    ]);
  }
  return `${header}${source}\n${renderTable(headers, rows, [headers.length - 1])}\n`;
}
