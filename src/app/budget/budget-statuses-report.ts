import type { Budget } from '../../core/budget/budget-model.js';
import type { CostFilter, Dimension } from '../../core/costs/cost-query.js';
import type { RateBasis } from '../../core/currency/convert-amount.js';
import { TollgateError } from '../../core/errors.js';
import type { FieldLabels } from '../../core/field-labels.js';
import { addDays } from '../../core/forecast/day-dates.js';
import { Decimal } from '../../core/money.js';
import type { ChargeDayCost } from '../../ports/forecast-store.js';
import type { Stores } from '../../ports/stores.js';
import { buildChargeSeries, scanningStore } from '../forecast/load-charge-series.js';
import {
  type BudgetStatusReport,
  type BudgetStatusWindow,
  budgetStatusWindow,
  completeBudgetStatus,
  type ExactBudgetSums,
  pickBudgetSeries,
  reportBudgetStatus,
} from './budget-status-report.js';
import { scopeKeyOf } from './scope-key.js';

/** One budget's answer in a batch: its report, or why it has none (the error a single status gives). */
export type BudgetStatusOutcome =
  | { budget: Budget; report: BudgetStatusReport; error?: undefined }
  | { budget: Budget; report?: undefined; error: TollgateError };

/**
 * A budget whose scope is one value per dimension, with at most one dimension besides
 * currency: budgets of the same shape can share one query grouped by that dimension.
 */
interface GroupableBudget {
  budget: Budget;
  window: BudgetStatusWindow;
  /** The dimension the shared query groups by (none when the scope is only a currency or empty). */
  groupBy: Dimension | undefined;
  groupValue: string | null;
  currency: string | undefined;
  /** Budgets with the same shape key are asked for together. */
  shape: string;
}

function describeGroupable(budget: Budget, window: BudgetStatusWindow): GroupableBudget | undefined {
  const filters = budget.scope.filters;
  const dimensions = new Set(filters.map((filter) => filter.dimension));
  if (dimensions.size !== filters.length) return undefined;
  if (filters.some((filter) => filter.values.length !== 1 || !filter.values[0])) return undefined;
  const others = filters.filter((filter) => filter.dimension !== 'currency');
  if (others.length > 1) return undefined;
  const groupBy = others[0]?.dimension;
  const currency = filters.find((filter) => filter.dimension === 'currency')?.values[0] ?? undefined;
  return {
    budget,
    window,
    groupBy,
    groupValue: others[0]?.values[0] ?? null,
    currency,
    shape: JSON.stringify([budget.metric, groupBy ?? '', currency !== undefined]),
  };
}

/** The filters of a shared query: each dimension of the shape, any of the members' values. */
function sharedFilters(members: GroupableBudget[]): CostFilter[] {
  const filters: CostFilter[] = [];
  const first = members[0]!;
  if (first.groupBy)
    filters.push({
      dimension: first.groupBy as CostFilter['dimension'],
      values: unique(members.map((m) => m.groupValue)),
    });
  if (first.currency !== undefined)
    filters.push({ dimension: 'currency', values: unique(members.map((m) => m.currency ?? null)) });
  return filters;
}

function unique(values: (string | null)[]): (string | null)[] {
  return [...new Set(values)].sort();
}

