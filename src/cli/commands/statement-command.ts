import type { Command } from 'commander';
import { buildStatement, type TeamStatement } from '../../app/allocation/build-statement.js';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { TollgateError } from '../../core/errors.js';
import { formatMoney } from '../../core/money.js';
import { printJson, withStores } from '../cli-context.js';

const MODEL_TEXT = {
  showback: 'Showback: for information, nothing is charged.',
  full: 'Full cost recovery: the team is charged its whole total.',
  partial: 'Partial recovery: central IT absorbs part of the shared costs; the rest is charged.',
} as const;
export async function runStatement(
  flags: {
    team: string;
    period: string;
    model: string;
    subsidy?: string;
    format: string;
    json?: boolean;
  },
  command: Command,
) {
  const format = flags.json ? 'json' : flags.format;
  if (!['json', 'csv', 'html'].includes(format)) {
    throw new TollgateError(
      'STATEMENT_BAD_FORMAT',
      `--format ${format} is not one of json, csv, html.`,
      'usage',
    );
  }
  const statement = await withStores(command, (stores) =>
    buildStatement(
      stores,
      {
        team: flags.team,
        period: flags.period,
        model: flags.model,
        subsidy: flags.subsidy,
      },
      { period: '--period', model: '--model', subsidy: '--subsidy' },
    ),
  );
  if (format === 'json') printJson(statement);
  else if (format === 'csv') process.stdout.write(statementCsv(statement));
  else process.stdout.write(statementHtml(statement));
}

type Line = [
  section: string,
  currency: string,
  item: string,
  detail: string,
  billed: string,
  effective: string,
];

function statementLines(statement: TeamStatement): Line[] {
  const lines: Line[] = [];
  for (const money of statement.currencies) {
    const c = money.currency;
    for (const row of money.direct)
      lines.push([
        'direct',
        c,
        row.service ?? '(no catalogue service)',
        `${row.provider ?? ''} ${row.providerService ?? ''}`.trim(),
        row.billedCost,
        row.effectiveCost,
      ]);
    for (const row of money.shared)
      lines.push([
        'shared',
        c,
        row.ruleId,
        row.driver ? `${row.method} by ${row.driver}` : row.method,
        row.billedCost,
        row.effectiveCost,
      ]);
    for (const row of money.adjustments)
      lines.push([
        'adjustment',
        c,
        row.provider ?? '',
        row.providerService ?? '',
        row.billedCost,
        row.effectiveCost,
      ]);
    for (const row of money.credits)
      lines.push([
        'credit',
        c,
        row.provider ?? '',
        row.providerService ?? '',
        row.billedCost,
        row.effectiveCost,
      ]);
    for (const [name, amounts] of Object.entries(money.totals))
      lines.push([
        name === 'total' ? 'total' : `total ${name}`,
        c,
        '',
        '',
        amounts.billedCost,
        amounts.effectiveCost,
      ]);
    lines.push([
      'charged',
      c,
      statement.model,
      `subsidy ${statement.subsidyPercent}%`,
      '',
      money.recovery.charged,
    ]);
    lines.push(['subsidised', c, statement.model, '', '', money.recovery.subsidised]);
  }
  return lines;
}

function statementCsv(statement: TeamStatement): string {
  const columns: CsvColumn<Line>[] = [
    { label: 'team', value: () => statement.team.id },
    { label: 'period', value: () => statement.period },
    { label: 'rule_set_version', kind: 'number', value: () => String(statement.run.ruleSetVersion) },
    { label: 'section', value: (line) => line[0] },
    { label: 'currency', value: (line) => line[1] },
    { label: 'item', value: (line) => line[2] },
    { label: 'detail', value: (line) => line[3] },
    { label: 'billed_cost', kind: 'number', value: (line) => (line[4] === '' ? '' : formatMoney(line[4])) },
    { label: 'effective_cost', kind: 'number', value: (line) => formatMoney(line[5]) },
  ];
  // Lines end in \n on standard output, where Unix tools read them.
  return writeCsv(columns, statementLines(statement), '\n');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function statementHtml(statement: TeamStatement): string {
  const rows = statementLines(statement)
    .map(
      (line) =>
        `<tr${line[0].startsWith('total') || line[0] === 'charged' ? ' class="total"' : ''}>${line
          .map(
            (cell, index) =>
              `<td${index >= 4 ? ' class="num"' : ''}>${escapeHtml(index >= 4 && cell !== '' ? formatMoney(cell, 2) : cell)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  const title = `${statement.team.name} (${statement.team.id}) — ${statement.period}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}.total td{font-weight:600}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>Cost centre ${escapeHtml(statement.team.costCentre)}${statement.team.businessUnit ? `, business unit ${escapeHtml(statement.team.businessUnit)}` : ''}.
Rule set v${statement.run.ruleSetVersion}, catalogue v${statement.run.catalogVersion}, allocation run ${statement.run.id}${statement.closed ? ' (period closed)' : ' (period open: figures may change)'}.</p>
<p>${escapeHtml(MODEL_TEXT[statement.model])}${statement.model === 'partial' ? ` Subsidy: ${escapeHtml(statement.subsidyPercent)}% of shared costs.` : ''} Charges use effective cost.</p>
<table><thead><tr><th>section</th><th>currency</th><th>item</th><th>detail</th><th>billed</th><th>effective</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
