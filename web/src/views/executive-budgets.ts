import { useMemo } from 'react';
import { ApiError } from '../api-client';
import type { BudgetDescription, BudgetStatusAnswer, BudgetStatusesAnswer, CostReport } from '../api-types';
import { type ApiState, useApi } from '../use-api';
import { findOrganisationBudget } from './executive-model';

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
  return { metric: 'effective', from: null, to: null, rows };
}

/** The month and fiscal-year organisation budgets of a currency and their statuses as of a day. */
export function useBudgetTiles(asOf: string | null, currency: string, canSeeBudgets: boolean) {
  const budgets = useApi<BudgetDescription[]>(canSeeBudgets ? '/api/v1/budgets' : null);
  const monthBudget =
    budgets.status === 'ready' ? findOrganisationBudget(budgets.data, currency, 'month') : undefined;
  const yearBudget =
    budgets.status === 'ready' ? findOrganisationBudget(budgets.data, currency, 'fiscal-year') : undefined;
  // Both tiles' statuses in one call (the budget list is asked for at sign-in, so it is ready).
  const wanted = [monthBudget?.name, yearBudget?.name].filter((name): name is string => name !== undefined);
  const statusAnswer = useApi<BudgetStatusesAnswer>(
    asOf && wanted.length > 0 ? '/api/v1/budgets/status' : null,
    { query: { asOf, budget: wanted } },
  );
  const monthStatus = useMemo(() => pickStatus(statusAnswer, monthBudget?.name), [statusAnswer, monthBudget]);
  const yearStatus = useMemo(() => pickStatus(statusAnswer, yearBudget?.name), [statusAnswer, yearBudget]);
  return { budgets, monthBudget, yearBudget, monthStatus, yearStatus };
}
