import type { Command } from 'commander';
import { type CostReport, queryCosts } from '../../app/costs/query-costs.js';
import {
  type CostFilter,
  type CostMetric,
  parseDimension,
  parseMetric,
  usesAllocatedLines,
} from '../../core/costs/cost-query.js';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { formatMoney } from '../../core/money.js';
import { printJson, withStores } from '../cli-context.js';
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
  const report = await withStores(command, (stores) =>
    queryCosts(
      stores.costs,
      {
        from: flags.from,
        to: flags.to,
        groupBy,
        metric: parseMetric(flags.metric),
        filters: flags.filter,
      },
      flags.top,
      { from: '--from', to: '--to', metric: '--metric' },
    ),
  );
  const format = flags.json ? 'json' : flags.format;
  if (format === 'json') printJson(toJson(report));
  else if (format === 'csv') process.stdout.write(toCsv(report));
  else process.stdout.write(toTable(report));
}

/** The JSON contract scripts rely on: dimension values under the names given to --by, amounts as decimal strings. */
export function toJson(report: CostReport) {
  return {
    metric: report.query.metric,
    from: report.query.from ?? null,
    to: report.query.to ?? null,
    rows: report.rows.map((row) => ({
      ...row.dimensions,
      currency: row.currency,
      cost: formatMoney(row.cost),
    })),
  };
}

function toCsv(report: CostReport): string {
  type Row = CostReport['rows'][number];
  const columns: CsvColumn<Row>[] = [
    ...report.query.groupBy.map((dimension) => ({
      label: dimension,
      value: (row: Row) => row.dimensions[dimension] ?? null,
    })),
    { label: 'currency', value: (row) => row.currency },
    { label: 'cost', kind: 'number', value: (row) => formatMoney(row.cost) },
  ];
  // Lines end in \n on standard output, where Unix tools read them.
  return writeCsv(columns, report.rows, '\n');
}

function toTable(report: CostReport): string {
  const { query } = report;
  const range = `${query.from ?? 'the beginning'} to ${query.to ?? 'the end'}`;
  const header = `Metric: ${query.metric} (${METRIC_DESCRIPTION[query.metric]}), charge period ${range}${query.to ? ' (exclusive)' : ''}`;
  const source = usesAllocatedLines(query)
    ? '\nOwners from allocation: allocated periods only; unallocated cost shows as owner "unallocated".'
    : '';
  if (report.rows.length === 0) return `${header}${source}\nNo cost lines match.\n`;
  const headers = [...query.groupBy, 'currency', `${query.metric} cost`];
  const scale = displayScale(report.rows.map((row) => row.cost));
  const rows = report.rows.map((row) => [
    ...query.groupBy.map((dimension) => row.dimensions[dimension] ?? '(none)'),
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
