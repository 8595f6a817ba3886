import { useMemo } from 'react';
import { ApiError } from '../api-client';
import type {
  BudgetDescription,
  BudgetStatusAnswer,
  BudgetStatusesAnswer,
  CostMetric,
  CostReport,
} from '../api-types';
import type { CurrencyChoice } from '../currency-choice';
import { type ApiState, useApi } from '../use-api';
import { findOrganisationBudget } from './executive-model';
import { budgetStatusAsOf } from './executive-period';

/** Days of actuals the forecast chart shows before its first forecast day. */
export const FORECAST_HISTORY_DAYS = 90;
export const LOADING = { status: 'loading', data: undefined, error: undefined } as const;

export function earlierDayText(a: string, b: string): string {
  return a < b ? a : b;
}

/** One budget's entry of a batch answer as the tiles read it; its error as the tile's error. */
function pickStatus(
  answer: ApiState<BudgetStatusesAnswer>,
  name: string | undefined,
): ApiState<BudgetStatusAnswer> {
  if (answer.status !== 'ready') return answer;
  const entry = answer.data.budgets.find((candidate) => candidate.name === name);
  if (entry?.status)
    return { status: 'ready', data: { status: entry.status, forecast: entry.forecast }, error: undefined };
  return {
    status: 'error',
    data: undefined,
    error: new ApiError(
      200,
      entry?.error?.code ?? 'BUDGET_NOT_FOUND',
      entry?.error?.message ?? `No status for ${name}.`,
    ),
  };
}

export function report(rows: Record<string, string | null>[]): CostReport {
  return { metric: 'effective', from: null, to: null, rows, remainder: [], monthsWithoutAllocation: [] };
}

/**
 * The month and fiscal-year organisation budgets of a currency choice and cost metric, and their
 * statuses counting the last day with data (`lastDay`; see budgetStatusAsOf). Both statuses
 * come in one call when they are asked as of the same day, in two otherwise.
 */
export function useBudgetTiles(
  lastDay: string | null,
  choice: CurrencyChoice,
  metric: CostMetric,
  canSeeBudgets: boolean,
) {
  const budgets = useApi<BudgetDescription[]>(canSeeBudgets ? '/api/v1/budgets' : null);
  const monthBudget =
    budgets.status === 'ready' ? findOrganisationBudget(budgets.data, choice, 'month', metric) : undefined;
  const yearBudget =
    budgets.status === 'ready'
      ? findOrganisationBudget(budgets.data, choice, 'fiscal-year', metric)
      : undefined;
  const unknown = { asOf: '', periodComplete: false };
  const monthWhen = lastDay
    ? budgetStatusAsOf(lastDay, 'month', monthBudget?.fiscalYearStartMonth ?? 1)
    : unknown;
  const yearWhen = lastDay
    ? budgetStatusAsOf(lastDay, 'fiscal-year', yearBudget?.fiscalYearStartMonth ?? 1)
    : unknown;
  const together = !monthBudget || !yearBudget || monthWhen.asOf === yearWhen.asOf;
  const first = monthBudget ? monthWhen : yearWhen;
  const firstNames = (together ? [monthBudget?.name, yearBudget?.name] : [monthBudget?.name]).filter(
    (name): name is string => name !== undefined,
  );
  const firstAnswer = useApi<BudgetStatusesAnswer>(
    lastDay && firstNames.length > 0 ? '/api/v1/budgets/status' : null,
    { query: { asOf: first.asOf, budget: firstNames } },
  );
  const secondAnswer = useApi<BudgetStatusesAnswer>(lastDay && !together ? '/api/v1/budgets/status' : null, {
    query: { asOf: yearWhen.asOf, budget: [yearBudget?.name ?? ''] },
  });
  const yearAnswer = together ? firstAnswer : secondAnswer;
  const monthStatus = useMemo(() => pickStatus(firstAnswer, monthBudget?.name), [firstAnswer, monthBudget]);
  const yearStatus = useMemo(() => pickStatus(yearAnswer, yearBudget?.name), [yearAnswer, yearBudget]);
  return {
    budgets,
    monthBudget,
    yearBudget,
    monthStatus,
    yearStatus,
    monthComplete: monthWhen.periodComplete,
    yearComplete: yearWhen.periodComplete,
  };
}
