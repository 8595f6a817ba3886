import type { BudgetDescription, CostReport, KpiReport } from '../api-types.js';

type UnitCosts = Pick<
  KpiReport['unitCosts'],
  'currency' | 'deployments' | 'total' | 'perDeployment' | 'byTeamMonth'
>;

import type { CurrencyChoice } from '../currency-choice.js';
import { Decimal } from '../money-text.js';

/**
 * The organisation-wide budget of a currency, period and cost metric: the one whose scope names
 * nothing but the currency (budgets for a business unit or team have more filters). A budget
 * on another metric measures other figures than the page shows, so it is not this one.
 */
export function findOrganisationBudget(
  budgets: BudgetDescription[],
  choice: Pick<CurrencyChoice, 'currency' | 'converted'>,
  period: BudgetDescription['period'],
  metric: BudgetDescription['metric'],
): BudgetDescription | undefined {
  const { currency, converted } = choice;
  return budgets.find(
    (budget) =>
      budget.currency === currency &&
      budget.period === period &&
      budget.metric === metric &&
      // All converted: a budget of all spend (no scope); one billing currency: scoped to it alone.
      (converted
        ? budget.scope.length === 0
        : budget.scope.length > 0 && budget.scope.every((term) => term.trim() === `currency=${currency}`)),
  );
}

export interface MonthShare {
  month: string;
  total: string;
  unallocated: string;
  /** Unallocated / total * 100, one decimal; null for a month without spend. */
  percent: string | null;
}

/** Unallocated share per month from costs grouped by month and business unit (exact sums). */
export function unallocatedByMonth(report: CostReport): MonthShare[] {
  const months = new Map<string, { total: Decimal; unallocated: Decimal }>();
  for (const row of report.rows) {
    const month = (row.month ?? '').slice(0, 7);
    const entry = months.get(month) ?? { total: new Decimal(0), unallocated: new Decimal(0) };
    entry.total = entry.total.plus(row.cost ?? '0');
    if (row['business-unit'] === 'unallocated') entry.unallocated = entry.unallocated.plus(row.cost ?? '0');
    months.set(month, entry);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { total, unallocated }]) => ({
      month,
      total: total.toFixed(),
      unallocated: unallocated.toFixed(),
      percent: total.isZero() ? null : unallocated.div(total).times(100).toFixed(1),
    }));
}

/** Sums of a grouped report by one dimension, largest first (exact). */
export function totalsBy(report: CostReport, dimension: string): { key: string; cost: string }[] {
  const totals = new Map<string, Decimal>();
  for (const row of report.rows) {
    const key = row[dimension] ?? '(none)';
    totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(row.cost ?? '0'));
  }
  return [...totals.entries()]
    .sort((a, b) => b[1].comparedTo(a[1]))
    .map(([key, cost]) => ({ key, cost: cost.toFixed() }));
}

export interface DeploymentMonth {
  month: string;
  deployments: number;
  cost: string;
  /** cost / deployments, two decimals. */
  perDeployment: string | null;
}

/** Cost per deployment per month, summed over teams from the KPI unit costs (exact). */
export function costPerDeploymentByMonth(unitCosts: UnitCosts): DeploymentMonth[] {
  const months = new Map<string, { deployments: number; cost: Decimal }>();
  for (const row of unitCosts.byTeamMonth) {
    const entry = months.get(row.month) ?? { deployments: 0, cost: new Decimal(0) };
    entry.deployments += row.deployments;
    entry.cost = entry.cost.plus(row.cost);
    months.set(row.month, entry);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { deployments, cost }]) => ({
      month,
      deployments,
      cost: cost.toFixed(),
      perDeployment: deployments === 0 ? null : cost.div(deployments).toFixed(2),
    }));
}

/**
 * Why cost per deployment cannot be shown in the chosen currency, or null when it can: process
 * costs are figured in the governance policy's one currency, and a figure in another currency
 * next to tiles in the chosen one would read as the chosen one.
 */
export function deploymentCurrencyNote(unitCurrency: string, chosen: string): string | null {
  return unitCurrency === chosen
    ? null
    : `Cost per deployment is figured in ${unitCurrency} (the governance policy's currency); choose ${unitCurrency} to see it.`;
}
