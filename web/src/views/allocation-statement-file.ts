import type { StatementCurrency, TeamStatement } from '../api-types.js';

export type { StatementCurrency, TeamStatement };

import { writeCsv } from '../../../src/core/csv/write-csv.js';

type Line = {
  section: string;
  currency: string;
  item: string;
  detail: string;
  billed: string;
  effective: string;
};

/** The statement as lines, in the same sections and order as `tollgate statement --format csv`. */
export function statementLines(statement: TeamStatement): Line[] {
  const lines: Line[] = [];
  const provider = (row: { provider: string | null; providerService: string | null }) =>
    [row.provider, row.providerService].filter(Boolean).join(' ');
  for (const money of statement.currencies) {
    const currency = money.currency;
    const add = (
      section: string,
      item: string,
      detail: string,
      amounts: Partial<StatementCurrency['totals']['total']>,
    ) =>
      lines.push({
        section,
        currency,
        item,
        detail,
        billed: amounts.billedCost ?? '',
        effective: amounts.effectiveCost ?? '',
      });
    for (const row of money.direct)
      add('direct', row.service ?? '(no catalogue service)', provider(row), row);
    for (const row of money.shared)
      add('shared', row.ruleId, row.driver ? `${row.method} by ${row.driver}` : row.method, row);
    for (const row of money.adjustments)
      add('adjustment', row.provider ?? '', row.providerService ?? '', row);
    for (const row of money.credits) add('credit', row.provider ?? '', row.providerService ?? '', row);
    for (const row of money.environments)
      add('environment', row.environment ?? '(no environment)', 'of the total', row);
    for (const [name, amounts] of Object.entries(money.totals))
      add(name === 'total' ? 'total' : `total ${name}`, '', '', amounts);
    add('charged', statement.model, `subsidy ${statement.subsidyPercent}%`, {
      effectiveCost: money.recovery.charged,
    });
    add('subsidised', statement.model, '', { effectiveCost: money.recovery.subsidised });
  }
  return lines;
}

/** CSV with the exact amounts (no rounding), one statement line per row. */
export function statementCsv(statement: TeamStatement): string {
  return writeCsv(
    [
      { label: 'team', value: () => statement.team.id },
      { label: 'period', value: () => statement.period },
      { label: 'rule_set_version', kind: 'number', value: () => String(statement.run.ruleSetVersion) },
      { label: 'section', value: (line: Line) => line.section },
      { label: 'currency', value: (line: Line) => line.currency },
      { label: 'item', value: (line: Line) => line.item },
      { label: 'detail', value: (line: Line) => line.detail },
      { label: 'billed_cost', kind: 'number', value: (line: Line) => line.billed },
      { label: 'effective_cost', kind: 'number', value: (line: Line) => line.effective },
    ],
    statementLines(statement),
  );
}