function belongsTo(member: GroupableBudget, group: string | null, currency: string): boolean {
  return (
    (member.groupBy === undefined || group === member.groupValue) &&
    (member.currency === undefined || currency === member.currency)
  );
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function asTollgateError(error: unknown): TollgateError {
  if (error instanceof TollgateError) return error;
  throw error;
}

/**
 * Every budget's status on `asOf` with grouped queries rather than one pass per budget (the
 * per-budget cost is the store's scans, above all on allocated lines, not the forecast):
 * 1. budgets whose scope is one value per dimension, with at most one dimension besides
 *    currency, are put in shapes (metric, that dimension, whether currency is filtered);
 * 2. per shape and history window, one daily-charges query grouped by the dimension, filtered
 *    to all the members' values, is sliced into each member's rows (the same rows, so the
 *    same series, its own query would give);
 * 3. the exact actuals and last-day sums likewise, one grouped cost query per shape and day
 *    range, summed per member;
 * 4. the forecast snapshots are listed once; each status is then completed as a single one is.
 * Other budgets (several values or dimensions) go through `reportBudgetStatus` one by one.
 * A budget without data or in the wrong currency gets the error a single status would give.
 */
export async function reportBudgetStatuses(
  stores: Stores,
  budgets: Budget[],
  asOf: string,
  labels: FieldLabels<'asOf'> = {},
  rateBasis: RateBasis = 'day',
): Promise<BudgetStatusOutcome[]> {
  const outcomes = new Map<string, BudgetStatusOutcome>();
  const groupable: GroupableBudget[] = [];
  const single: Budget[] = [];
  for (const budget of budgets) {
    const window = budgetStatusWindow(budget, asOf, labels);
    const described = describeGroupable(budget, window);
    if (described) groupable.push(described);
    else single.push(budget);
  }

  // Step 2: series per shape and history window.
  const seriesOf = new Map<string, ReturnType<typeof buildChargeSeries>>();
  const bySeriesQuery = groupBy(groupable, (m) => `${m.shape}|${m.window.historyFrom}|${m.window.until}`);
  await Promise.all(
    [...bySeriesQuery.values()].map(async (members) => {
      const first = members[0]!;
      const rows = await scanningStore(stores).dailyCharges({
        filters: sharedFilters(members),
        metric: first.budget.metric,
        from: first.window.historyFrom,
        to: first.window.until,
        ...(first.groupBy ? { groupBy: first.groupBy } : {}),
      });
      for (const member of members) {
        const own: ChargeDayCost[] = rows
          .filter((row) => belongsTo(member, row.group, row.currency))
          .map((row) => ({ ...row, group: null }));
        seriesOf.set(member.budget.name, buildChargeSeries(own));
      }
    }),
  );

  // Step 3: exact sums per shape and day range.
  const measured: { member: GroupableBudget; series: ReturnType<typeof pickBudgetSeries> }[] = [];
  for (const member of groupable) {
    // Spend in other currencies than the budget's is converted, budget by budget.
    if ((seriesOf.get(member.budget.name) ?? []).some((scope) => scope.currency !== member.budget.currency)) {
      single.push(member.budget);
      continue;
    }
    try {
      measured.push({
        member,
        series: pickBudgetSeries(member.budget, member.window, seriesOf.get(member.budget.name) ?? []),
      });
    } catch (error) {
      outcomes.set(member.budget.name, { budget: member.budget, error: asTollgateError(error) });
    }
  }
  const sums = new Map<string, ExactBudgetSums>();
  for (const { member } of measured)
    sums.set(member.budget.name, { actual: new Decimal(0), lastDay: new Decimal(0) });
  const ranges = measured.flatMap(({ member, series }) =>
    series.lastDay >= member.window.period.start
      ? [
          { member, field: 'actual' as const, from: member.window.period.start, to: member.window.until },
          { member, field: 'lastDay' as const, from: series.lastDay, to: addDays(series.lastDay, 1) },
        ]
      : [],
  );
  await Promise.all(
    [...groupBy(ranges, (r) => `${r.member.shape}|${r.from}|${r.to}`).values()].map(async (asks) => {
      const first = asks[0]!;
      const rows = await stores.costs.queryCosts({
        groupBy: first.member.groupBy ? [first.member.groupBy] : [],
        filters: sharedFilters(asks.map((ask) => ask.member)),
        metric: first.member.budget.metric,
        from: first.from,
        to: first.to,
      });
      for (const ask of asks) {
        const total = rows
          .filter((row) =>
            belongsTo(
              ask.member,
              ask.member.groupBy ? (row.dimensions[ask.member.groupBy] ?? null) : null,
              row.currency,
            ),
          )
          .reduce((sum, row) => sum.plus(row.cost), new Decimal(0));
        sums.get(ask.member.budget.name)![ask.field] = total;
      }
    }),
  );

  // Step 4: snapshots once, then each status as a single one completes it.
  const snapshots = measured.length > 0 ? await stores.forecasts.listSnapshots() : [];
  for (const { member, series } of measured) {
    const scopeKey = scopeKeyOf(member.budget.scope.filters);
    const report = await completeBudgetStatus(
      stores,
      member.budget,
      asOf,
      member.window,
      series,
      sums.get(member.budget.name)!,
      snapshots.filter((snapshot) => snapshot.scopeKey === scopeKey),
    );
    outcomes.set(member.budget.name, { budget: member.budget, report });
  }
  for (const budget of single) {
    try {
      outcomes.set(budget.name, {
        budget,
        report: await reportBudgetStatus(stores, budget, asOf, labels, rateBasis),
      });
    } catch (error) {
      outcomes.set(budget.name, { budget, error: asTollgateError(error) });
    }
  }
  return budgets.map((budget) => outcomes.get(budget.name)!);
}
