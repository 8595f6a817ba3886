import { useMemo } from 'react';
import type { CostReport, DataRangeAnswer } from './api-types';
import { readCurrencyChoice } from './currency-choice';
import { Decimal } from './money-text';
import { prefetchApi } from './query-client';
import { type ApiState, useApi } from './use-api';

/**
 * What data there is: every cost view needs its currencies (largest first) and the last day
 * with data (the views' "today": billing data lags, and the demo year lies in the past) before
 * it can ask anything else. GET /api/v1/data-range answers just that (two small questions);
 * asking it while /me is still answering (prefetchCostRange) keeps it off the critical path.
 */
export interface CostRange {
  /** Largest total first. */
  currencies: string[];
  /** The last day with spend, per currency (YYYY-MM-DD). */
  lastDay: Record<string, string>;
  /** The configured reporting currency (null: none configured). */
  reportingCurrency: string | null;
  /** Currencies every figure can be converted into ("All, in EUR"). */
  reportingCurrencies: string[];
}

const PATH = '/api/v1/data-range';

/** Starts the question early (the answer is shared through the query cache). */
export function prefetchCostRange(): void {
  prefetchApi(PATH);
}

export function summariseDataRange(answer: DataRangeAnswer): CostRange {
  const lastDay: CostRange['lastDay'] = {};
  for (const entry of answer.currencies) lastDay[entry.currency] = entry.lastDay;
  return {
    currencies: answer.currencies.map((entry) => entry.currency),
    lastDay,
    reportingCurrency: answer.reportingCurrency ?? null,
    reportingCurrencies: answer.reportingCurrencies ?? [],
  };
}

export function useCostRange(): ApiState<CostRange> {
  const state = useApi<DataRangeAnswer>(PATH);
  return useMemo<ApiState<CostRange>>(
    () =>
      state.status === 'ready'
        ? { status: 'ready', data: summariseDataRange(state.data), error: undefined }
        : state,
    [state],
  );
}

export interface DailyCost {
  day: string;
  cost: string;
}

/**
 * Spend per day in one currency choice (see currency-choice.ts) over [from, to), oldest first: one question per view, sent
 * as soon as the last day is known, which the view then cuts (months, the last N days) without
 * asking again.
 */
export function useDailyCosts(
  metric: string,
  choiceValue: string,
  from: string | null,
  to: string | null,
): ApiState<DailyCost[]> {
  const choice = readCurrencyChoice(choiceValue);
  const state = useApi<CostReport>(choiceValue && from && to ? '/api/v1/costs' : null, {
    query: {
      by: 'day',
      metric,
      from: from ?? '',
      to: to ?? '',
      filter: choice.filters,
      currency: choice.apiCurrency,
    },
  });
  return useMemo<ApiState<DailyCost[]>>(
    () =>
      state.status === 'ready'
        ? { status: 'ready', data: dailyRows(state.data, choice.currency), error: undefined }
        : state,
    [state, choice.currency],
  );
}

export function dailyRows(report: CostReport, currency: string): DailyCost[] {
  return report.rows
    .filter((row) => row.currency === currency)
    .map((row) => ({ day: (row.day ?? '').slice(0, 10), cost: row.cost ?? '0' }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** Exact monthly sums of a daily series over [from, to). */
export function sumByMonth(days: { day: string; cost: string }[], from: string, to: string) {
  const months = new Map<string, Decimal>();
  for (const { day, cost } of days) {
    if (day < from || day >= to) continue;
    const month = day.slice(0, 7);
    months.set(month, (months.get(month) ?? new Decimal(0)).plus(cost));
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, cost]) => ({ month, cost: cost.toFixed() }));
}
