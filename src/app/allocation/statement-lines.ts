import type { TeamStatement } from '../../app/allocation/build-statement.js';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { formatMoney } from '../../core/money.js';

export const MODEL_TEXT = {
  showback: 'Showback: for information, nothing is charged.',
  full: 'Full cost recovery: the team is charged its whole total.',
  partial: 'Partial recovery: central IT absorbs part of the shared costs; the rest is charged.',
} as const;

/** The lines of a statement as its CSV, HTML and PDF list them: one table, one order. */
export type StatementLine = [
  section: string,
  currency: string,
  item: string,
  detail: string,
  billed: string,
  effective: string,
];

export function statementLines(statement: TeamStatement): StatementLine[] {
  const lines: StatementLine[] = [];
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
    for (const row of money.environments)
      lines.push([
        'environment',
        c,
        row.environment ?? '(no environment)',
        'of the total',
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
  // A converted statement shows what each billing currency came to: these add up to the total.
  for (const from of statement.conversion?.byCurrency ?? [])
    lines.push([
      'converted from',
      statement.conversion!.currency,
      from.currency,
      `${formatMoney(from.effectiveCost)} ${from.currency} effective`,
      from.convertedBilledCost,
      from.convertedEffectiveCost,
    ]);
  return lines;
}

export function statementCsv(statement: TeamStatement): string {
  const columns: CsvColumn<StatementLine>[] = [
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
