import type { Command } from 'commander';
import { reportLicenceUsage } from '../../app/contracts/report-licence-usage.js';
import type { LicenceMonth, LicenceTrend } from '../../core/contracts/licence-usage-trend.js';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

type Report = Awaited<ReturnType<typeof reportLicenceUsage>>;
type Row = { trend: LicenceTrend; line: LicenceMonth };

const known = (value: number | string | null) => (value === null ? null : String(value));
const shown = (value: number | string | null) => known(value) ?? 'no usage';

export async function runLicencesTrend(
  flags: { from: string; to: string; product?: string; format: string; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    reportLicenceUsage(stores, {
      from: flags.from,
      to: flags.to,
      ...(flags.product === undefined ? {} : { product: flags.product }),
    }),
  );
  const format = flags.json ? 'json' : flags.format;
  if (format === 'json') return printJson(report);
  const rows = report.licences.flatMap((trend) => trend.months.map((line) => ({ trend, line })));
  if (format === 'csv') return void process.stdout.write(toCsv(rows));
  process.stdout.write(toTable(report, rows));
}

function toCsv(rows: readonly Row[]): string {
  const columns: CsvColumn<Row>[] = [
    { label: 'month', value: ({ line }) => line.month },
    { label: 'licence_id', value: ({ trend }) => trend.licenceId },
    { label: 'product', value: ({ trend }) => trend.product },
    { label: 'metric', value: ({ trend }) => trend.metric },
    { label: 'entitled', kind: 'number', value: ({ trend }) => String(trend.entitled) },
    { label: 'used', kind: 'number', value: ({ line }) => known(line.used) },
    { label: 'shortfall', kind: 'number', value: ({ line }) => known(line.shortfall) },
    { label: 'shortfall_cost', kind: 'number', value: ({ line }) => line.shortfallCost },
    { label: 'shelfware', kind: 'number', value: ({ line }) => known(line.shelfware) },
    { label: 'shelfware_cost', kind: 'number', value: ({ line }) => line.shelfwareCost },
    { label: 'currency', value: ({ trend }) => trend.currency },
    { label: 'status', value: ({ line }) => line.status },
    { label: 'usage_as_of', value: ({ line }) => line.asOf },
    { label: 'peak_used', kind: 'number', value: ({ trend }) => known(trend.peak?.used ?? null) },
  ];
  // Lines end in \n on standard output, where Unix tools read them.
  return writeCsv(columns, rows, '\n');
}

function toTable(report: Report, rows: readonly Row[]): string {
  const title = `Licence usage ${report.from} to ${report.to}${report.product ? ` (${report.product})` : ''}`;
  if (rows.length === 0) return `${title}: no licence term falls in this range.\n`;
  const months = renderTable(
    [
      'month',
      'licence',
      'product',
      'entitled',
      'used',
      'status',
      'currency',
      'shortfall cost',
      'shelfware cost',
    ],
    rows.map(({ trend, line }) => [
      line.month,
      trend.licenceId,
      trend.product,
      String(trend.entitled),
      shown(line.used),
      line.status,
      trend.currency,
      shown(line.shortfallCost),
      shown(line.shelfwareCost),
    ]),
    [3, 4, 7, 8],
  );
  const peaks = renderTable(
    ['licence', 'entitled', 'peak used', 'first seen'],
    report.licences.map((trend) => [
      trend.licenceId,
      String(trend.entitled),
      shown(trend.peak?.used ?? null),
      trend.peak?.asOf ?? '',
    ]),
    [1, 2],
  );
  const totals = renderTable(
    ['month', 'currency', 'shortfall cost', 'shelfware cost', 'without usage'],
    report.totals.map((total) => [
      total.month,
      total.currency,
      shown(total.shortfallCost),
      shown(total.shelfwareCost),
      total.missing.join(' ') || '-',
    ]),
    [2, 3],
  );
  return `${title}\n\n${months}\n\nPeak usage\n${peaks}\n\nBy month\n${totals}\n`;
}
